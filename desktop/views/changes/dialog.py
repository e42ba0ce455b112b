"""The change dialog: pick a change this student may have now, its dates, reason and applicant;
the documents it needs are listed; a refusal is said inline and nothing is changed."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import DomainError
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.services.school_info import list_classes
from desktop.services.status_changes import (
    ChangeRequest,
    apply_change,
    possible_changes,
    rule_of,
)
from desktop.services.student_read import get_student
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.forms import date_edit, ok_cancel
from desktop.views.wording import say, tr


class ChangeDialog(QDialog):
    def __init__(self, workspace: Workspace, student_id: str, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.student_id = workspace, student_id
        detail = get_student(workspace, student_id)
        self.reference = detail.values.get("id_number") or detail.xjh or student_id
        self.setWindowTitle(self.tr("学籍变动") + f"：{detail.values['name']}")
        today = today or dt.date.today()
        self.kind = QComboBox()
        for name in possible_changes(workspace, student_id):
            self.kind.addItem(tr(name), name)
        self.effective, self.until = date_edit(today), date_edit(today)
        self.klass = QComboBox()
        self.klass.addItems([c.name for c in list_classes(workspace)])
        self.reason = QLineEdit()
        self.applicant, self.relation, self.phone = QLineEdit(), QLineEdit(), QLineEdit()
        self.documents, self.approver = QLabel(), QLabel()
        self.documents.setWordWrap(True)
        self.banner = MessageBanner()
        self._build(detail.status)
        self.kind.currentIndexChanged.connect(lambda _i: self._kind_changed(self.kind.currentData()))
        self._kind_changed(self.kind.currentData())

    def _build(self, status: str) -> None:
        form = QFormLayout()
        form.addRow(self.tr("当前状态"), QLabel(tr(status)))
        form.addRow(self.tr("变动类别"), self.kind)
        form.addRow(self.tr("变动日期"), self.effective)
        form.addRow(self.tr("截止日期"), self.until)
        form.addRow(self.tr("新班级"), self.klass)
        form.addRow(self.tr("原因"), self.reason)
        form.addRow(self.tr("申请人（监护人）"), self.applicant)
        form.addRow(self.tr("与学生关系"), self.relation)
        form.addRow(self.tr("联系电话"), self.phone)
        form.addRow(self.tr("需归档材料"), self.documents)
        form.addRow(self.tr("审批"), self.approver)
        buttons = ok_cancel(self, self.submit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)

    def _kind_changed(self, name: str) -> None:
        if not name:
            return
        needs_until, needs_class, documents, approver = rule_of(name)
        self.until.setEnabled(needs_until)
        self.klass.setEnabled(needs_class)
        self.documents.setText("、".join(documents) or self.tr("无"))
        self.approver.setText(self.tr("待{who}审批").format(who=approver) if approver
                              else self.tr("学校办理即可"))

    def request(self) -> ChangeRequest:
        name = self.kind.currentData()
        needs_until, needs_class, _docs, _who = rule_of(name)
        applicant = {k: v for k, v in (("name", self.applicant.text().strip()),
                                        ("relation", self.relation.text().strip()),
                                        ("phone", self.phone.text().strip())) if v}
        return ChangeRequest(
            student=self.reference, change=name,
            effective=self.effective.date().toPython(),
            until=self.until.date().toPython() if needs_until else None,
            reason=self.reason.text().strip(),
            class_name=self.klass.currentText() if needs_class else "",
            applicant=applicant or None)

    def submit(self) -> None:
        try:
            apply_change(self.workspace, self.request())
        except (DomainError, ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        self.accept()
