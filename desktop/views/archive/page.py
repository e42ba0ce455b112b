"""The 学籍档案 page: the school's folders (search as in the roster, filter 不齐全 or 借出中)
with how many required documents each misses, and for the selected student the register in
four tabs: 材料清单, 扫描件, 借阅, 移交."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.archive.read import ArchiveRow, archive_overview, read_register
from desktop.services.context import Role, Workspace
from desktop.views.archive.checklist import ChecklistTab
from desktop.views.archive.custody import HandoverTab, LoansTab
from desktop.views.archive.scans import ScansTab
from desktop.views.widgets.forms import ReadOnlyTable
from desktop.views.widgets.search_box import SearchBox
from desktop.views.wording import tr

FILTERS = (("全部", ""), ("不齐全", "incomplete"), ("借出中", "lent"))
COLUMNS = ("姓名", "班级", "缺件", "档案状态", "存放位置")
TABS = ("材料清单", "扫描件", "借阅", "移交")
SHOWN = 200
LIST_WIDTH = 420


def _state(row: ArchiveRow) -> str:
    if row.handed_over:
        return tr("已移交")
    state = tr("齐全") if row.complete else tr("不齐全")
    return state + ("、" + tr("借出中") if row.lent else "")


class ArchivePage(QWidget):
    changed = Signal()  # a register was written: to-dos may have changed

    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.rows: list[ArchiveRow] = []
        self.search = SearchBox()
        self.search.setPlaceholderText(self.tr("姓名、拼音、首字母、身份证件号或学籍号"))
        self.filter = QComboBox()
        for label, key in FILTERS:
            self.filter.addItem(tr(label), key)
        self.count = QLabel()
        self.students = ReadOnlyTable([tr(c) for c in COLUMNS])
        self.heading = QLabel()
        self.checklist = ChecklistTab(workspace, today=today)
        self.scans = ScansTab(workspace)
        self.loans = LoansTab(workspace, today=today)
        self.handovers = HandoverTab(workspace, today=today)
        self.tabs = QTabWidget()
        self._build()
        self._connect()
        self.reload()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 1)
        top.addWidget(self.filter)
        left = QWidget()
        column = QVBoxLayout(left)
        column.addLayout(top)
        column.addWidget(self.students, 1)
        column.addWidget(self.count)
        writable = self.workspace.actor.role is Role.REGISTRAR
        for title, tab in zip(TABS, self._tabs(), strict=True):
            tab.set_writable(writable)
            self.tabs.addTab(tab, tr(title))
        right = QWidget()
        detail = QVBoxLayout(right)
        detail.addWidget(self.heading)
        detail.addWidget(self.tabs, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([LIST_WIDTH, 2 * LIST_WIDTH])
        QVBoxLayout(self).addWidget(splitter)

    def _tabs(self) -> list[ChecklistTab | ScansTab | LoansTab | HandoverTab]:
        return [self.checklist, self.scans, self.loans, self.handovers]

    def _connect(self) -> None:
        self.search.search_changed.connect(lambda _text: self.reload())
        self.filter.currentIndexChanged.connect(lambda _index: self.reload())
        self.students.currentCellChanged.connect(lambda *_: self._show_selected())
        for tab in self._tabs():
            tab.changed.connect(self._after_write)

    def shows_any(self, student_ids: frozenset[str]) -> bool:
        """Whether one of these pupils is in the list (after a change to their records)."""
        return any(row.student_id in student_ids for row in self.rows)

    def reload(self) -> None:
        """Refill the list (keeping the selected student) and the register shown."""
        chosen = self.selected_id()
        key = self.filter.currentData()
        self.rows = archive_overview(self.workspace, self.search.text(), key == "incomplete",
                                     key == "lent", SHOWN)
        self.students.blockSignals(True)
        self.students.fill([(r.name, r.class_name, str(r.missing) if r.missing else "", _state(r),
                             r.location) for r in self.rows])
        ids = [r.student_id for r in self.rows]
        self.students.setCurrentCell(ids.index(chosen) if chosen in ids else (0 if ids else -1), 0)
        self.students.blockSignals(False)
        shown = self.tr("显示 {n} 名学生").format(n=len(self.rows))
        self.count.setText(shown + (self.tr("（最多显示 {max} 名，请缩小查找范围）").format(max=SHOWN)
                                    if len(self.rows) >= SHOWN else ""))
        self._show_selected()

    def selected_id(self) -> str | None:
        row = self.students.currentRow()
        return self.rows[row].student_id if 0 <= row < len(self.rows) else None

    def select_student(self, student_id: str) -> None:
        ids = [r.student_id for r in self.rows]
        if student_id in ids:
            self.students.setCurrentCell(ids.index(student_id), 0)

    def _show_selected(self) -> None:
        chosen = self.selected_id()
        register = read_register(self.workspace, chosen) if chosen else None
        if register is None:
            self.heading.setText(self.tr("在左侧列表中选择一名学生。"))
        else:
            missing = "、".join(tr(line.label) for line in register.missing)
            self.heading.setText(register.name + "：" + (self.tr("缺 {items}").format(items=missing)
                                                        if missing else self.tr("必备材料齐全")))
        for tab in self._tabs():
            tab.show_register(register)

    def _after_write(self) -> None:
        self.reload()
        self.changed.emit()
