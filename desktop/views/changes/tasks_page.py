"""待办: everything due, overdue first and marked, each with the rule that set its deadline.

The list is read when the page is shown (and again after a change, or on the next showing if
the page is hidden then); until then only the number of overdue items is asked for. A row's
texts are made when it is first painted, so thousands of archive deadlines fill at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QLabel, QTableView, QVBoxLayout, QWidget

from desktop.domain.idnumber import mask
from desktop.services.changes.tasks import Task, list_tasks, overdue_count
from desktop.services.context import Workspace
from desktop.views.wording import tr

COLUMNS = ("截止日期", "姓名", "身份证件号", "事项", "依据")
_OVERDUE = QColor("#a61b1b")
SIZED_BY_ROWS = 100  # columns fit the texts of the first rows, not of thousands (names: below)
NAME = COLUMNS.index("姓名")
Index = QModelIndex | QPersistentModelIndex


class TaskModel(QAbstractTableModel):
    """The tasks as table rows; `texts` makes a row's cells, once, when it is first shown."""

    def __init__(self, texts: Callable[[Task], tuple[str, ...]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tasks: list[Task] = []
        self._texts = texts
        self._cells: dict[int, tuple[str, ...]] = {}

    def set_tasks(self, tasks: list[Task]) -> None:
        self.beginResetModel()
        self.tasks, self._cells = tasks, {}
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.tasks)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return tr(COLUMNS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = index.row()
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(_OVERDUE) if self.tasks[row].overdue else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if row not in self._cells:
            self._cells[row] = self._texts(self.tasks[row])
        return self._cells[row][index.column()]


class TasksPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.today = workspace, today
        self.summary = QLabel()
        self.model = TaskModel(self._texts, self)
        self.table = _table(self.model)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.tasks: list[Task] = []
        self.loaded = False

    def reload(self) -> None:
        """Read the list again: now if the page is shown, otherwise when it next is."""
        self.loaded = False
        if self.isVisible():
            self._load()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self._load()

    def _load(self) -> None:
        self.tasks = list_tasks(self.workspace, self.today)
        self.loaded = True
        self.model.set_tasks(self.tasks)
        self._fit_names()
        self.summary.setText(self.tr("共 {n} 项待办，其中逾期 {m} 项。").format(
            n=len(self.tasks), m=sum(task.overdue for task in self.tasks)))

    def _fit_names(self) -> None:
        """The name column fits the longest name, however far down the list it is."""
        header = self.table.horizontalHeader()
        width = header.sectionSizeHint(NAME)
        if self.tasks:
            longest = max(range(len(self.tasks)), key=lambda row: len(self.tasks[row].name))
            cell = self.table.sizeHintForIndex(self.model.index(longest, NAME))
            width = max(width, cell.width() + 1)  # + the grid line, as Qt's own fitting adds
        header.resizeSection(NAME, width)

    def overdue_count(self) -> int:
        if self.loaded:
            return sum(task.overdue for task in self.tasks)
        return overdue_count(self.workspace, self.today)

    def _texts(self, task: Task) -> tuple[str, ...]:
        due = f"{task.due:%Y-%m-%d}" + (self.tr("（估算）") if task.estimated else "")
        if task.overdue:
            due = self.tr("逾期 ") + due
        return due, task.name, mask(task.id_number or ""), tr(task.item), tr(task.rule)


def _table(model: TaskModel) -> QTableView:
    """Read-only rows, selected whole; columns fit their texts, the last takes the rest."""
    table = QTableView()
    table.setModel(model)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().hide()
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Fixed)
    header.setResizeContentsPrecision(SIZED_BY_ROWS)
    header.setStretchLastSection(True)
    return table
