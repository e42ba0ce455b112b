"""Every page in a fresh process that has only unlocked: the models of the tables the roster
does not use load with the code that needs them (not at the unlock), so each page, each tab of
数据交换 and a save on 学籍档案 and 学籍变动 must find what it needs there. In-process tests
import every model at collection and cannot see one nobody loaded on this path."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.services.archive.read import read_register
from desktop.services.changes.status import history
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import unlock
from desktop.services.students.add import add_students
from tests.conftest import PASSWORD
from tests.factories import valid_row

ROOT = Path(__file__).resolve().parents[2]

EVERY_PAGE = textwrap.dedent("""
    import datetime as dt, json, os, sys, traceback
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from desktop.views.controller import AppController

    errors = []
    def hook(kind, value, tb):
        errors.append("".join(traceback.format_exception(kind, value, tb)))

    def settle(turns=20):
        for _ in range(turns):
            app.processEvents()

    app = QApplication([])
    controller = AppController(app, Path(sys.argv[1]))
    controller.start()
    settle()
    controller.dialog.account.setCurrentText("registrar")
    controller.dialog.password.setText(sys.argv[2])
    controller.dialog.try_unlock()
    settle()
    sys.excepthook = hook  # after the unlock: what a page raises lands here, not in a dialog
    window = controller.window
    from desktop.views.main_window import PAGES
    for row, page_id in enumerate(PAGES):
        window.nav.setCurrentRow(row)
        settle()
    exchange = window.page("exchange")
    for tab in range(exchange.tabs.count()):
        exchange.tabs.setCurrentIndex(tab)
        settle(5)
    archive = window.page("archive")
    archive.students.setCurrentCell(0, 0)
    settle(5)
    student = archive.selected_id()
    try:
        from desktop.services.archive.write import ItemDetails, set_item
        set_item(window.workspace, student, "photo", True,
                 ItemDetails(1, 1, dt.date(2026, 9, 3), ""), today=dt.date(2026, 11, 26))
        from desktop.services.changes.status import ChangeRequest, apply_change
        apply_change(window.workspace, ChangeRequest(
            student=student, change="休学", effective=dt.date(2026, 11, 2),
            until=dt.date(2027, 1, 31), reason="因病"))
    except Exception:
        errors.append(traceback.format_exc())
    window.refresh_after_change()
    settle()
    print(json.dumps({"errors": errors, "built": sorted(window.lazy), "student": student}),
          flush=True)
    os._exit(0)
""")


def test_every_page_opens_and_saves_in_a_process_that_only_unlocked(
        ws: Workspace, db_path: Path, tmp_path: Path) -> None:
    add_students(ws, [valid_row("王小明", seq=11), valid_row("李小红", seq=12)],
                 today=dt.date(2026, 11, 26))
    ws.lock()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path),
           "XUEJI_LOG_DIR": str(tmp_path / "logs")}
    done = subprocess.run([sys.executable, "-c", EVERY_PAGE, str(db_path), PASSWORD], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=240, check=False)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["errors"] == []
    assert seen["built"] == sorted(["changes", "tasks", "archive", "print", "exchange", "sync",
                                    "settings"])
    again = unlock(db_path, "registrar", PASSWORD)
    try:  # both saves are in the file
        assert read_register(again, seen["student"]).lines[2].present is True
        assert history(again, seen["student"])[-1].change == "休学"
    finally:
        again.lock()
