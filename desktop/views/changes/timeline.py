"""A student's 学籍变动 timeline (oldest first) and the school's recent changes."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.services.context import Workspace
from desktop.services.status_changes import HistoryEntry, history, recent_changes
from desktop.views.widgets.forms import ReadOnlyTable
from desktop.views.wording import tr

_APPROVAL = {"awaiting": "待审批", "approved": "已批准", "rejected": "未批准", "": ""}
COLUMNS = ("日期", "学生", "变动", "状态变化", "截止", "原因", "审批")


def _row(entry: HistoryEntry) -> tuple[str, ...]:
    approval = tr(_APPROVAL.get(entry.approval, entry.approval))
    if entry.approver and entry.approval == "awaiting":
        approval += f"（{entry.approver}）"
    change = f"{tr(entry.from_status)} → {tr(entry.to_status)}" if entry.from_status else tr(
        entry.to_status)
    return (f"{entry.effective:%Y-%m-%d}", entry.student_name, tr(entry.change), change,
            f"{entry.until:%Y-%m-%d}" if entry.until else "", entry.reason, approval)


class HistoryTable(ReadOnlyTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([tr(c) for c in COLUMNS], parent)

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self.fill([_row(entry) for entry in entries])


def student_timeline(workspace: Workspace, student_id: str) -> HistoryTable:
    table = HistoryTable()
    table.show_entries(history(workspace, student_id))
    return table


class ChangesPage(QWidget):
    """The 学籍变动 page: the latest changes of the whole school."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.table = HistoryTable()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("最近办理的学籍变动。办理新的变动：在学生名册中打开学生，点“学籍变动…”。")))
        layout.addWidget(self.table)
        self.reload()

    def reload(self) -> None:
        self.table.show_entries(recent_changes(self.workspace))
