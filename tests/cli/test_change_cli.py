"""`xueji change` and `xueji tasks` run as real subprocesses (production KDF): a 退学 in
compulsory education exits 1 with the Chinese reason and changes nothing, a 转出 exits 0,
`tasks --json` prints one JSON object per line with the transfer due in 10 working days,
and a badly written --date exits 1 with a Chinese sentence and no traceback.

One database is built once for the module (init + add + two changes + tasks + list: six
subprocesses); the --date check fails before the database is opened and runs in-process."""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.cli.main import main as cli_main
from tests.cli.test_cli import CJK, Run, write_json, xueji
from tests.factories import SCHOOL_CODE, valid_row

USER = "registrar"
PRIMARY = valid_row(name="王小明", seq=11)
JUNIOR = valid_row(name="陈初二", birth=dt.date(2013, 4, 10), seq=31, class_name="初二(1)班")
DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass
class School:
    db: Path
    setup: list[Run]
    withdrawal: Run
    transfer: Run
    tasks: Run
    listing: Run


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> School:
    tmp = tmp_path_factory.mktemp("change_cli")
    db = tmp / "school.db"
    common = ("--db", str(db), "--user", USER)
    init = xueji(tmp, "init", "--db", db, "--school-code", SCHOOL_CODE, "--school-name",
                 "测试县第一学校", "--user", USER, "--stages", "小学,初中")
    add = xueji(tmp, "student", "add", *common, "--json",
                write_json(tmp / "students.json", [PRIMARY, JUNIOR]))
    withdrawal = xueji(tmp, "change", *common, "--student", JUNIOR["身份证件号"], "--type", "退学",
                       "--date", "2026-11-02")
    transfer = xueji(tmp, "change", *common, "--student", PRIMARY["身份证件号"], "--type", "转出",
                     "--date", "2026-09-28")
    tasks = xueji(tmp, "tasks", *common, "--json")
    listing = xueji(tmp, "student", "list", *common, "--json")
    return School(db, [init, add], withdrawal, transfer, tasks, listing)


def json_lines(run: Run) -> list[dict]:
    assert run.code == 0, run.err
    return [json.loads(line) for line in run.lines]


def test_setup_succeeded(school: School) -> None:
    for run in school.setup:
        assert run.code == 0, run.err


def test_withdrawal_in_compulsory_education_exits_1(school: School) -> None:
    run = school.withdrawal
    assert run.code == 1
    assert "Traceback" not in run.err
    [line] = run.err.splitlines()
    assert "初中属于义务教育阶段" in line and "退学" in line and "辍学登记" in line
    assert run.out == ""


def test_refused_withdrawal_changed_nothing(school: School) -> None:
    status = {row["姓名"]: row["学籍状态"] for row in json_lines(school.listing)}
    assert status == {"陈初二": "在籍在读", "王小明": "转出中"}


def test_transfer_out_exits_0(school: School) -> None:
    run = school.transfer
    assert run.code == 0, run.err
    assert "王小明 转出（在籍在读 → 转出中）" in run.out
    assert "学籍主管部门" in run.out and "转学联系表" in run.out


def test_tasks_json_one_object_per_line(school: School) -> None:
    [task] = json_lines(school.tasks)
    assert {"学籍号", "身份证件号", "姓名", "事项", "截止日期"} <= set(task)
    assert (task["身份证件号"], task["学籍号"]) == (PRIMARY["身份证件号"],
                                                "G" + PRIMARY["身份证件号"])
    assert task["姓名"] == "王小明"
    assert CJK.search(task["事项"])
    assert DATE.fullmatch(task["截止日期"])
    assert task["截止日期"] == "2026-10-16"
    assert task["逾期"] is (dt.date.today() > dt.date(2026, 10, 16))


@pytest.mark.parametrize("option", ["--date", "--until"])
def test_bad_date_exits_1_in_chinese(school: School, option: str,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    code = cli_main(["change", "--db", str(school.db), "--user", USER, "--student",
                     JUNIOR["身份证件号"], "--type", "休学", "--date", "2026-11-02",
                     option, "2026/11/30"])
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.err
    [line] = captured.err.splitlines()
    assert option in line and "2026/11/30" in line and "YYYY-MM-DD" in line
    assert CJK.search(line)
    assert captured.out == ""
