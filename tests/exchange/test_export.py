"""Exporting the national template (desktop.exchange.xlsx_writer) and the import error report:
export then import into a fresh database loses nothing, ID and phone columns are text cells,
coded columns have drop-down lists, the selections (class, ids, not yet acknowledged), and
the report copies the input rows with a 错误 column on the same Excel rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import text

from desktop.domain.fields import template_headers
from desktop.exchange.error_report import ERROR_HEADER, write_error_report
from desktop.exchange.files import apply_workbook, export_workbook, preview_import, read_import
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.importing.demo_load import load_demo
from desktop.services.reports.export_selection import ExportSelection
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search, template_rows
from tests.conftest import FAST_KDF, PASSWORD
from tests.exchange.workbooks import write_workbook
from tests.factories import SCHOOL_CODE, valid_row


def fresh_database(path: Path) -> Workspace:
    school = NewSchool(code=SCHOOL_CODE, name="测试县第一小学", stages="小学,初中")
    return create_database(path, school, "registrar", PASSWORD, FAST_KDF)[0]


def full_rows() -> list[dict[str, str]]:
    """Rows that fill the optional items too, so the round trip covers every column."""
    extra = {"曾用名": "王明明", "身份证件有效期": "2020.06.01-2030.06.01", "血型": "A型",
             "特长": "书法", "学籍辅号": "FH001", "班内学号": "07", "学生来源": "正常入学",
             "电子信箱": "a@example.com", "主页地址": "http://example.com", "残疾类型": "无残疾",
             "是否由政府购买学位": "否", "随班就读": "非随班就读", "上下学距离（公里）": "2.5",
             "上下学交通方式": "步行", "是否需要乘坐校车": "否", "成员1关系说明": "",
             "成员1民族": "汉族", "成员1工作单位": "佛山市某某公司", "成员1职务": "职员",
             "邮政编码": "028000"}
    return [{**valid_row(), **extra},
            valid_row(name="李小红", seq=12, birth=dt.date(2016, 5, 20), class_name="四年级(1)班")]


@pytest.fixture
def filled(ws: Workspace, today: dt.date) -> Workspace:
    add_students(ws, full_rows(), today=today)
    load_demo(ws, 120, seed=3, today=today)
    return ws


def test_export_then_import_into_a_new_database_loses_nothing(
        filled: Workspace, tmp_path: Path, today: dt.date) -> None:
    path = tmp_path / "out.xlsx"
    assert export_workbook(filled, path) == 122
    other = fresh_database(tmp_path / "other.db")
    try:
        result = apply_workbook(other, read_import(path), today=today)
        assert len(result.created) == 122 and result.plan.refused == ()
        assert list(template_rows(other, StudentQuery())) == list(
            template_rows(filled, StudentQuery()))
        again = preview_import(other, read_import(path), today).plan
        assert {row.action.name for row in again.rows} == {"UNCHANGED"}
    finally:
        other.lock()


def test_the_export_is_the_national_template_with_text_cells(
        filled: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    export_workbook(filled, path)
    book = load_workbook(path)
    assert book.sheetnames == ["学生信息", "代码表"]
    assert book["代码表"].sheet_state == "hidden"
    sheet = book["学生信息"]
    headers = [cell.value for cell in sheet[1]]
    assert headers == template_headers() and len(headers) == 71
    for header in ("身份证件号", "联系电话", "成员1身份证件号", "成员2联系电话", "邮政编码", "出生日期"):
        column = headers.index(header) + 1
        cells = [sheet.cell(row=r, column=column) for r in range(2, sheet.max_row + 1)]
        filled_cells = [c for c in cells if c.value is not None]
        assert filled_cells, header
        assert all(c.data_type == "s" and c.number_format == "@" for c in filled_cells), header
    postcode = headers.index("邮政编码") + 1
    assert "028000" in {sheet.cell(row=r, column=postcode).value for r in range(2, sheet.max_row + 1)}


def test_coded_columns_have_drop_down_lists(filled: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    export_workbook(filled, path)
    book = load_workbook(path)
    sheet = book["学生信息"]
    letters = {cell.value: cell.column_letter for cell in sheet[1]}
    rules = {str(rule.sqref).split(":")[0]: rule.formula1
             for rule in sheet.data_validations.dataValidation}
    assert rules[f"{letters['性别']}2"] == '"男,女"'
    assert rules[f"{letters['是否独生子女']}2"] == '"是,否"'
    assert rules[f"{letters['成员2关系']}2"].startswith('"父亲,母亲')
    countries = rules[f"{letters['国籍/地区']}2"]
    assert countries.startswith("'代码表'!$")
    column = countries.split("!$")[1].split("$")[0]
    assert {"中国", "中国香港", "美国"} <= {cell.value for cell in book["代码表"][column]}
    assert f"{letters['姓名']}2" not in rules and f"{letters['身份证件号']}2" not in rules


def test_one_class_or_chosen_students(filled: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "class.xlsx"
    assert export_workbook(filled, path, ExportSelection(class_name="四年级(1)班")) >= 1
    classes = {row.cells["班级"] for row in read_import(path).rows}
    assert classes == {"四年级(1)班"}
    ids = tuple(row.id for row in search(filled, StudentQuery(text="王小明")).rows)
    assert export_workbook(filled, path, ExportSelection(student_ids=ids)) == len(ids) == 1
    with pytest.raises(ServiceError) as caught:
        export_workbook(filled, tmp_path / "none.xlsx", ExportSelection(class_name="九年级(9)班"))
    assert caught.value.code == "export.class_not_found"
    assert not (tmp_path / "none.xlsx").exists()


def test_only_students_not_yet_acknowledged(filled: Workspace, tmp_path: Path) -> None:
    path = tmp_path / "pending.xlsx"
    assert export_workbook(filled, path, ExportSelection(pending_only=True)) == 122
    [row] = search(filled, StudentQuery(text="李小红")).rows
    with filled.store.writing() as session:
        session.execute(text("UPDATE outbox SET state = 'APPLIED' WHERE record_id != :id"),
                        {"id": row.id})
    assert export_workbook(filled, path, ExportSelection(pending_only=True)) == 1
    assert [r.cells["姓名"] for r in read_import(path).rows] == ["李小红"]


def test_error_report_copies_the_rows_with_reasons_on_the_same_rows(
        ws: Workspace, tmp_path: Path, today: dt.date) -> None:
    bad = {**valid_row(name="李小红", seq=12), "身份证件号": 440604201703050120, "民族": "火星族"}
    source = write_workbook(tmp_path / "in.xlsx", [valid_row(), bad], title="学生信息表")
    sheet = read_import(source)
    plan = preview_import(ws, sheet, today).plan
    assert write_error_report(tmp_path / "report.xlsx", sheet, plan) == 1
    report = load_workbook(tmp_path / "report.xlsx").active
    header = [cell.value for cell in report[2]]
    assert header == [*template_headers(), ERROR_HEADER]
    assert report.cell(row=3, column=2).value == "王小明"
    assert report.cell(row=3, column=len(header)).value is None
    assert report.cell(row=4, column=2).value == "李小红"
    reason = report.cell(row=4, column=len(header)).value
    assert "身份证件号: Excel 把身份证件号存成了数字，精度已丢失" in reason
    assert "民族: “火星族”不是有效的选项" in reason
    assert read_import(tmp_path / "report.xlsx").ignored == (ERROR_HEADER,)
