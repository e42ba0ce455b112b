"""申请转入: the form a receiving school fills to ask the registry for a pupil of another
school. The pupil is named as the other school knows them (ID number or 学籍号, and name);
the registry checks them and opens the transfer case. A mistake is shown in the dialog and
nothing is queued until every item is right."""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.case_commands import TransferIn, request_transfer_in
from desktop.services.students.school import list_classes
from desktop.views.widgets.banner import MessageBanner
from desktop.views.wording import say


class TransferInDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.case_id: str | None = None
        self.setWindowTitle(self.tr("申请转入"))
        self.pupil = QLineEdit(placeholderText=self.tr("18位身份证号，或以G、J、L开头的学籍号"))
        self.name = QLineEdit()
        self.school = QLineEdit(placeholderText=self.tr("10位学校标识码"), maxLength=10)
        self.class_name = QComboBox(editable=True)
        self.class_name.addItems([c.name for c in list_classes(workspace)])
        self.class_name.setCurrentText("")
        self.reason = QLineEdit(placeholderText=self.tr("例如：随父母工作调动"))
        self.banner = MessageBanner()
        note = QLabel(self.tr("申请在下次同步（或导出U盘数据包）时报送学籍中心，由转出学校和学籍主管部门"
                              "逐级审核。学籍中心受理后会给出查询码，可告知家长查询进度。"))
        note.setWordWrap(True)
        form = QFormLayout()
        for label, widget in ((self.tr("身份证件号或学籍号"), self.pupil), (self.tr("姓名"), self.name),
                              (self.tr("转出学校标识码"), self.school),
                              (self.tr("转入班级"), self.class_name),
                              (self.tr("转学原因"), self.reason)):
            form.addRow(label, widget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("提交申请"))
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)

    def submit(self) -> None:
        request = TransferIn(self.pupil.text(), self.name.text(), self.school.text(),
                             self.class_name.currentText(), self.reason.text())
        try:
            self.case_id = request_transfer_in(self.workspace, request, dt.date.today())
        except ServiceError as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        self.accept()
