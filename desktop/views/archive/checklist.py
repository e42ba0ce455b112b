"""材料清单 of one student's folder: tick what the folder holds, record the copies, pages,
date received and notes of the selected document, and where the folder is kept.

A click on the box, or anywhere in the 齐全 cell, saves the tick at once; 撤销 (Ctrl+Z) puts
back the last tick with the details it had."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.archive.shapes import ArchiveRegister, ChecklistLine, Location
from desktop.services.archive.write import ItemDetails, set_item, set_location
from desktop.services.context import Workspace
from desktop.views.archive.common import attempt, day_text
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.forms import ReadOnlyTable, date_edit, item_at, picked_day
from desktop.views.wording import tr

COLUMNS = ("材料名称", "要求", "齐全", "份数/页数", "收到日期", "备注", "扫描件")
PRESENT_COLUMN = 2
PLACE_PARTS = ("柜", "层", "盒")


@dataclass(frozen=True)
class Tick:
    """A tick just saved, and what 撤销 puts back."""

    student_id: str
    line: ChecklistLine  # as it was before the tick


def _count(line: ChecklistLine) -> str:
    parts = [f"{line.copies}" + tr("份") if line.copies is not None else "",
             f"{line.pages}" + tr("页") if line.pages is not None else ""]
    return "/".join(p for p in parts if p)


class ChecklistTab(QWidget):
    changed = Signal()  # something was written

    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.today = workspace, today
        self.register: ArchiveRegister | None = None
        self.writable = True
        self.table = ReadOnlyTable([tr(c) for c in COLUMNS])
        self.copies, self.pages = QSpinBox(), QSpinBox()
        for box in (self.copies, self.pages):
            box.setRange(0, 999)
            box.setSpecialValueText(self.tr("未填"))
        self.received, self.note = date_edit(today), QLineEdit()
        self.place = {part: QLineEdit() for part in PLACE_PARTS}
        self.save_item = QPushButton(self.tr("保存所选材料"))
        self.save_place = QPushButton(self.tr("保存存放位置"))
        self.banner = MessageBanner()
        self.undo_button = QPushButton(self.tr("撤销（Ctrl+Z）"))
        self.undo_button.hide()
        self.undo_button.clicked.connect(self.undo_tick)
        QShortcut(QKeySequence.StandardKey.Undo, self, self.undo_tick)
        self.last_tick: Tick | None = None
        self._filling = False
        self._ticked_row = -1  # the row whose box the current click ticked
        self._build()
        self.table.itemChanged.connect(self._on_item_changed)
        self.table.cellClicked.connect(self._on_cell_clicked)
        self.table.currentCellChanged.connect(lambda *_: self._show_details())
        self.save_item.clicked.connect(self.save_details)
        self.save_place.clicked.connect(self.save_location)

    def _build(self) -> None:
        details = QFormLayout()
        details.addRow(self.tr("份数"), self.copies)
        details.addRow(self.tr("页数"), self.pages)
        details.addRow(self.tr("收到日期"), self.received)
        details.addRow(self.tr("备注"), self.note)
        details.addRow(self.save_item)
        place = QFormLayout()
        for part, field in self.place.items():
            place.addRow(tr(part), field)
        place.addRow(self.save_place)
        boxes = QHBoxLayout()
        for title, form in ((self.tr("所选材料"), details), (self.tr("存放位置"), place)):
            box = QGroupBox(title)
            box.setLayout(form)
            boxes.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(boxes)
        message = QHBoxLayout()
        message.addWidget(self.banner, 1)
        message.addWidget(self.undo_button)
        layout.addLayout(message)

    def set_writable(self, writable: bool) -> None:
        """A viewer sees the checklist but cannot tick or save."""
        self.writable = writable
        for widget in (self.save_item, self.save_place):
            widget.setEnabled(writable)

    def show_register(self, register: ArchiveRegister | None) -> None:
        if self.last_tick and (register is None or register.student_id != self.last_tick.student_id):
            self.last_tick = None  # another pupil: the last tick is no longer on screen
            self.undo_button.hide()
        self.register = register
        lines = register.lines if register else ()
        row = max(0, self.table.currentRow())
        self._filling = True
        self.table.setRowCount(len(lines))
        for index, line in enumerate(lines):
            self._fill(index, line)
        self._filling = False
        location = register.location if register else Location()
        for field, value in zip(self.place.values(), (location.cabinet, location.shelf,
                                                      location.box), strict=True):
            field.setText(value)
        if lines:
            self.table.setCurrentCell(min(row, len(lines) - 1), 0)
        self._show_details()

    def _fill(self, row: int, line: ChecklistLine) -> None:
        required = tr(line.required_because) if line.required else tr("可选")
        texts = (tr(line.label), required, "", _count(line), day_text(line.received_on),
                 line.note, str(line.scans) if line.scans else "")
        items = [QTableWidgetItem(text) for text in texts]
        for column, item in enumerate(items):
            self.table.setItem(row, column, item)
        check = items[PRESENT_COLUMN]
        check.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable if self.writable
                       else Qt.ItemFlag.ItemIsEnabled)
        check.setCheckState(Qt.CheckState.Checked if line.present else Qt.CheckState.Unchecked)

    def current_line(self) -> ChecklistLine | None:
        row = self.table.currentRow()
        lines = self.register.lines if self.register else ()
        return lines[row] if 0 <= row < len(lines) else None

    def _show_details(self) -> None:
        line = self.current_line()
        self.copies.setValue((line.copies or 0) if line else 0)
        self.pages.setValue((line.pages or 0) if line else 0)
        self.note.setText(line.note if line else "")
        if line and line.received_on:
            day = line.received_on
            self.received.setDate(QDate(day.year, day.month, day.day))

    def set_present(self, row: int, present: bool) -> None:
        """Tick (or untick) the document on `row`, as a click on its box does."""
        item_at(self.table, row, PRESENT_COLUMN).setCheckState(
            Qt.CheckState.Checked if present else Qt.CheckState.Unchecked)

    def _on_cell_clicked(self, row: int, column: int) -> None:
        """A click in the 齐全 cell beside its small box ticks it as the box would."""
        ticked, self._ticked_row = self._ticked_row, -1
        if column == PRESENT_COLUMN and row != ticked and self.writable and self.register:
            self.set_present(row, not self.register.lines[row].present)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling or item.column() != PRESENT_COLUMN or self.register is None:
            return
        line = self.register.lines[item.row()]
        present = item.checkState() == Qt.CheckState.Checked
        self._ticked_row = item.row()  # the click that ticked the box is not a second one
        QTimer.singleShot(0, self._forget_ticked_row)
        student = self.register.student_id
        if self._write(lambda: set_item(self.workspace, student, line.kind, present,
                                        today=self.today),
                       (self.tr("已勾选：") if present else self.tr("已取消勾选：")) + tr(line.label)):
            self.last_tick = Tick(student, line)
            self.undo_button.show()

    def _forget_ticked_row(self) -> None:
        self._ticked_row = -1

    def undo_tick(self) -> None:
        """Put the last tick back as it was, with its copies, pages, date and note."""
        tick, self.last_tick = self.last_tick, None
        self.undo_button.hide()
        if tick is None:
            return
        line = tick.line
        details = ItemDetails(line.copies, line.pages, line.received_on, line.note)
        self._write(lambda: set_item(self.workspace, tick.student_id, line.kind, line.present,
                                     details, today=self.today), self.tr("已撤销：") + tr(line.label))

    def save_details(self) -> None:
        line = self.current_line()
        if line is None or self.register is None:
            return
        details = ItemDetails(self.copies.value() or None, self.pages.value() or None,
                              picked_day(self.received), self.note.text())
        student_id = self.register.student_id
        self._write(lambda: set_item(self.workspace, student_id, line.kind,
                                     line.present, details, today=self.today))

    def save_location(self) -> None:
        if self.register is None:
            return
        place = Location(*(field.text() for field in self.place.values()))
        student_id = self.register.student_id
        self._write(lambda: set_location(self.workspace, student_id, place))

    def _write(self, action: Callable[[], object], done: str = "") -> bool:
        if attempt(self.banner, action, done or self.tr("已保存。")):
            self.changed.emit()
            return True
        self.show_register(self.register)  # undo the tick the service refused
        return False
