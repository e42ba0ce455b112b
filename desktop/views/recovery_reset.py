"""Forgotten password: the printed recovery key proves the right to set a new password for an
account. Only the small key file is rewritten; the database is untouched."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.errors import ServiceError, StoreError
from desktop.services.safekeeping.accounts import reset_password
from desktop.services.safekeeping.setup_flow import KdfParams
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.forms import ok_cancel
from desktop.views.wording import say


class RecoveryResetDialog(QDialog):
    def __init__(self, db_path: Path, username: str, parent: QWidget | None = None,
                 kdf: KdfParams | None = None) -> None:
        super().__init__(parent)
        self.db_path, self.username, self.kdf = db_path, username, kdf
        self.setWindowTitle(self.tr("用恢复密钥重设密码"))
        self.setMinimumWidth(520)
        self.account = QLineEdit(username)
        self.key = QLineEdit(placeholderText="XXXX-XXXX-…（14组）")
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.banner = MessageBanner()
        form = QFormLayout()
        form.addRow(self.tr("账号"), self.account)
        form.addRow(self.tr("恢复密钥"), self.key)
        form.addRow(self.tr("新密码"), self.password)
        form.addRow(self.tr("再输入一次"), self.again)
        buttons = ok_cancel(self, self.try_reset)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("输入保存在学校保险柜中的恢复密钥，为账号设置新密码。")))
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)

    def try_reset(self) -> None:
        if self.password.text() != self.again.text():
            self.banner.show_message(say("setup.password_mismatch"))
            return
        try:
            reset_password(self.db_path, self.account.text().strip(), self.key.text(),
                           self.password.text(), self.kdf)
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            self.key.setFocus()
            return
        self.accept()
