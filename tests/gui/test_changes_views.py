"""学籍变动 in the window: the change dialog (allowed types, inline refusal, success), the
student's timeline in the editor, the school's recent changes and the to-do page."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search
from desktop.views.changes.dialog import ChangeDialog
from desktop.views.changes.tasks_page import TasksPage
from desktop.views.changes.timeline import ChangesPage
from tests.factories import valid_row

TODAY = dt.date(2026, 11, 26)


def _student(ws, name: str = "王小明", seq: int = 11) -> str:
    add_students(ws, [valid_row(name=name, seq=seq)])
    return search(ws, StudentQuery(text=name)).rows[0].id


def _cell(page: TasksPage, row: int, column: int, role=Qt.ItemDataRole.DisplayRole):
    return page.model.index(row, column).data(role)


def test_dialog_offers_only_changes_allowed_now(qtbot, ws):
    dialog = ChangeDialog(ws, _student(ws), today=TODAY)
    qtbot.addWidget(dialog)
    offered = [dialog.kind.itemText(i) for i in range(dialog.kind.count())]
    assert "休学" in offered and "转出" in offered
    assert "复学" not in offered  # only after 休学
    assert "退学" not in offered  # compulsory education
    assert "学籍" in dialog.windowTitle()


def test_dialog_refusal_is_inline_and_changes_nothing(qtbot, ws):
    student = _student(ws)
    dialog = ChangeDialog(ws, student, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentText("休学")
    dialog.until.setDate(dialog.effective.date().addYears(2))
    dialog.submit()
    assert not dialog.banner.isHidden()
    assert "最长一年" in dialog.banner.text()
    assert search(ws, StudentQuery(text="王小明")).rows[0].status == "在籍在读"


def test_dialog_records_a_suspension(qtbot, ws):
    student = _student(ws)
    dialog = ChangeDialog(ws, student, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentText("休学")
    assert dialog.until.isEnabled() and not dialog.klass.isEnabled()
    assert "休学申请表" in dialog.documents.text()
    dialog.until.setDate(dialog.effective.date().addMonths(6))
    dialog.reason.setText("因病")
    dialog.submit()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert search(ws, StudentQuery(text="王小明")).rows[0].status == "休学"


def test_recent_changes_and_tasks_pages(qtbot, ws):
    student = _student(ws)
    apply_change(ws, ChangeRequest(student=student, change="转出", effective=dt.date(2026, 9, 28)))
    changes = ChangesPage(ws)
    qtbot.addWidget(changes)
    assert changes.table.rowCount() == 0  # read when the page is shown
    with qtbot.waitExposed(changes):
        changes.show()
    assert changes.table.rowCount() == 1
    assert changes.table.item(0, 2).text() == "转出"
    tasks = TasksPage(ws, today=TODAY)
    qtbot.addWidget(tasks)
    assert tasks.overdue_count() == 1  # counted; the list is read when the page is shown
    assert tasks.model.rowCount() == 0
    with qtbot.waitExposed(tasks):
        tasks.show()
    assert tasks.model.rowCount() == 1 and tasks.overdue_count() == 1
    assert _cell(tasks, 0, 0).endswith("2026-10-16")
    assert "逾期" in _cell(tasks, 0, 0)
    assert _cell(tasks, 0, 1) == "王小明"
    assert "10个工作日" in _cell(tasks, 0, 5)
    assert _cell(tasks, 0, 2, Qt.ItemDataRole.ForegroundRole).color().name() == "#a61b1b"
    assert tasks.summary.text() == "共 1 项待办，其中逾期 1 项。"


def test_an_awaited_approver_is_named_without_brackets_in_brackets(qtbot, ws):
    apply_change(ws, ChangeRequest(student=_student(ws), change="死亡", effective=dt.date(2026, 10, 9)))
    changes = ChangesPage(ws)
    qtbot.addWidget(changes)
    with qtbot.waitExposed(changes):
        changes.show()
    assert changes.table.item(0, 6).text() == "待审批：学籍主管部门（注销）"


def test_tasks_are_read_again_now_if_shown_or_at_the_next_showing(qtbot, ws):
    tasks = TasksPage(ws, today=TODAY)
    qtbot.addWidget(tasks)
    with qtbot.waitExposed(tasks):
        tasks.show()
    assert tasks.model.rowCount() == 0 and tasks.overdue_count() == 0
    tasks.hide()
    apply_change(ws, ChangeRequest(student=_student(ws), change="转出", effective=dt.date(2026, 9, 28)))
    tasks.reload()
    assert tasks.model.rowCount() == 0 and tasks.overdue_count() == 1
    tasks.show()
    assert tasks.model.rowCount() == 1
    apply_change(ws, ChangeRequest(student=_student(ws, "李小红", 12), change="转出",
                                   effective=dt.date(2026, 11, 20)))
    tasks.reload()
    assert [_cell(tasks, row, 1) for row in range(tasks.model.rowCount())] == ["王小明", "李小红"]
    assert tasks.overdue_count() == 1
    assert _cell(tasks, 1, 2, Qt.ItemDataRole.ForegroundRole) is None
