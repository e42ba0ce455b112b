"""Small building blocks shared by dialogs and pages: OK/Cancel buttons, read-only tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)


def date_edit(day: dt.date | None = None) -> QDateEdit:
    """A date field with a calendar pop-up, showing YYYY-MM-DD, set to `day` (today)."""
    day = day or dt.date.today()
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def picked_day(edit: QDateEdit) -> dt.date:
    """The day `edit` shows (QDate.toPython is typed object; it gives a datetime.date)."""
    day = edit.date().toPython()
    assert isinstance(day, dt.date)
    return day


def ok_cancel(dialog: QDialog, on_ok: Callable[[], None]) -> QDialogButtonBox:
    """OK runs `on_ok` (which accepts the dialog when it succeeds); Cancel rejects it."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                               | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(on_ok)
    buttons.rejected.connect(dialog.reject)
    return buttons


def item_at(table: QTableWidget, row: int, column: int) -> QTableWidgetItem:
    """The item a filled table has at (row, column)."""
    item = table.item(row, column)
    assert item is not None, (row, column)
    return item


class ReadOnlyTable(QTableWidget):
    """A small table of texts (tens of rows): headers sized to contents, last one stretched."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(0, len(headers), parent)
        self.setHorizontalHeaderLabels(list(headers))
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.verticalHeader().hide()
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.horizontalHeader().setStretchLastSection(True)

    def fill(self, rows: Sequence[Sequence[str]]) -> None:
        self.setRowCount(len(rows))
        for row, texts in enumerate(rows):
            for column, text in enumerate(texts):
                self.setItem(row, column, QTableWidgetItem(text))
