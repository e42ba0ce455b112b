"""转学与审批: the school's cases as the registry last described them. A transfer that waits
for this school's answer comes first (同意转出 / 不同意…); a request this school made shows
its 查询码 and progress and can be withdrawn; an approval shows the bureau's steps. The
selected case's steps, deadlines and opinions are listed below the table."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.case_commands import answer_transfer, withdraw_case
from desktop.services.registry.case_list import CaseRow, list_cases
from desktop.views.sync.transfer_dialog import TransferInDialog
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.dialogs import ask_text
from desktop.views.widgets.forms import ReadOnlyTable, item_at
from desktop.views.wording import say, tr

COLUMNS = ("类型", "学生", "本校是", "对方学校", "状态", "当前步骤", "办理期限", "查询码")
STEP_STATES = {"done": "已办理", "refused": "未同意", "withdrawn": "已撤回", "current": "办理中",
               "waiting": "待办理"}
OVERDUE = QColor("#b3261e")


class CasesPanel(QWidget):
    changed = Signal()  # an answer or a request was queued: counts elsewhere change

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.rows: list[CaseRow] = []
        self.table = ReadOnlyTable([tr(c) for c in COLUMNS])
        self.detail = QTextBrowser()
        self.banner = MessageBanner()
        self.request_button = QPushButton(self.tr("申请转入…"))
        self.agree_button = QPushButton(self.tr("同意转出"))
        self.refuse_button = QPushButton(self.tr("不同意…"))
        self.withdraw_button = QPushButton(self.tr("撤回申请…"))
        note = QLabel(self.tr("办理状态和期限以学籍中心为准；本校的答复在下次同步时上报。"))
        note.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.request_button, self.agree_button, self.refuse_button,
                       self.withdraw_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(buttons)
        layout.addWidget(self.table, 3)
        layout.addWidget(self.detail, 2)
        layout.addWidget(self.banner)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.request_button.clicked.connect(self.request_transfer)
        self.agree_button.clicked.connect(lambda: self.answer(True))
        self.refuse_button.clicked.connect(lambda: self.answer(False))
        self.withdraw_button.clicked.connect(self.withdraw)

    # -- showing ----------------------------------------------------------------------------

    def reload(self) -> None:
        selected = self.selected()
        self.rows = list_cases(self.workspace)
        self.table.fill([self._cells(r) for r in self.rows])
        for index, row in enumerate(self.rows):
            self._mark(index, row)
        ids = [r.case_id for r in self.rows]
        if selected is not None and selected.case_id in ids:
            self.table.selectRow(ids.index(selected.case_id))
        elif self.rows:
            self.table.selectRow(0)
        self._show_selected()

    def _cells(self, row: CaseRow) -> tuple[str, ...]:
        kind = f"{tr(row.kind)}·{tr(row.change_type)}" if row.kind != row.change_type else row.kind
        status = tr(row.state_label)
        if row.action_needed:
            status = self.tr("待本校答复")
        elif row.answer_queued:
            status = self.tr("已答复，待上报")
        return (kind, row.student_name, tr(row.role), row.other_school, status,
                tr(row.current_step), row.due + (self.tr("（已逾期）") if row.overdue else ""),
                row.code)

    def _mark(self, index: int, row: CaseRow) -> None:
        if row.action_needed:
            bold = QFont(self.table.font())
            bold.setBold(True)
            for column in range(len(COLUMNS)):
                item_at(self.table, index, column).setFont(bold)
        if row.overdue:
            item_at(self.table, index, 6).setForeground(QBrush(OVERDUE))

    def selected(self) -> CaseRow | None:
        index = self.table.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _show_selected(self) -> None:
        row = self.selected()
        self.agree_button.setEnabled(bool(row and row.action_needed))
        self.refuse_button.setEnabled(bool(row and row.action_needed))
        self.withdraw_button.setEnabled(bool(
            row and row.state == "open" and row.role == "转入学校" and not row.answer_queued
            and row.code))
        self.detail.setHtml(self._detail_html(row) if row else "")

    def _detail_html(self, row: CaseRow) -> str:
        lines = [f"<b>{row.student_name}</b>　{row.student_detail}"]
        if row.reason:
            lines.append(self.tr("原因：{reason}").format(reason=row.reason))
        if row.refused_reason:
            lines.append(self.tr("学籍中心退回：{reason}").format(reason=row.refused_reason))
        for step in row.steps:
            when = step.decided_on or (self.tr("期限 {due}").format(due=step.due) if step.due else "")
            parts = [tr(step.label), tr(STEP_STATES.get(step.state, step.state)), when, step.by,
                     step.reason]
            text = "　".join(p for p in parts if p)
            if step.overdue:
                text = f'<span style="color:{OVERDUE.name()}">{text}{self.tr("（已逾期）")}</span>'
            lines.append(text)
        return "<br>".join(lines)

    # -- acting -----------------------------------------------------------------------------

    def request_transfer(self) -> None:
        dialog = TransferInDialog(self.workspace, self)
        if self.run_dialog(dialog):
            self.banner.show_message(self.tr("转入申请已保存，将在下次同步时报送学籍中心。"), "info")
            self.reload()
            self.changed.emit()

    def run_dialog(self, dialog: TransferInDialog) -> bool:
        """Seam: tests fill the dialog and submit it instead of running it."""
        return bool(dialog.exec())

    def ask_reason(self, title: str, label: str) -> str | None:
        """Seam: tests answer instead of a person."""
        return ask_text(self, title, label)

    def answer(self, agree: bool) -> None:
        row = self.selected()
        if row is None:
            return
        reason = ""
        if not agree:
            typed = self.ask_reason(self.tr("不同意转出"), self.tr("不同意的理由（会告知转入学校）："))
            if typed is None:
                return
            reason = typed
        self._act(lambda: answer_transfer(self.workspace, row.case_id, agree, reason),
                  self.tr("已同意转出，将在下次同步时上报。") if agree
                  else self.tr("已答复不同意转出，将在下次同步时上报。"))

    def withdraw(self) -> None:
        row = self.selected()
        if row is None:
            return
        reason = self.ask_reason(self.tr("撤回转入申请"), self.tr("撤回的原因："))
        if reason is None:
            return
        self._act(lambda: withdraw_case(self.workspace, row.case_id, reason),
                  self.tr("已撤回申请，将在下次同步时上报。"))

    def _act(self, action: Callable[[], object], done: str) -> None:
        try:
            action()
        except ServiceError as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        self.banner.show_message(done, "info")
        self.reload()
        self.changed.emit()
