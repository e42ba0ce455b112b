"""The change dialog: pick a change this student may have now, its dates, reason and applicant;
the documents it needs are listed; a refusal is said inline and nothing is changed.

It opens on the change most likely for the pupil's status (复学 after 休学, 审批通过 while a
change waits for its paper approval) and shows only the fields the chosen change uses. A decision
that arrived on paper is recorded with the approving unit, its date and, optionally, a scan of it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import DomainError
from desktop.services.archive.scans import MAX_BYTES
from desktop.services.changes.paper_approval import PaperScan, record_paper_decision
from desktop.services.changes.status import (
    DECISIONS,
    AwaitingApproval,
    ChangeRequest,
    ChangeResult,
    apply_change,
    awaiting_approval,
    possible_changes,
    rule_of,
)
from desktop.services.chosen_file import read_chosen_file
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.services.students.read import get_student
from desktop.services.students.school import list_classes
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.dialogs import open_path
from desktop.views.widgets.forms import date_edit, ok_cancel, picked_day
from desktop.views.wording import say, tr

UNTIL_MONTHS = 6  # a 休学 or 续休 offered until half a year on (the rule allows one year at most)
# The change a registrar most often records for a pupil in each status, in order of likelihood.
LIKELY = {"在籍在读": ("转出", "休学"), "休学": ("复学", "续休"), "待注册": ("新生注册", "转入"),
          "缓学": ("缓学期满入学",), "转入中": ("转入完成",), "转出中": ("转出完成",),
          "出境": ("回国",)}


def likely_change(status: str, offered: list[str]) -> str:
    """The change the dialog opens on: a decision awaited first, then the status's usual one."""
    for name in ("审批通过", *LIKELY.get(status, ())):
        if name in offered:
            return name
    return offered[0] if offered else ""


class ChangeDialog(QDialog):
    def __init__(self, workspace: Workspace, student_id: str, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.student_id = workspace, student_id
        self.recorded: ChangeResult | None = None  # what was recorded, once submitted (QDialog has result())
        detail = get_student(workspace, student_id)
        self.reference = detail.values.get("id_number") or detail.xjh or student_id
        self.setWindowTitle(self.tr("学籍变动") + f"：{detail.values['name']}")
        self.setMinimumWidth(520)
        self.awaiting = awaiting_approval(workspace, student_id)
        offered = ([*DECISIONS] if self.awaiting else []) + possible_changes(workspace, student_id)
        self.kind = QComboBox()
        for name in offered:
            self.kind.addItem(tr(name), name)
        self.kind.setCurrentIndex(max(0, self.kind.findData(likely_change(detail.status, offered))))
        self._make_fields(today or dt.date.today())
        self._build(detail.status)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed(self.kind.currentData()))
        self._kind_changed(self.kind.currentData())

    def _make_fields(self, today: dt.date) -> None:
        self.effective, self.until = date_edit(today), date_edit(today)
        self.klass = QComboBox()
        self.klass.addItems([c.name for c in list_classes(self.workspace)])
        self.reason, self.unit = QLineEdit(), QLineEdit()
        self.applicant, self.relation, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        self.documents, self.approver = _wrapping_label(), _wrapping_label()
        self.scan_path: Path | None = None
        self.scan_label = QLabel(self.tr("（未附）"))
        self.scan_button = QPushButton(self.tr("选择扫描件…"))
        self.scan_button.clicked.connect(self._choose_scan)
        self.banner = MessageBanner()

    def _build(self, status: str) -> None:
        self.form = form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(self.tr("当前状态"), QLabel(tr(status)))
        form.addRow(self.tr("变动类别"), self.kind)
        if self.awaiting is not None:
            form.addRow(self.tr("待审批"), QLabel(_awaiting_text(self.awaiting)))
        self.effective_label, self.reason_label = QLabel(), QLabel()
        form.addRow(self.effective_label, self.effective)
        form.addRow(self.tr("截止日期"), self.until)
        form.addRow(self.tr("新班级"), self.klass)
        form.addRow(self.tr("审批单位"), self.unit)
        form.addRow(self.reason_label, self.reason)
        form.addRow(self.tr("申请人（监护人）"), self.applicant)
        form.addRow(self.tr("与学生关系"), self.relation)
        form.addRow(self.tr("联系电话"), self.phone)
        scan = QHBoxLayout()
        scan.addWidget(self.scan_button)
        scan.addWidget(self.scan_label, 1)
        self.scan_row = QWidget()
        self.scan_row.setLayout(scan)
        scan.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.tr("审批文件扫描件"), self.scan_row)
        form.addRow(self.tr("需归档材料"), self.documents)
        form.addRow(self.tr("审批"), self.approver)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addStretch()
        layout.addWidget(ok_cancel(self, self.submit))

    def _kind_changed(self, name: str) -> None:
        if not name:
            return
        decision = name in DECISIONS
        needs_until, needs_class, documents, approver = (False, False, (), "") if decision else rule_of(name)
        self.until.setEnabled(needs_until)
        if needs_until and self.until.date() <= self.effective.date():
            self.until.setDate(self.effective.date().addMonths(UNTIL_MONTHS))  # to correct
        self.klass.setEnabled(needs_class)
        shown = {self.until: needs_until, self.klass: needs_class, self.unit: decision,
                 self.scan_row: decision, self.documents: not decision, self.approver: not decision}
        for field in (self.applicant, self.relation, self.phone):
            shown[field] = not decision
        for widget, visible in shown.items():
            self.form.setRowVisible(widget, visible)
        self.effective_label.setText(self.tr("审批日期") if decision else self.tr("变动日期"))
        self.reason_label.setText(self.tr("审批意见") if decision else self.tr("原因"))
        if decision and not self.unit.text() and self.awaiting is not None:
            self.unit.setText(self.awaiting.approver)
        self.documents.setText("、".join(documents) or self.tr("无"))
        self.approver.setText(self.tr("待{who}审批").format(who=approver) if approver
                              else self.tr("学校办理即可"))
        self.adjustSize()  # rows came or went: the dialog fits them, wrapped text included

    def _choose_scan(self) -> None:
        path = self.ask_scan_path()
        if path is not None:
            self.scan_path = path
            self.scan_label.setText(path.name)

    def ask_scan_path(self) -> Path | None:
        """Seam for tests: the scan of the paper decision (None: cancelled)."""
        return open_path(self, self.tr("选择审批文件扫描件"), self.tr("扫描件 (*.jpg *.jpeg *.png *.pdf)"))

    def request(self) -> ChangeRequest:
        name = self.kind.currentData()
        decision = name in DECISIONS
        needs_until, needs_class = (False, False) if decision else rule_of(name)[:2]
        applicant = {k: v for k, v in (("name", self.applicant.text().strip()),
                                        ("relation", self.relation.text().strip()),
                                        ("phone", self.phone.text().strip())) if v}
        return ChangeRequest(
            student=self.reference, change=name,
            effective=picked_day(self.effective),
            until=picked_day(self.until) if needs_until else None,
            reason=self.reason.text().strip(),
            class_name=self.klass.currentText() if needs_class else "",
            applicant=(applicant or None) if not decision else None,
            unit=self.unit.text().strip() if decision else "")

    def submit(self) -> None:
        request = self.request()
        try:
            if request.change in DECISIONS:
                self.recorded = record_paper_decision(self.workspace, request, self._scan())
            else:
                self.recorded = apply_change(self.workspace, request)
        except (DomainError, ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        except OSError:
            self.banner.show_message(self.tr("读不出扫描件文件，请重新选择。"))
            return
        self.accept()

    def _scan(self) -> PaperScan | None:
        if self.scan_path is None:
            return None
        data = read_chosen_file(self.scan_path, MAX_BYTES, "archive.scan_too_big",
                                max_mb=MAX_BYTES // (1024 * 1024))  # a FIFO must not hang
        return PaperScan(data, self.scan_path.name)


def _wrapping_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.MinimumExpanding)
    return label


def _awaiting_text(awaiting: AwaitingApproval) -> str:
    return (f"{tr(awaiting.change)}（{awaiting.effective:%Y-%m-%d}）"
            + tr("，待") + (awaiting.approver or tr("上级")) + tr("审批"))
