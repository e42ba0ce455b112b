"""Where one student's folder goes: 借阅 (lend it out and take it back) and 移交 (hand it over
when it leaves the school, with the receiving unit, both signatories and what was handed)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.archive.shapes import KINDS, ArchiveRegister, Handover, Loan
from desktop.services.archive.write import (
    HANDOVER_REASONS,
    HandoverInput,
    lend,
    record_handover,
    return_loan,
)
from desktop.services.context import Workspace
from desktop.views.archive import common
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.forms import ReadOnlyTable, date_edit, picked_day
from desktop.views.wording import tr

LOAN_COLUMNS = ("借阅人", "事由", "借出日期", "应还日期", "归还日期")
HANDOVER_COLUMNS = ("移交日期", "原因", "接收单位", "移交人", "接收人", "移交材料", "本校留存")
LOAN_DAYS = 14


class _RegisterTab(QWidget):
    """A tab that shows part of one register and writes through the services."""

    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.today = workspace, today
        self.register: ArchiveRegister | None = None
        self.banner = MessageBanner()
        self.buttons: list[QPushButton] = []

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.buttons.append(button)
        return button

    def set_writable(self, writable: bool) -> None:
        for button in self.buttons:
            button.setEnabled(writable)

    def _write(self, action: Callable[[], object], done: str) -> None:
        if self.register is not None and common.attempt(self.banner, action, done):
            self.changed.emit()

    def _today(self) -> dt.date:
        return self.today or dt.date.today()


def _loan_row(loan: Loan, today: dt.date) -> tuple[str, ...]:
    due = common.day_text(loan.due) + (tr("（逾期）") if loan.overdue(today) else "")
    return (loan.borrower, loan.purpose, common.day_text(loan.lent_on), due,
            common.day_text(loan.returned_on))


class LoansTab(_RegisterTab):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(workspace, parent, today)
        self.table = ReadOnlyTable([tr(c) for c in LOAN_COLUMNS])
        self.borrower, self.purpose = QLineEdit(), QLineEdit()
        self.due = date_edit(self._today() + dt.timedelta(days=LOAN_DAYS))
        form = QFormLayout()
        for label, widget in ((self.tr("借阅人"), self.borrower), (self.tr("事由"), self.purpose),
                              (self.tr("应还日期"), self.due)):
            form.addRow(label, widget)
        buttons = QHBoxLayout()
        buttons.addWidget(self._button(self.tr("借出"), self.lend))
        buttons.addWidget(self._button(self.tr("归还"), self.give_back))
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)

    def show_register(self, register: ArchiveRegister | None) -> None:
        self.register = register
        loans = register.loans if register else ()
        self.table.fill([_loan_row(loan, self._today()) for loan in reversed(loans)])

    def lend(self) -> None:
        student = self.register.student_id if self.register else ""
        self._write(lambda: lend(self.workspace, student, self.borrower.text(), self.purpose.text(),
                                 picked_day(self.due), self._today()), self.tr("已登记借出。"))

    def give_back(self) -> None:
        loan = self.register.open_loan if self.register else None
        if loan is None:
            self.banner.show_message(self.tr("这份档案没有借出。"), "warning")
            return
        self._write(lambda: return_loan(self.workspace, loan.id, self._today()),
                    self.tr("已登记归还。"))


def _handover_row(handover: Handover) -> tuple[str, ...]:
    kept = [tr("电子备份")] if handover.backup_kept else []
    kept += [tr("纸质复印件")] if handover.copies_kept else []
    return (common.day_text(handover.handed_on), tr(handover.reason), handover.receiver,
            handover.sender_signatory, handover.receiver_signatory,
            "、".join(tr(KINDS[k].label) for k in handover.items if k in KINDS), "、".join(kept))


class HandoverTab(_RegisterTab):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(workspace, parent, today)
        self.table = ReadOnlyTable([tr(c) for c in HANDOVER_COLUMNS])
        self.reason = QComboBox()
        for reason in HANDOVER_REASONS:
            self.reason.addItem(tr(reason), reason)
        self.day = date_edit(today)
        self.receiver, self.handed_by, self.taker, self.note = (QLineEdit() for _ in range(4))
        self.backup = QCheckBox(self.tr("已备份保留电子学籍档案"))
        self.copies = QCheckBox(self.tr("已保留必要的纸质档案复印件"))
        form = QFormLayout()
        for label, widget in ((self.tr("原因"), self.reason), (self.tr("移交日期"), self.day),
                              (self.tr("接收单位"), self.receiver), (self.tr("移交人"), self.handed_by),
                              (self.tr("接收人"), self.taker), (self.tr("备注"), self.note)):
            form.addRow(label, widget)
        form.addRow(self.backup)
        form.addRow(self.copies)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addLayout(form)
        layout.addWidget(self._button(self.tr("登记移交…"), self.hand_over))
        layout.addWidget(self.banner)

    def show_register(self, register: ArchiveRegister | None) -> None:
        self.register = register
        self.table.fill([_handover_row(h) for h in (register.handovers if register else ())])

    def entered(self) -> HandoverInput:
        """The handover as filled in; the documents are those ticked in the checklist."""
        return HandoverInput(self.reason.currentData(), picked_day(self.day),
                             self.receiver.text(), self.handed_by.text(), self.taker.text(),
                             backup_kept=self.backup.isChecked(),
                             copies_kept=self.copies.isChecked(), note=self.note.text())

    def hand_over(self) -> None:
        if self.register is None:
            return
        data, student = self.entered(), self.register.student_id
        question = self.tr("登记后这份档案即视为已移交给“{receiver}”，不能再借出。确定登记吗？")
        if not common.confirm(self, question.format(receiver=data.receiver.strip())):
            return
        self._write(lambda: record_handover(self.workspace, student, data), self.tr("已登记移交。"))
