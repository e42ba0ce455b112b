"""Control characters and direction overrides through the command line, and a database an
older version filled with them: new values are refused naming the record and the column;
stored ones still export (cleaned, no `<f>`), print, and are listed by `xueji check`;
`student list` never writes ESC or BEL to the terminal. After an import that committed, a
later failure does not claim that nothing was saved."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.cli.errors import run_guarded
from desktop.domain.text_rules import text_problem
from desktop.models.student import FamilyMember, Student
from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from tests.conftest import PASSWORD
from tests.factories import valid_row

ROOT = Path(__file__).resolve().parents[2]
POISON = {"name": "王\x1b[2J小\x07明", "home_address": "人民路\u202e1号_x0000_", "specialty": "唱歌\x00"}


def xueji(tmp: Path, *args: object) -> subprocess.CompletedProcess[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "XUEJI_DEBUG"}
    env.update(XUEJI_PASSWORD=PASSWORD, XUEJI_LOG_DIR=str(tmp / "logs"), PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, timeout=180, check=False)


def _old_database(ws: Workspace) -> str:
    """A pupil whose stored items hold what an older version let in."""
    record_id = add_students(ws, [valid_row()]).ids[0]
    with ws.store.writing() as session:
        student = session.get(Student, record_id)
        assert student is not None
        for key, value in POISON.items():
            setattr(student, key, value)
        member = session.query(FamilyMember).filter_by(student_id=record_id).first()
        assert member is not None
        member.employer = "工厂\u2066"
    return record_id


def test_an_old_database_still_exports_prints_and_is_reported(ws: Workspace, db_path: Path,
                                                              tmp_path: Path) -> None:
    _old_database(ws)
    ws.lock()
    base = ("--db", db_path, "--user", "registrar")
    exported = xueji(tmp_path, "export", *base, "--out", tmp_path / "all.xlsx")
    assert exported.returncode == 0, exported.stderr.decode()
    sheet = load_workbook(tmp_path / "all.xlsx").active
    values = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert "王[2J小明" in values and "人民路1号" in values and "唱歌" in values
    assert all(text_problem(v) is None for v in values)
    with zipfile.ZipFile(tmp_path / "all.xlsx") as book:
        assert b"_x0000_" not in b"".join(book.read(n) for n in book.namelist())
    printed = xueji(tmp_path, "print", "form", *base, "--class", "三年级(2)班",
                    "--out", tmp_path / "form.pdf")
    assert printed.returncode == 0, printed.stderr.decode()
    assert (tmp_path / "form.pdf").read_bytes().startswith(b"%PDF")
    listed = xueji(tmp_path, "student", "list", *base)
    assert listed.returncode == 0
    for raw in (b"\x1b", b"\x07", "\u202e".encode()):
        assert raw not in listed.stdout + listed.stderr
    assert "王[2J小明".encode() in listed.stdout
    checked = xueji(tmp_path, "check", *base)
    err = checked.stderr.decode()
    assert checked.returncode == 1 and "含有控制字符或改变文字方向字符的项目：4 项" in err, err
    assert "家庭地址" in err and "成员1工作单位" in err and "\x1b" not in err


def test_json_records_with_control_characters_are_refused_naming_the_column(
        ws: Workspace, db_path: Path, tmp_path: Path) -> None:
    ws.lock()
    bad = {**valid_row(), "现住址": "人民路\u202e1号"}
    records = tmp_path / "records.json"
    records.write_text(json.dumps([valid_row(name="李小红", seq=12), bad]), encoding="utf-8")
    added = xueji(tmp_path, "student", "add", "--db", db_path, "--user", "registrar",
                  "--json", records)
    err = added.stderr.decode()
    assert added.returncode == 1, err
    assert "第2条 现住址: 含有不可见的控制字符或改变文字方向的字符（U+202E）" in err, err
    assert "没有保存任何记录" in err


def test_a_failure_after_a_commit_does_not_say_nothing_was_saved(
        ws: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The false "未完成的更改没有保存" after an import that had committed."""
    def command() -> int:
        add_students(ws, [valid_row()])
        raise RuntimeError("after the commit")

    captured: list[str] = []
    monkeypatch.setenv("XUEJI_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.delenv("XUEJI_DEBUG", raising=False)
    monkeypatch.setattr(sys, "stderr", _Capture(captured))
    assert run_guarded(command) == 70
    assert run_guarded(_raises) == 70
    assert "已经保存的更改仍然有效" in captured[0] and "没有保存" not in captured[0]
    assert "未完成的更改没有保存" in captured[1]


def _raises() -> int:
    raise RuntimeError("before any commit")


class _Capture:
    def __init__(self, into: list[str]) -> None:
        self.into = into

    def write(self, text: str) -> int:
        if text.strip():
            self.into.append(text)
        return len(text)

    def flush(self) -> None:
        pass
