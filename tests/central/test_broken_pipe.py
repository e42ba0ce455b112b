"""`xueji-central students | head` and `xueji student list | head`: the reader goes away
after one line; the command stops quietly (no BrokenPipe traceback, exit 0)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from tests.central.desk import Central, student_payload
from tests.conftest import PASSWORD
from tests.factories import valid_row

ROOT = Path(__file__).resolve().parents[2]
NAMES = [a + b for a in "王李张刘陈杨黄赵吴周" for b in "伟芳娜敏静丽强磊军洋"]


def _head_one_line(command: list[str], env: dict[str, str]) -> tuple[int, bytes, bytes]:
    """Run `command` with its output read by a reader that stops after the first line."""
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
    assert child.stdout is not None and child.stderr is not None
    first = child.stdout.readline()
    child.stdout.close()  # like `head -1` exiting
    err = child.stderr.read()
    return child.wait(timeout=120), first, err


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_central_students_into_head(central: Central) -> None:
    desk = central.desk()
    changes = [desk.create(student_payload(name, birth=dt.date(2016, 1, 1) + dt.timedelta(i),
                                           seq=11 + i % 80))
               for i, name in enumerate(NAMES)]
    desk.push(*changes)
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    code, first, err = _head_one_line(
        [sys.executable, "-m", "central.cli", "students", "--db-url", central.db_url,
         "--school-code", "4406040001", "--json"], env)
    assert first.startswith(b"{")
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()
    assert code == 0


def test_desk_student_list_into_head(ws: Workspace, db_path: Path) -> None:
    rows = [valid_row(name, birth=dt.date(2016, 1, 1) + dt.timedelta(i), seq=11 + i % 80)
            for i, name in enumerate(NAMES)]
    add_students(ws, rows)
    ws.lock()
    env = {**os.environ, "XUEJI_PASSWORD": PASSWORD, "PYTHONIOENCODING": "utf-8",
           "XUEJI_LOG_DIR": str(db_path.parent / "logs")}
    code, first, err = _head_one_line(
        [sys.executable, "-m", "desktop", "student", "list", "--db", str(db_path), "--user",
         "registrar", "--json"], env)
    assert first.startswith(b"{")
    assert b"Traceback" not in err and b"BrokenPipe" not in err, err.decode()
    assert code == 0
