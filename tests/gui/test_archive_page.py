"""The 学籍档案 page on a real encrypted database: the list with completeness and its filters,
ticking documents, details and location, adding and saving scans through the file-dialog
seams, lending and returning, a handover confirmed through the yes/no seam, and a viewer who
sees everything but cannot write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from desktop.services.archive.read import read_register
from desktop.services.context import Role, Workspace
from desktop.services.safekeeping.accounts import add_account, unlock
from desktop.services.students.add import add_students
from desktop.views.archive import common
from desktop.views.archive.page import ArchivePage
from tests.conftest import FAST_KDF
from tests.factories import valid_row
from tests.services import scans

TODAY = dt.date(2026, 11, 26)
NAMES = ("李小红", "王小明")  # pinyin order


@pytest.fixture
def pupils(ws: Workspace) -> tuple[str, ...]:
    rows = [valid_row(name="王小明", seq=11), valid_row(name="李小红", seq=12)]
    return add_students(ws, rows, today=TODAY).ids


@pytest.fixture
def page(qtbot, ws: Workspace, pupils) -> ArchivePage:
    widget = ArchivePage(ws, today=TODAY)
    qtbot.addWidget(widget)
    return widget


def names(page: ArchivePage) -> list[str]:
    return [page.students.item(row, 0).text() for row in range(page.students.rowCount())]


def show(page: ArchivePage, name: str) -> str:
    """Select `name` in the list; returns the student's record id."""
    page.students.setCurrentCell(names(page).index(name), 0)
    return page.selected_id() or ""


def test_the_list_shows_what_each_folder_misses(page: ArchivePage) -> None:
    assert names(page) == list(NAMES)
    assert [page.students.item(r, 2).text() for r in range(2)] == ["3", "3"]
    assert page.students.item(0, 3).text() == "不齐全"
    assert page.heading.text().startswith("李小红：缺 学生基本信息表（签字）")
    assert page.checklist.table.rowCount() == 8


def test_ticking_the_required_documents_completes_the_folder(qtbot, page: ArchivePage) -> None:
    student_id = show(page, "王小明")
    with qtbot.waitSignal(page.changed):
        page.checklist.set_present(0, True)
    page.checklist.set_present(1, True)
    page.checklist.set_present(2, True)
    assert read_register(page.workspace, student_id).complete
    assert page.selected_id() == student_id  # the selection survives the reload
    assert page.students.item(1, 3).text() == "齐全" and page.students.item(1, 2).text() == ""
    assert page.heading.text() == "王小明：必备材料齐全"
    assert page.checklist.table.item(0, 2).checkState() == Qt.CheckState.Checked
    page.filter.setCurrentIndex(page.filter.findData("incomplete"))
    assert names(page) == ["李小红"]


def test_search_narrows_the_list(qtbot, page: ArchivePage) -> None:
    qtbot.keyClicks(page.search, "wxm")
    page.search.flush()
    assert names(page) == ["王小明"]


def test_details_and_location_are_saved(page: ArchivePage) -> None:
    student_id = show(page, "李小红")
    tab = page.checklist
    tab.table.setCurrentCell(7, 0)  # 其他
    tab.set_present(7, True)
    tab.copies.setValue(1)
    tab.pages.setValue(3)
    tab.note.setText("奖状复印件")
    tab.save_details()
    assert tab.table.item(7, 3).text() == "1份/3页" and tab.table.item(7, 5).text() == "奖状复印件"
    for part, text in zip(tab.place.values(), ("3", "2层", "15"), strict=True):
        part.setText(text)
    tab.save_location()
    assert read_register(page.workspace, student_id).location.text == "3柜 2层 15盒"
    assert page.students.item(0, 4).text() == "3柜 2层 15盒"


def test_scans_are_added_and_saved_through_the_dialog_seams(page: ArchivePage, tmp_path: Path,
                                                            monkeypatch) -> None:
    show(page, "王小明")
    tab = page.scans
    source = tmp_path / "基本信息表.png"
    source.write_bytes(scans.png())
    tab.kind.setCurrentIndex(tab.kind.findData("basic_form"))
    monkeypatch.setattr(tab, "ask_scan_path", lambda: source)
    tab.add_scan()
    assert tab.table.rowCount() == 1
    assert [tab.table.item(0, c).text() for c in range(3)] == ["学生基本信息表（签字）", source.name,
                                                                "PNG"]
    assert page.checklist.table.item(0, 6).text() == "1"
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(scans.truncated_jpeg())
    assert tab.add_scan_file(broken) is False
    assert "已损坏" in tab.banner.text() and tab.table.rowCount() == 1
    target = tmp_path / "copy.png"
    suggested: list[str] = []
    monkeypatch.setattr(tab, "ask_save_path", lambda name: suggested.append(name) or target)
    tab.table.setCurrentCell(0, 0)
    tab.save_selected()
    assert suggested == [source.name] and target.read_bytes() == source.read_bytes()


def test_lend_and_return(page: ArchivePage) -> None:
    show(page, "王小明")
    tab = page.loans
    tab.borrower.setText("教导处 刘老师")
    tab.purpose.setText("核对材料")
    tab.lend()
    assert tab.table.item(0, 0).text() == "教导处 刘老师"
    assert tab.table.item(0, 3).text() == "2026-12-10"
    page.filter.setCurrentIndex(page.filter.findData("lent"))
    assert names(page) == ["王小明"] and page.students.item(0, 3).text() == "不齐全、借出中"
    tab.lend()
    assert "尚未归还" in tab.banner.text()
    tab.give_back()
    assert names(page) == []  # nothing is lent out any more
    page.filter.setCurrentIndex(page.filter.findData(""))
    show(page, "王小明")
    assert tab.table.item(0, 4).text() == "2026-11-26"


def test_a_handover_is_recorded_only_after_confirmation(page: ArchivePage, monkeypatch) -> None:
    show(page, "王小明")
    page.checklist.set_present(0, True)
    tab = page.handovers
    tab.receiver.setText("佛山市第二小学")
    tab.handed_by.setText("张老师")
    tab.taker.setText("李老师")
    asked: list[str] = []
    monkeypatch.setattr(common, "confirm", lambda _parent, text: asked.append(text) or False)
    tab.hand_over()
    assert "佛山市第二小学" in asked[0] and tab.table.rowCount() == 0
    monkeypatch.setattr(common, "confirm", lambda _parent, _text: True)
    tab.hand_over()  # 转学 without the backup and copies kept
    assert "电子学籍档案" in tab.banner.text() and tab.table.rowCount() == 0
    tab.backup.setChecked(True)
    tab.copies.setChecked(True)
    tab.hand_over()
    assert tab.table.item(0, 2).text() == "佛山市第二小学"
    assert tab.table.item(0, 5).text() == "学生基本信息表（签字）"
    assert page.students.item(names(page).index("王小明"), 3).text() == "已移交"


def test_a_viewer_sees_the_register_but_cannot_write(qtbot, ws: Workspace, pupils,
                                                     db_path: Path) -> None:
    add_account(ws, "viewer1", Role.VIEWER, "viewer-pass-1", FAST_KDF)
    viewer = unlock(db_path, "viewer1", "viewer-pass-1")
    try:
        page = ArchivePage(viewer, today=TODAY)
        qtbot.addWidget(page)
        assert names(page) == list(NAMES)
        flags = page.checklist.table.item(0, 2).flags()
        assert not flags & Qt.ItemFlag.ItemIsUserCheckable
        disabled = (page.checklist.save_item, page.checklist.save_place, page.scans.add_button,
                    *page.loans.buttons, *page.handovers.buttons)
        assert not any(button.isEnabled() for button in disabled)
        assert page.scans.save_button.isEnabled()
    finally:
        viewer.lock()
