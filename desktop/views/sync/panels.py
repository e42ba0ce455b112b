"""The lists of the 同步 page: each student's sync state (with a filter), the conflicts to
decide with 用我的 / 用服务器的, and the registry's 一人多籍 findings."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.conflicts import MINE, SERVER, ConflictRow, list_conflicts, resolve_conflict
from desktop.services.registry.status import STATES, list_findings, student_sync_states
from desktop.services.students.id_policy import mask_xjh
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.forms import ReadOnlyTable
from desktop.views.wording import say, tr

ALL = "全部"


class StatesPanel(QWidget):
    """Students and where each stands with the registry."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.filter = QComboBox()
        for state in (ALL, *STATES):
            self.filter.addItem(tr(state), state)
        self.table = ReadOnlyTable([tr("姓名"), tr("班级"), tr("学籍号"), tr("同步状态")])
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self._size_columns()
        self.count_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("显示")))
        row.addWidget(self.filter)
        row.addWidget(self.count_label, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()  # widths from what each column holds
        for column, sample in enumerate(("欧阳某某某", "六年级(10)班", "G440604201509011234")):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)

    def changeEvent(self, event: QEvent) -> None:
        """The text size changed: the columns fit the new size at once."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_columns()

    def reload(self) -> None:
        state = self.filter.currentData()
        rows = student_sync_states(self.workspace, None if state == ALL else state)
        self.table.fill([(r.name, r.class_name, mask_xjh(r.xjh) or "", r.label) for r in rows])
        self.count_label.setText(self.tr("共 {n} 名学生").format(n=len(rows)))

    def show_state(self, state: str) -> None:
        self.filter.setCurrentIndex(max(0, self.filter.findData(state)))


class ConflictsPanel(QWidget):
    """Open conflicts; the registrar keeps the desk's value or takes the registry's."""

    resolved = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.rows: list[ConflictRow] = []
        self.table = ReadOnlyTable([tr("姓名"), tr("班级"), tr("项目"), tr("本机的值"), tr("中心的值")])
        self.mine_button = QPushButton(self.tr("用我的"))
        self.server_button = QPushButton(self.tr("用服务器的"))
        self.banner = MessageBanner()
        note = QLabel(self.tr("中心已有人修改了这些项目，本机的修改未被采用。请逐项选择保留哪个值："
                              "“用我的”会把本机的值重新上报，“用服务器的”会改用中心的值。"))
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.mine_button)
        buttons.addWidget(self.server_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        for widget in (note, self.table):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        self.mine_button.clicked.connect(lambda: self.resolve(MINE))
        self.server_button.clicked.connect(lambda: self.resolve(SERVER))

    def reload(self) -> None:
        self.rows = list_conflicts(self.workspace)
        self.table.fill([(r.student_name, r.class_name, r.field_label, r.local_text, r.server_text)
                         for r in self.rows])
        if self.rows and self.table.currentRow() < 0:
            self.table.selectRow(0)

    def set_busy(self, busy: bool) -> None:
        for button in (self.mine_button, self.server_button):
            button.setEnabled(not busy)

    def resolve(self, keep: str) -> None:
        index = self.table.currentRow()
        if not 0 <= index < len(self.rows):
            self.banner.show_message(self.tr("请先在列表中选择一条冲突。"), "warning")
            return
        row = self.rows[index]
        try:
            resolve_conflict(self.workspace, row.id, keep)
        except ServiceError as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        done = (self.tr("已保留本机的值，将在下次同步时重新上报。") if keep == MINE
                else self.tr("已改用中心的值。"))
        self.banner.show_message(f"{row.student_name} {row.field_label}：{done}", "info")
        self.reload()
        self.resolved.emit()


class FindingsPanel(QWidget):
    """一人多籍: the registry found the same ID number in more than one record."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.table = ReadOnlyTable([tr("提示"), tr("涉及学生"), tr("说明")])
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)

    def reload(self) -> None:
        rows = []
        for finding in list_findings(self.workspace):
            who = "；".join(f"{s.get('name', '')}（{s.get('school_name', '')}，{s.get('xjh') or ''}）"
                           for s in finding.students)
            rows.append((finding.title, who, finding.message))
        self.table.fill(rows)
