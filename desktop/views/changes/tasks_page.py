"""待办: everything due, overdue first and marked, each with the rule that set its deadline."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QTableWidgetItem, QVBoxLayout, QWidget

from desktop.domain.idnumber import mask
from desktop.services.context import Workspace
from desktop.services.tasks import Task, list_tasks
from desktop.views.widgets.forms import ReadOnlyTable
from desktop.views.wording import tr

COLUMNS = ("截止日期", "姓名", "身份证件号", "事项", "依据")
_OVERDUE = QColor("#a61b1b")


class TasksPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.today = workspace, today
        self.summary = QLabel()
        self.table = ReadOnlyTable([tr(c) for c in COLUMNS])
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table)
        self.tasks: list[Task] = []
        self.reload()

    def reload(self) -> None:
        self.tasks = list_tasks(self.workspace, self.today)
        self.table.setRowCount(len(self.tasks))
        for row, task in enumerate(self.tasks):
            self._fill(row, task)
        overdue = sum(task.overdue for task in self.tasks)
        self.summary.setText(self.tr("共 {n} 项待办，其中逾期 {m} 项。").format(n=len(self.tasks),
                                                                        m=overdue))

    def overdue_count(self) -> int:
        return sum(task.overdue for task in self.tasks)

    def _fill(self, row: int, task: Task) -> None:
        due = f"{task.due:%Y-%m-%d}" + (self.tr("（估算）") if task.estimated else "")
        if task.overdue:
            due = self.tr("逾期 ") + due
        texts = (due, task.name, mask(task.id_number or ""), tr(task.item), tr(task.rule))
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if task.overdue:
                item.setForeground(QBrush(_OVERDUE))
            self.table.setItem(row, column, item)
