"""Unlock: choose the account, type the password. A wrong password is said inline, the
field keeps focus with its text selected, so the registrar can simply type again. After
repeated wrong passwords the wait before the next try (desktop.services.safekeeping.login_guard) is
said too, and 解锁 stays disabled while it counts down.

The dialog imports neither SQLAlchemy nor the models: it shows before they are loaded. While
Argon2id unwraps the data key in a worker thread, `prepare` (given by the controller) loads
what comes after the unlock — the database layer and the main window — in this one."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
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

from desktop.services.errors import StoreError
from desktop.services.safekeeping import login_guard
from desktop.services.safekeeping.key_unwrap import account_names, unwrap_beside
from desktop.views import settings
from desktop.views.collector import collector_paused
from desktop.views.widgets.banner import MessageBanner
from desktop.views.wording import say

if TYPE_CHECKING:
    from desktop.services.context import Workspace

LINK_STYLE = ("QPushButton { color: palette(link); text-decoration: underline; border: none;"
              " text-align: left; padding: 0; }")


class UnlockDialog(QDialog):
    def __init__(self, db_path: Path, last_user: str = "", parent: QWidget | None = None,
                 prepare: Callable[[], object] = lambda: None) -> None:
        super().__init__(parent)
        self.db_path = db_path
        self.prepare = prepare
        self.workspace: Workspace | None = None
        self.setWindowTitle(self.tr("解锁"))
        self.setMinimumWidth(420)
        self.account = QComboBox()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(self.tr("输入密码后按回车"))
        self.banner = MessageBanner()
        self.forgot = QPushButton(self.tr("忘记密码？用恢复密钥重设"))
        self.forgot.setFlat(True)  # drawn as a link: blue, underlined, a pointing hand
        self.forgot.setCursor(Qt.CursorShape.PointingHandCursor)
        self.forgot.setStyleSheet(LINK_STYLE)
        self.wait_timer = QTimer(self, interval=1000)
        self.wait_timer.timeout.connect(self._count_down)
        self.wait_left = 0
        self._build(last_user)

    def _build(self, last_user: str) -> None:
        layout = QVBoxLayout(self)
        school = QLabel(self.tr("学校：") + (settings.school_name_of(str(self.db_path))
                                              or self.db_path.stem))
        school.setToolTip(self.tr("数据库文件：") + str(self.db_path))
        layout.addWidget(school)
        self.school_label = school
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
        layout.addWidget(self.forgot, 0, Qt.AlignmentFlag.AlignLeft)
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
        from desktop.views.recovery_reset import RecoveryResetDialog  # the database layer: on use

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
            with self._busy(), collector_paused():  # while SQLAlchemy, the models, the window load
                self.workspace = open_workspace(self.db_path, self.account.currentText(),
                                                self.password.text(), self.prepare)
        except StoreError as exc:
            self._refused(exc)
            return
        self.password.clear()
        self.accept()

    @contextlib.contextmanager
    def _busy(self) -> Iterator[None]:
        """While the unlock runs (a second or two on an old PC; longer the first time a new
        version upgrades a large register): a wait cursor, and 解锁 greyed out saying so."""
        self.unlock_button.setEnabled(False)
        self.unlock_button.setText(self.tr("正在解锁…"))
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)  # shown now
        try:
            yield
        finally:
            QApplication.restoreOverrideCursor()
            self.unlock_button.setEnabled(True)
            self._show_wait()

    def _refused(self, exc: StoreError) -> None:
        wait = login_guard.GUARD.seconds_left(self.db_path, self.account.currentText())
        text = say(exc.code, exc.params)
        if wait and exc.code != login_guard.LoginThrottled.code:
            text += say("store.login_wait", {"seconds": wait})
        self.banner.show_message(text)
        self.password.setFocus()
        self.password.selectAll()
        if wait:
            self.hold(wait)

    def hold(self, seconds: int) -> None:
        """Keep 解锁 disabled for `seconds`, counting down on the button."""
        self.wait_left = seconds
        self.unlock_button.setEnabled(False)
        self._show_wait()
        self.wait_timer.start()

    def _count_down(self) -> None:
        self.wait_left -= 1
        if self.wait_left <= 0:
            self.wait_timer.stop()
            self.unlock_button.setEnabled(True)
        self._show_wait()

    def _show_wait(self) -> None:
        label = self.tr("解锁")
        if self.wait_left > 0:
            label += self.tr("（{n} 秒）").format(n=self.wait_left)
        self.unlock_button.setText(label)


def open_workspace(path: Path, username: str, password: str,
                   prepare: Callable[[], object]) -> Workspace:
    """Unwrap the data key in a worker thread while `prepare()` and the database layer load
    here; then open the database (its errors are the same as `accounts.unlock`'s)."""

    def meanwhile() -> None:
        import desktop.services.safekeeping.accounts  # noqa: F401  (SQLAlchemy, the models)

        prepare()

    unwrapped = unwrap_beside(path, username, password, meanwhile)
    from desktop.services.safekeeping.accounts import open_unwrapped

    return open_unwrapped(path, username, unwrapped)
