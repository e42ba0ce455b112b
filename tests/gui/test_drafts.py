"""Unsaved edits survive: a lock (idle or Ctrl+L), the main window closing and a killed process
each leave the editor's form as a draft in the database, and the next unlock offers it back
("继续编辑未保存的修改？"); 是 reopens the editor with the edits, 否 drops them."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.services.safekeeping.accounts import unlock
from desktop.services.students.add import add_students
from desktop.services.students.drafts import list_drafts, save_draft
from desktop.services.students.read import StudentQuery, search
from desktop.views import controller as controller_module
from desktop.views.controller import AppController
from desktop.views.editor.dialog import StudentEditor
from tests.conftest import PASSWORD
from tests.factories import valid_row
from tests.gui import test_controller as base
from tests.gui.test_controller import unlock_with
from tests.gui.test_editor import png

existing_db, make_controller, unlocked = base.existing_db, base.make_controller, base.unlocked

ROOT = Path(__file__).resolve().parents[2]


def open_editor(controller: AppController) -> StudentEditor:
    return next(w for w in QApplication.topLevelWidgets()
                if isinstance(w, StudentEditor) and w.isVisible())


def type_name(editor: StudentEditor, header: str, text: str) -> None:
    widget = editor.form.fields[header].editor
    widget.setText(text)  # type: ignore[attr-defined]
    widget.editingFinished.emit()  # type: ignore[attr-defined]


@pytest.fixture
def answers(monkeypatch) -> tuple[list[str], list[bool]]:
    asked: list[str] = []
    replies: list[bool] = []

    def ask(_parent, text: str) -> bool:
        asked.append(text)
        assert replies, f"unexpected question: {text}"
        return replies.pop(0)

    monkeypatch.setattr(controller_module, "ask_resume", ask)
    return asked, replies


def test_idle_lock_keeps_the_edits_and_unlock_offers_them_back(qtbot, unlocked: AppController,
                                                               answers) -> None:
    asked, replies = answers
    unlocked.edit_student(None)
    editor = open_editor(unlocked)
    type_name(editor, "姓名", "王小明")
    type_name(editor, "籍贯", "广东省佛山市")
    unlocked.watcher.set_interval_ms(50)  # the idle limit passes
    with qtbot.waitSignal(unlocked.locked, timeout=3000):
        pass
    assert not editor.isVisible()

    replies.append(True)
    unlock_with(qtbot, unlocked)
    assert len(asked) == 1
    assert "继续编辑未保存的修改？" in asked[0] and "王小明" in asked[0]
    again = open_editor(unlocked)
    assert again is not editor
    assert again.form.fields["姓名"].text() == "王小明"
    assert again.form.fields["籍贯"].text() == "广东省佛山市"
    assert again.is_dirty()
    again.undo_stack.undo()  # restored edits are ordinary, undoable edits
    assert again.form.fields["籍贯"].text() == ""
    again.undo_stack.redo()

    again.form.set_row(valid_row(name="王小明"))
    assert again.save()
    assert search(unlocked.workspace, StudentQuery(text="王小明")).total == 1
    assert list_drafts(unlocked.workspace) == []  # saved: the draft is gone


def test_an_imported_photo_is_kept_with_the_draft(qtbot, unlocked: AppController,
                                                  answers) -> None:
    _asked, replies = answers
    unlocked.edit_student(None)
    editor = open_editor(unlocked)
    editor.import_photo_bytes(png(300, 400))  # only a photo: the form is still unsaved work
    photo = editor.pending_photo
    unlocked.lock()
    replies.append(True)
    unlock_with(qtbot, unlocked)
    again = open_editor(unlocked)
    assert again.pending_photo == photo
    assert again.is_dirty()


def test_no_drops_the_draft(qtbot, unlocked: AppController, answers) -> None:
    asked, replies = answers
    unlocked.edit_student(None)
    type_name(open_editor(unlocked), "姓名", "王小明")
    unlocked.lock()
    replies.append(False)
    unlock_with(qtbot, unlocked)
    assert len(asked) == 1
    assert not any(isinstance(w, StudentEditor) and w.isVisible()
                   for w in QApplication.topLevelWidgets())
    assert list_drafts(unlocked.workspace) == []
    unlocked.lock()
    unlock_with(qtbot, unlocked)  # not asked again
    assert len(asked) == 1


def test_an_existing_pupil_s_draft_reopens_that_pupil(qtbot, unlocked: AppController,
                                                      answers) -> None:
    _asked, replies = answers
    student = add_students(unlocked.workspace, [valid_row(name="李四")]).ids[0]
    unlocked.edit_student(student)
    type_name(open_editor(unlocked), "联系电话", "13900139000")
    unlocked.lock()
    replies.append(True)
    unlock_with(qtbot, unlocked)
    editor = open_editor(unlocked)
    assert editor.student_id == student
    assert editor.form.fields["姓名"].text() == "李四"
    assert editor.form.fields["联系电话"].text() == "13900139000"
    assert editor.save()
    assert list_drafts(unlocked.workspace) == []


@pytest.mark.parametrize("go_on", [True, False])
def test_opening_a_pupil_with_a_kept_draft_asks_about_it(unlocked: AppController, answers,
                                                         go_on: bool) -> None:
    """A draft not taken up at unlock (an older one) is asked about when its pupil is opened,
    never dropped silently by a clean close."""
    asked, replies = answers
    row = valid_row(name="李四", seq=11)
    student = add_students(unlocked.workspace, [row]).ids[0]
    save_draft(unlocked.workspace, student, student, {**row, "联系电话": "13900139001"})
    replies.append(go_on)
    unlocked.edit_student(student)
    assert len(asked) == 1 and "李四" in asked[0]
    editor = open_editor(unlocked)
    assert editor.form.fields["联系电话"].text() == ("13900139001" if go_on else "13800138000")
    assert editor.is_dirty() is go_on
    assert bool(list_drafts(unlocked.workspace)) is go_on


def test_closing_the_window_keeps_the_draft(qtbot, make_controller,
                                            existing_db: Path, answers) -> None:
    _asked, replies = answers
    first = make_controller(existing_db)
    first.start()
    unlock_with(qtbot, first)
    first.edit_student(None)
    type_name(open_editor(first), "姓名", "赵六")
    window = first.window
    editor = open_editor(first)
    first.window.close()  # exit with the editor open: no timer has fired yet
    assert not window.isVisible()
    assert not editor.isVisible()  # closed with the window, without a question
    first.workspace.lock()
    first.workspace = None

    second = make_controller(existing_db)
    second.start()
    replies.append(True)
    unlock_with(qtbot, second)
    assert open_editor(second).form.fields["姓名"].text() == "赵六"


KILLED = textwrap.dedent("""
    import os, signal, sys, time
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from desktop.services.safekeeping.accounts import unlock
    from desktop.views.editor.dialog import StudentEditor
    from desktop.views.editor.drafting import DRAFT_DELAY_MS

    app = QApplication([])
    ws = unlock(Path(sys.argv[1]), "registrar", sys.argv[2])
    editor = StudentEditor(ws, None)
    editor.show()
    name = editor.form.fields["姓名"].editor
    name.setText("孙七")
    name.editingFinished.emit()
    end = time.monotonic() + DRAFT_DELAY_MS / 1000 + 1.0
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)
    print("typed", flush=True)
    os.kill(os.getpid(), signal.SIGKILL)
""")


def test_a_killed_process_leaves_its_draft(existing_db: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", KILLED, str(existing_db), PASSWORD], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == -9, done.stderr
    assert "typed" in done.stdout
    ws = unlock(existing_db, "registrar", PASSWORD)
    try:
        drafts = list_drafts(ws)
        assert [(d.student_id, d.row["姓名"]) for d in drafts] == [(None, "孙七")]
    finally:
        ws.lock()


@pytest.mark.parametrize("how", ["close", "lock"])
def test_closing_or_locking_while_a_job_holds_the_database_still_keeps_the_draft(
        qtbot, make_controller, existing_db: Path, answers, how: str) -> None:
    """A job off the GUI thread holding a write transaction longer than the database's busy
    timeout (an export, a sync, a backup under load): the window waits for it before it writes
    the draft, instead of failing after the timeout and closing the editor without one."""
    import threading

    from sqlalchemy import text

    from desktop.models.engine import BUSY_TIMEOUT_MS
    from desktop.views.main_window import SOON
    from desktop.views.widgets.long_work import LongWork

    _asked, _replies = answers  # no question is expected: none is answered
    first = make_controller(existing_db)
    first.start()
    unlock_with(qtbot, first)
    first.edit_student(None)
    type_name(open_editor(first), "姓名", "钱七")
    holding, late = threading.Event(), []

    def hold_the_write_lock() -> str:
        with first.workspace.store.writing() as session:
            session.execute(text("SELECT 1"))  # BEGIN IMMEDIATE: the write lock is taken
            holding.set()
            threading.Event().wait(BUSY_TIMEOUT_MS / 1000 + 1)
        return "done"

    qtbot.waitUntil(lambda: set(SOON) <= set(first.window.lazy))  # the pages built just after
    work = first.window.findChildren(LongWork)[0]
    assert work.start("…", hold_the_write_lock, late.append)
    assert holding.wait(5)
    if how == "close":
        first.window.close()
        first.workspace = None
    else:
        first.lock(show_unlock=False)  # Ctrl+L or the idle limit
    qtbot.wait(50)  # the job's result arrives afterwards: not handed to the closed page
    assert late == []

    ws = unlock(existing_db, "registrar", PASSWORD)
    try:
        assert [d.name for d in list_drafts(ws)] == ["钱七"]
    finally:
        ws.lock()
