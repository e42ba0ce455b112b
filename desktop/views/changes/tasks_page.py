"""待办: everything due, overdue first and marked, each with the rule that set its deadline.

The kinds of 事项 are listed on the left with their counts (and how many are overdue); the
list can be narrowed to one kind, one class, the overdue ones, and by a name or number.

The list is read when the page is shown (and again after a change, or on the next showing if
the page is hidden then); until then only the number of overdue items is asked for. A row's
texts are made when it is first painted, so thousands of archive deadlines fill at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.idnumber import mask
from desktop.services.changes.tasks import (
    Task,
    TaskFilter,
    filter_tasks,
    list_tasks,
    overdue_count,
    task_groups,
)
from desktop.services.context import Workspace
from desktop.views.widgets.headed_model import HeadedTableModel
from desktop.views.widgets.load_when_shown import LoadWhenShown
from desktop.views.widgets.search_box import SearchBox
from desktop.views.wording import tr

COLUMNS = ("截止日期", "姓名", "班级", "身份证件号", "事项", "依据")
_OVERDUE = QColor("#a61b1b")
SIZED_BY_ROWS = 100  # columns fit the texts of the first rows, not of thousands (names: below)
NAME = COLUMNS.index("姓名")
Index = QModelIndex | QPersistentModelIndex


class TaskModel(HeadedTableModel):
    """The tasks as table rows; `texts` makes a row's cells, once, when it is first shown."""

    columns = COLUMNS

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


class TasksPage(LoadWhenShown, QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.today = workspace, today
        self.summary = QLabel()
        self.model = TaskModel(self._texts, self)
        self.table = _table(self.model)
        self.groups = QListWidget()
        self.search = SearchBox()
        self.search.setPlaceholderText(self.tr("按姓名、证件号或学籍号查找"))
        self.klass = QComboBox()
        self.overdue_only = QCheckBox(self.tr("只看逾期"))
        self._build()
        self.tasks: list[Task] = []

    def _build(self) -> None:
        filters = QHBoxLayout()
        filters.addWidget(self.search, 1)
        filters.addWidget(QLabel(self.tr("班级")))
        filters.addWidget(self.klass)
        filters.addWidget(self.overdue_only)
        right = QVBoxLayout()
        right.addLayout(filters)
        right.addWidget(self.summary)
        right.addWidget(self.table, 1)
        self._fit_groups()
        self.groups.setWordWrap(True)
        layout = QHBoxLayout(self)
        layout.addWidget(self.groups)
        layout.addLayout(right, 1)
        self.groups.currentRowChanged.connect(lambda _row: self._show())
        self.klass.currentIndexChanged.connect(lambda _i: self._show())
        self.overdue_only.toggled.connect(lambda _on: self._show())
        self.search.search_changed.connect(lambda _t: self._show())

    def _fit_groups(self) -> None:
        self.groups.setFixedWidth(self.fontMetrics().horizontalAdvance("学籍档案：补齐必备材料") + 60)

    def changeEvent(self, event: QEvent) -> None:
        """The text size changed: the list of kinds and the name column follow at once."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._fit_groups()
            self._fit_names()

    def load(self) -> None:
        self.tasks = list_tasks(self.workspace, self.today)
        self._fill_choices()
        self._show()

    def _fill_choices(self) -> None:
        """The kinds with their counts on the left, the classes that have something due."""
        chosen_item, chosen_class = self.chosen().item, self.klass.currentData()
        for widget in (self.groups, self.klass):
            widget.blockSignals(True)
        self.groups.clear()
        overdue = sum(task.overdue for task in self.tasks)
        self._add_group(self.tr("全部事项"), "", len(self.tasks), overdue)
        for group in task_groups(self.tasks):
            self._add_group(tr(group.item), group.item, group.count, group.overdue)
        items = [self.groups.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.groups.count())]
        self.groups.setCurrentRow(items.index(chosen_item) if chosen_item in items else 0)
        self.klass.clear()
        self.klass.addItem(self.tr("全部"), "")
        for name in sorted({task.class_name for task in self.tasks if task.class_name}):
            self.klass.addItem(name, name)
        self.klass.setCurrentIndex(max(0, self.klass.findData(chosen_class)))
        for widget in (self.groups, self.klass):
            widget.blockSignals(False)

    def _add_group(self, label: str, item: str, count: int, overdue: int) -> None:
        text = f"{label}\n" + self.tr("{n} 项").format(n=count)
        if overdue:
            text += self.tr("，逾期 {m} 项").format(m=overdue)
        entry = QListWidgetItem(text)
        entry.setData(Qt.ItemDataRole.UserRole, item)
        if overdue:
            entry.setForeground(QBrush(_OVERDUE))
        self.groups.addItem(entry)

    def chosen(self) -> TaskFilter:
        row = self.groups.currentItem()
        return TaskFilter(item=row.data(Qt.ItemDataRole.UserRole) if row else "",
                          class_name=self.klass.currentData() or "",
                          overdue_only=self.overdue_only.isChecked(), text=self.search.text())

    def _show(self) -> None:
        shown = filter_tasks(self.tasks, self.chosen())
        self.model.set_tasks(shown)
        self._fit_names()
        total, late = len(self.tasks), sum(task.overdue for task in self.tasks)
        text = self.tr("共 {n} 项待办，其中逾期 {m} 项。").format(n=total, m=late)
        if len(shown) != total:
            text += self.tr("显示 {k} 项。").format(k=len(shown))
        self.summary.setText(text)

    def _fit_names(self) -> None:
        """The name column fits the longest name, however far down the list it is."""
        header = self.table.horizontalHeader()
        width = header.sectionSizeHint(NAME)
        shown = self.model.tasks
        if shown:
            longest = max(range(len(shown)), key=lambda row: len(shown[row].name))
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
        return due, task.name, task.class_name, mask(task.id_number or ""), tr(task.item), tr(task.rule)


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
