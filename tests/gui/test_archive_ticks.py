"""学籍档案: a click on a document's box, or in its 齐全 cell, saves the tick at once, and
撤销 (the button or Ctrl+Z) puts it back with the details it had."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from desktop.services.archive.read import read_register
from desktop.services.archive.write import ItemDetails, set_item
from desktop.views.archive.checklist import PRESENT_COLUMN
from desktop.views.archive.page import ArchivePage
from tests.gui.test_archive_page import TODAY, page, pupils, show  # noqa: F401 (fixtures)


def shown(qtbot, page: ArchivePage) -> ArchivePage:  # noqa: F811
    page.resize(1200, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def present(ws, student: str) -> list[bool]:
    return [line.present for line in read_register(ws, student).lines]


def box_centre(table, row: int) -> QPoint:
    """Where a registrar clicks the small check box of `row`'s 齐全 cell."""
    index = table.model().index(row, PRESENT_COLUMN)
    option = QStyleOptionViewItem()
    option.rect = table.visualRect(index)
    option.features = QStyleOptionViewItem.ViewItemFeature.HasCheckIndicator
    return table.style().subElementRect(QStyle.SubElement.SE_ItemViewItemCheckIndicator,
                                        option, table).center()


def test_a_click_on_the_box_saves_the_tick(qtbot, ws, page: ArchivePage) -> None:  # noqa: F811
    shown(qtbot, page)
    student = show(page, "王小明")
    table = page.checklist.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=box_centre(table, 2))
    assert present(ws, student)[2] is True
    assert "已勾选：照片" in page.checklist.banner.text()
    assert page.checklist.undo_button.isVisible()


def test_a_click_in_the_cell_beside_the_box_ticks_it_too(qtbot, ws, page: ArchivePage) -> None:  # noqa: F811
    shown(qtbot, page)
    student = show(page, "王小明")
    table = page.checklist.table
    cell = table.visualRect(table.model().index(1, PRESENT_COLUMN))
    right = QPoint(cell.right() - 3, cell.center().y())
    assert right.x() > box_centre(table, 1).x() + 10  # clearly beside the box
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=right)
    assert present(ws, student)[1] is True
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=box_centre(table, 1))
    assert present(ws, student)[1] is False  # the box itself: one click, one change


def test_undo_puts_back_the_tick_with_its_details(qtbot, ws, page: ArchivePage) -> None:  # noqa: F811
    shown(qtbot, page)
    student = show(page, "王小明")
    set_item(ws, student, "photo", True, ItemDetails(2, 1, dt.date(2026, 9, 3), "两寸"), today=TODAY)
    page.reload()
    table = page.checklist.table
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=box_centre(table, 2))
    assert present(ws, student)[2] is False
    shortcuts = page.checklist.findChildren(QShortcut)
    assert [s.key().toString() for s in shortcuts] == ["Ctrl+Z"]
    qtbot.mouseClick(page.checklist.undo_button, Qt.MouseButton.LeftButton)
    line = read_register(ws, student).lines[2]
    assert (line.present, line.copies, line.pages, line.received_on, line.note) == (
        True, 2, 1, dt.date(2026, 9, 3), "两寸")
    assert not page.checklist.undo_button.isVisible()
    assert "已撤销" in page.checklist.banner.text()
    assert table.item(2, PRESENT_COLUMN).checkState() == Qt.CheckState.Checked
