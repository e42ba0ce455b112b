"""Server address and enrollment: the registrar types the registry's address and the
20-character code from the county bureau; once enrolled the box shows the school and device."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QLineEdit, QPushButton, QWidget

from desktop.services.registry.device import DeviceInfo


class EnrollBox(QGroupBox):
    enroll_requested = Signal(str, str)  # server address, code as typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("学籍中心"), parent)
        self.server = QLineEdit()
        self.server.setPlaceholderText("https://xueji.example.gov.cn")
        self.code = QLineEdit()
        self.code.setPlaceholderText("XXXXX-XXXXX-XXXXX-XXXXX")
        self.code.setMaxLength(40)
        self.enroll_button = QPushButton(self.tr("注册本机"))
        self.device_label = QLabel()
        self.device_label.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(self.tr("服务器地址"), self.server)
        self.code_label = QLabel(self.tr("注册码"))
        form.addRow(self.code_label, self.code)
        form.addRow("", self.enroll_button)
        form.addRow(self.device_label)
        self.enroll_button.clicked.connect(self._on_enroll_clicked)

    def show_device(self, info: DeviceInfo | None) -> None:
        enrolled = info is not None and info.enrolled
        if info is not None and not self.server.text().strip():
            self.server.setText(info.server_url)
        for widget in (self.code_label, self.code, self.enroll_button):
            widget.setVisible(not enrolled)
        if enrolled and info is not None:
            self.device_label.setText(
                self.tr("已注册：{school}（{code}），设备编号 {device}").format(
                    school=info.school_name or "", code=info.school_code, device=info.device_id))
        else:
            self.device_label.setText(self.tr("本机尚未注册。请输入县级学籍管理部门发放的注册码。"))

    def set_busy(self, busy: bool) -> None:
        self.enroll_button.setEnabled(not busy)

    def _on_enroll_clicked(self) -> None:
        self.enroll_requested.emit(self.server.text(), self.code.text())
