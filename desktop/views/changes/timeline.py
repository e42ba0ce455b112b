"""A student's 学籍变动 timeline (oldest first) and the school's recent changes."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from desktop.services.changes.status import HistoryEntry, recent_changes
from desktop.services.context import Workspace
from desktop.views.changes.registers import (
    DeferralTab,
    LedgerTab,
    VerificationTab,
    run_year_end_with_preview,
)
from desktop.views.widgets.forms import ReadOnlyTable
from desktop.views.widgets.load_when_shown import LoadWhenShown
from desktop.views.wording import tr

_APPROVAL = {"awaiting": "待审批", "approved": "已批准", "rejected": "未批准", "": ""}
TABS = ("最近变动", "学籍核查", "控辍保学台账", "缓学登记")
COLUMNS = ("日期", "学生", "变动", "状态变化", "截止", "原因", "审批")


def _row(entry: HistoryEntry) -> tuple[str, ...]:
    approval = tr(_APPROVAL.get(entry.approval, entry.approval))
    if entry.approver and entry.approval == "awaiting":  # 待审批：学籍主管部门（注销）, no (…(…))
        approval += f"：{entry.approver}"
    change = f"{tr(entry.from_status)} → {tr(entry.to_status)}" if entry.from_status else tr(
        entry.to_status)
    return (f"{entry.effective:%Y-%m-%d}", entry.student_name, tr(entry.change), change,
            f"{entry.until:%Y-%m-%d}" if entry.until else "", entry.reason, approval)


class HistoryTable(ReadOnlyTable):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__([tr(c) for c in COLUMNS], parent)

    def show_entries(self, entries: list[HistoryEntry]) -> None:
        self.fill([_row(entry) for entry in entries])


class ChangesPage(LoadWhenShown, QWidget):
    """The 学籍变动 page: recent changes, verification, the dropout ledger, deferrals, year-end.
    Its lists are read when the page is shown, and again after a change while it is shown."""

    year_end_done = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.table = HistoryTable()
        self.verification = VerificationTab(workspace)
        self.ledger = LedgerTab(workspace)
        self.deferrals = DeferralTab(workspace)
        self.tabs = QTabWidget()
        recent = QWidget()
        inner = QVBoxLayout(recent)
        inner.addWidget(QLabel(self.tr("最近办理的学籍变动。办理新的变动：在学生名册中打开学生，点“学籍变动…”。")))
        inner.addWidget(self.table)
        tabs = (recent, self.verification, self.ledger, self.deferrals)
        for title, widget in zip(TABS, tabs, strict=True):
            self.tabs.addTab(widget, tr(title))
        self.year_end = QPushButton(self.tr("学年末升级和毕业…"))
        self.year_end.clicked.connect(self._year_end)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.year_end)

    def load(self) -> None:
        self.table.show_entries(recent_changes(self.workspace))
        for tab in (self.verification, self.ledger, self.deferrals):
            tab.reload()

    def _year_end(self) -> None:
        if run_year_end_with_preview(self, self.workspace):
            self.year_end_done.emit()
