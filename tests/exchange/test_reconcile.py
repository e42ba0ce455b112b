"""Reconciliation with a national-system export on a real encrypted database: official 学籍号
and flags come back (planning writes nothing, applying twice changes nothing more), every
other difference is listed, rows only on one side are named, and the CLI prints it all."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop.cli.main import main as cli_main
from desktop.exchange.national_list import read_national_list
from desktop.services.errors import ServiceError
from desktop.services.importing.reconcile import (
    DIFFERENT,
    FLAG_BACK,
    NUMBER_BACK,
    NUMBER_BAD,
    ONLY_LOCAL,
    ONLY_NATIONAL,
    apply_reconciliation,
    plan_reconciliation,
)
from desktop.services.safekeeping.integrity import check_database
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, get_student, search
from tests.conftest import PASSWORD
from tests.factories import valid_row

A, B, C = (valid_row(name="王小明", seq=11), valid_row(name="李小红", seq=12),
           valid_row(name="张小刚", seq=13))
HEADERS = ("序号", "姓名", "性别", "出生日期", "身份证件类型", "身份证件号", "班级", "民族", "全国学籍号",
           "是否留守儿童", "现住址")


def national_row(row: dict[str, str], number: str, **changes: str) -> list[str]:
    values = {**row, "全国学籍号": number, "序号": "1", **changes}
    return [values.get(h, "") for h in HEADERS]


def national_file(tmp_path: Path, rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(["全国中小学生学籍信息管理系统 学生名单"])  # a title row above the header
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append(row)
    path = tmp_path / "national.xlsx"
    book.save(path)
    return path


@pytest.fixture
def school(ws):
    add_students(ws, [A, B, C])
    return ws


@pytest.fixture
def listing(tmp_path: Path) -> Path:
    stranger = valid_row(name="赵外校", seq=15)
    return national_file(tmp_path, [
        national_row(A, "G" + A["身份证件号"], 是否留守儿童="单亲留守儿童",
                     现住址="广东省佛山市南海区新址1号"),
        national_row(B, "L440604201703050012", 身份证件号=""),  # matched by name, birth, sex
        national_row(stranger, "G" + stranger["身份证件号"]),
    ])


def student_of(ws, name: str):
    row = search(ws, StudentQuery(text=name), 0, 1).rows[0]
    return get_student(ws, row.id)


def test_plan_lists_everything_and_writes_nothing(school, listing) -> None:
    entries = read_national_list(listing).entries
    assert [e.row for e in entries] == [3, 4, 5]  # Excel rows under the title and header
    result = plan_reconciliation(school, entries)
    kinds = {(d.kind, d.name, d.header) for d in result.differences}
    assert (NUMBER_BACK, "王小明", "学籍号") in kinds
    assert (NUMBER_BACK, "李小红", "学籍号") in kinds
    assert (FLAG_BACK, "王小明", "是否留守儿童") in kinds
    assert (DIFFERENT, "王小明", "现住址") in kinds
    assert (ONLY_NATIONAL, "赵外校", "") in kinds
    assert (ONLY_LOCAL, "张小刚", "") in kinds
    assert result.matched == 2
    assert student_of(school, "李小红").xjh_provisional  # nothing written


def test_apply_brings_back_numbers_and_flags_once(school, listing) -> None:
    entries = read_national_list(listing).entries
    apply_reconciliation(school, entries)
    red = student_of(school, "李小红")
    assert (red.xjh, red.xjh_provisional) == ("L440604201703050012", False)
    ming = student_of(school, "王小明")
    assert ming.values["left_behind"] == "1" and not ming.xjh_provisional
    assert ming.values["current_address"] == A["现住址"]  # other items are listed, not changed
    again = plan_reconciliation(school, entries)
    assert again.count(NUMBER_BACK) == 0 and again.count(FLAG_BACK) == 0
    assert again.count(DIFFERENT) == 1
    assert check_database(school).ok


def test_malformed_number_is_reported_not_taken(school, tmp_path) -> None:
    path = national_file(tmp_path, [national_row(A, "G12345")])
    result = plan_reconciliation(school, read_national_list(path).entries)
    assert result.count(NUMBER_BAD) == 1 and not result.updates


def test_list_without_number_column_is_refused(tmp_path) -> None:
    book = Workbook()
    book.active.append(["姓名", "性别", "出生日期", "身份证件号", "班级", "民族"])
    path = tmp_path / "plain.xlsx"
    book.save(path)
    with pytest.raises(ServiceError) as caught:
        read_national_list(path)
    assert caught.value.code == "reconcile.no_number_column"


def test_cli_prints_differences_and_writes_report(school, listing, db_path, tmp_path, capsys,
                                                  monkeypatch) -> None:
    school.lock()
    monkeypatch.setenv("XUEJI_PASSWORD", PASSWORD)
    report = tmp_path / "diff.xlsx"
    code = cli_main(["reconcile", "--db", str(db_path), "--user", school.actor.username,
                     str(listing), "--apply", "--report", str(report)])
    out = capsys.readouterr().out
    assert code == 0
    assert "学籍号带回\t第4行\t李小红" in out and "仅本地有\t本地\t张小刚" in out
    assert "已带回学籍号 2 个、标志 1 项" in out
    rows = list(load_workbook(report).active.values)
    assert rows[0][0] == "类别" and len(rows) - 1 == out.count("\n") - 1

