"""The 学籍变动 dialog in a registrar's day: it opens on the likely change, shows only the fields
that change uses, wraps its texts, and records a paper approval (unit, date, scan)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from desktop.services.archive.read import read_register
from desktop.services.changes.status import ChangeRequest, apply_change, awaiting_approval, history
from desktop.services.context import Workspace
from desktop.services.students.read import get_student
from desktop.views.changes.dialog import ChangeDialog
from tests.gui.test_changes_views import TODAY, _student
from tests.services.scans import png


def suspended(ws: Workspace) -> str:
    student = _student(ws)
    number = get_student(ws, student).values["id_number"]
    apply_change(ws, ChangeRequest(student=number, change="休学", effective=dt.date(2026, 9, 1),
                                   until=dt.date(2027, 6, 30), reason="因病"))
    return student


def shown(qtbot, ws: Workspace, student: str) -> ChangeDialog:
    dialog = ChangeDialog(ws, student, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def visible_rows(dialog: ChangeDialog) -> list[str]:
    form = dialog.form
    return [form.itemAt(row, form.ItemRole.LabelRole).widget().text()
            for row in range(form.rowCount()) if form.isRowVisible(row)]


def ok(qtbot, dialog: ChangeDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def test_a_pupil_at_school_opens_on_a_transfer_out_with_only_its_fields(qtbot, ws) -> None:
    dialog = shown(qtbot, ws, _student(ws))
    assert dialog.kind.currentData() == "转出"
    rows = visible_rows(dialog)
    assert "截止日期" not in rows and "新班级" not in rows and "审批单位" not in rows
    assert {"变动日期", "原因", "申请人（监护人）", "需归档材料"} <= set(rows)
    dialog.kind.setCurrentIndex(dialog.kind.findData("休学"))
    assert "截止日期" in visible_rows(dialog) and "新班级" not in visible_rows(dialog)


def test_the_documents_wrap_and_are_not_cut(qtbot, ws) -> None:
    dialog = shown(qtbot, ws, _student(ws))
    dialog.kind.setCurrentIndex(dialog.kind.findData("休学"))
    qtbot.wait(10)
    label = dialog.documents
    assert label.wordWrap()
    assert label.height() >= label.heightForWidth(label.width())
    assert label.geometry().bottom() < dialog.banner.geometry().top() or dialog.banner.isHidden()


def test_after_a_suspension_the_paper_approval_comes_first(qtbot, ws) -> None:
    dialog = shown(qtbot, ws, suspended(ws))
    offered = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert offered[:2] == ["审批通过", "审批未通过"] and "复学" in offered
    assert dialog.kind.currentData() == "审批通过"
    rows = visible_rows(dialog)
    assert {"审批日期", "审批单位", "审批意见", "审批文件扫描件", "待审批"} <= set(rows)
    assert "申请人（监护人）" not in rows and "需归档材料" not in rows
    assert dialog.unit.text() == "上级学籍主管部门"  # the unit the rule names, to correct


def test_a_paper_approval_is_recorded_with_its_unit_date_and_scan(qtbot, ws, tmp_path: Path) -> None:
    student = suspended(ws)
    scan = tmp_path / "批复.png"
    scan.write_bytes(png())
    dialog = shown(qtbot, ws, student)
    dialog.ask_scan_path = lambda: scan  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.scan_button, Qt.MouseButton.LeftButton)
    assert dialog.scan_label.text() == "批复.png"
    dialog.unit.setText("佛山市禅城区教育局")
    dialog.effective.setDate(dt.date(2026, 9, 20))
    dialog.reason.setText("同意休学")
    ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert awaiting_approval(ws, student) is None
    last = history(ws, student)[-1]
    assert last.change == "审批结果：休学" and last.approval == "approved"
    assert last.effective == dt.date(2026, 9, 20) and last.reason == "同意休学"
    assert get_student(ws, student).status == "休学"
    scans = read_register(ws, student).scans
    assert [(s.kind, s.file_name) for s in scans] == [("change_papers", "批复.png")]
    again = shown(qtbot, ws, student)  # decided: the usual next change is offered
    assert again.kind.currentData() == "复学"
    assert "审批通过" not in [again.kind.itemData(i) for i in range(again.kind.count())]


def test_a_refusal_on_paper_gives_back_the_status(qtbot, ws) -> None:
    student = suspended(ws)
    dialog = shown(qtbot, ws, student)
    dialog.kind.setCurrentIndex(dialog.kind.findData("审批未通过"))
    dialog.reason.setText("材料不全")
    ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert get_student(ws, student).status == "在籍在读"


@pytest.mark.parametrize("content", [b"not an image at all", b""])
def test_an_unreadable_scan_is_said_and_nothing_is_recorded(qtbot, ws, tmp_path: Path,
                                                            content: bytes) -> None:
    student = suspended(ws)
    scan = tmp_path / "scan.png"
    scan.write_bytes(content)
    dialog = shown(qtbot, ws, student)
    dialog.ask_scan_path = lambda: scan  # type: ignore[method-assign]
    qtbot.mouseClick(dialog.scan_button, Qt.MouseButton.LeftButton)
    ok(qtbot, dialog)
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not dialog.banner.isHidden() and dialog.banner.text()
    assert awaiting_approval(ws, student) is not None
    assert read_register(ws, student).scans == ()


def test_a_suspension_offers_an_end_date_after_its_start(qtbot, ws) -> None:
    dialog = shown(qtbot, ws, _student(ws))
    dialog.kind.setCurrentIndex(dialog.kind.findData("休学"))
    start, end = dialog.effective.date().toPython(), dialog.until.date().toPython()
    assert start < end <= start.replace(year=start.year + 1)
    dialog.reason.setText("因病")
    ok(qtbot, dialog)
    assert dialog.result() == dialog.DialogCode.Accepted  # the offered dates go through
