"""Unlock: choose the account, type the password. A wrong password is said inline, the
field keeps focus with its text selected, so the registrar can simply type again."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import PRODUCT_NAME
from desktop.services.accounts import account_names, unlock
from desktop.services.context import Workspace
from desktop.services.errors import StoreError
from desktop.views.recovery_reset import RecoveryResetDialog
from desktop.views.widgets.banner import MessageBanner
from desktop.views.wording import say


class UnlockDialog(QDialog):
    def __init__(self, db_path: Path, last_user: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.workspace: Workspace | None = None
        self.setWindowTitle(f"{PRODUCT_NAME} — " + self.tr("解锁"))
        self.setMinimumWidth(420)
        self.account = QComboBox()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("输入密码后按回车"))
        self.banner = MessageBanner()
        self.forgot = QPushButton(self.tr("忘记密码？用恢复密钥重设"))
        self.forgot.setFlat(True)
        self._build(last_user)

    def _build(self, last_user: str) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("数据库：") + str(self.db_path)))
        form = QFormLayout()
        form.addRow(self.tr("账号"), self.account)
        form.addRow(self.tr("密码"), self.password)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        buttons = QDialogButtonBox()
        self.unlock_button = buttons.addButton(self.tr("解锁"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("退出"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_unlock)
        buttons.rejected.connect(self.reject)
        layout.addWidget(self.forgot)
        layout.addWidget(buttons)
        self.forgot.clicked.connect(self.reset_with_recovery_key)
        self._load_accounts(last_user)
        self.password.setFocus()

    def _load_accounts(self, last_user: str) -> None:
        try:
            names = account_names(self.db_path)
        except StoreError as exc:
            self.banner.show_message(say(exc.code, exc.params))
            names = []
        self.account.addItems(names)
        if last_user in names:
            self.account.setCurrentText(last_user)

    def reset_with_recovery_key(self) -> None:
        dialog = RecoveryResetDialog(self.db_path, self.account.currentText(), self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self._reload_accounts(dialog.account.text().strip())
            self.banner.show_message(self.tr("新密码已设置，请用新密码解锁。"), "info")
            self.password.setFocus()

    def _reload_accounts(self, user: str) -> None:
        self.account.clear()
        self.banner.clear_message()
        self._load_accounts(user)

    def try_unlock(self) -> None:
        self.banner.clear_message()
        try:
            self.workspace = unlock(self.db_path, self.account.currentText(), self.password.text())
        except StoreError as exc:
            self.banner.show_message(say(exc.code, exc.params))
            self.password.setFocus()
            self.password.selectAll()
            return
        self.password.clear()
        self.accept()
