"""`xueji audit`: the audit log on the terminal or saved as .csv/.xlsx for an inspection,
filtered by days, account and record; a bad date or a viewer is refused in Chinese."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from desktop.cli.main import main
from desktop.services.context import Role, Workspace
from desktop.services.safekeeping.accounts import add_account
from desktop.services.students.add import add_students
from tests.conftest import FAST_KDF, PASSWORD
from tests.factories import valid_row


@pytest.fixture
def db(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> Path:
    add_students(ws, [valid_row()])
    add_account(ws, "viewer1", Role.VIEWER, "viewer-pass-1", FAST_KDF)
    monkeypatch.setenv("XUEJI_PASSWORD", PASSWORD)
    return ws.store.path


def audit(db: Path, *args: str) -> int:
    return main(["audit", "--db", str(db), "--user", "registrar", *args])


def test_lines_on_the_terminal(db: Path, capsys: Any) -> None:
    assert audit(db) == 0
    out = capsys.readouterr().out
    assert "新增学生" in out and "建立学校" in out
    assert "共 4 条审计记录" in out  # school, account, student, viewer account
    assert "440604201703050110" not in out


def test_saved_for_an_inspection(db: Path, tmp_path: Path, capsys: Any) -> None:
    today = dt.date.today().isoformat()
    out = tmp_path / "审计日志.xlsx"
    assert audit(db, "--from", today, "--to", today, "--by", "registrar", "--out", str(out)) == 0
    assert "已导出 4 条审计记录" in capsys.readouterr().out
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "时间", "账号", "操作") and len(rows) == 5


def test_one_record(db: Path, capsys: Any) -> None:
    assert audit(db, "--record", valid_row()["身份证件号"]) == 0
    assert "共 1 条审计记录" in capsys.readouterr().out


def test_a_bad_date_is_said_in_chinese(db: Path, capsys: Any) -> None:
    with pytest.raises(SystemExit) as caught:
        audit(db, "--from", "2026/11/01")
    assert caught.value.code == 1
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_a_viewer_may_not_read_the_log(db: Path, capsys: Any,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XUEJI_PASSWORD", "viewer-pass-1")
    assert main(["audit", "--db", str(db), "--user", "viewer1"]) == 1
    assert "无权" in capsys.readouterr().err
