"""The unlock dialog: a wrong password is said inline and the field is ready for typing again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from desktop.models.keyslots import keyslot_path
from desktop.views.unlock_dialog import UnlockDialog
from tests.conftest import PASSWORD


@pytest.fixture
def dialog(qtbot, locked_db: Path) -> Iterator[UnlockDialog]:
    dialog = UnlockDialog(locked_db, "registrar")
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    yield dialog
    if dialog.workspace is not None:
        dialog.workspace.lock()


def click_unlock(qtbot, dialog: UnlockDialog) -> None:
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)


def test_title_account_and_initial_state(dialog: UnlockDialog, locked_db: Path) -> None:
    assert dialog.windowTitle() == "解锁"  # Qt adds " — 学籍管理" (the display name)
    assert dialog.account.currentText() == "registrar"
    assert [dialog.account.itemText(i) for i in range(dialog.account.count())] == ["registrar"]
    assert not dialog.banner.isVisible()
    assert dialog.focusWidget() is dialog.password
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password


def test_wrong_password_is_said_inline_and_the_field_is_ready_again(qtbot,
                                                                     dialog: UnlockDialog) -> None:
    qtbot.keyClicks(dialog.password, "wrong-password-1")
    click_unlock(qtbot, dialog)
    assert dialog.isVisible()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert dialog.workspace is None
    assert dialog.banner.isVisible()
    assert "密码不正确" in dialog.banner.text()
    assert dialog.focusWidget() is dialog.password
    assert dialog.password.hasSelectedText()
    assert dialog.password.selectedText() == "wrong-password-1"

    # typing again replaces the selected wrong password
    qtbot.keyClicks(dialog.password, PASSWORD)
    assert dialog.password.text() == PASSWORD


def test_enter_in_the_password_field_tries_to_unlock(qtbot, dialog: UnlockDialog) -> None:
    qtbot.keyClicks(dialog.password, "wrong-password-1")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.banner.isVisible()
    assert "密码不正确" in dialog.banner.text()
    assert dialog.isVisible()

    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.workspace is not None


def test_right_password_accepts_with_a_workspace(qtbot, dialog: UnlockDialog) -> None:
    qtbot.keyClicks(dialog.password, "wrong-password-1")
    click_unlock(qtbot, dialog)
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        click_unlock(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.workspace is not None
    assert dialog.workspace.actor.username == "registrar"
    assert len(dialog.workspace.store.key) == 32
    assert dialog.password.text() == ""  # the password is not kept in the widget
    assert not dialog.banner.isVisible()


def test_missing_key_file_is_said_when_the_dialog_opens(qtbot, locked_db: Path) -> None:
    keyslot_path(locked_db).unlink()
    dialog = UnlockDialog(locked_db, "registrar")
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    assert dialog.banner.isVisible()
    assert "找不到密钥文件" in dialog.banner.text()
    assert dialog.account.count() == 0


def test_what_comes_after_the_unlock_loads_while_the_key_is_unwrapped(qtbot, locked_db: Path) -> None:
    """`prepare` (the controller loads the main window with it) runs in the GUI thread during
    the unlock, right or wrong password; a wrong one is still said inline."""
    import threading

    calls: list[bool] = []
    dialog = UnlockDialog(locked_db, "registrar",
                          prepare=lambda: calls.append(threading.current_thread()
                                                       is threading.main_thread()))
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    dialog.password.setText("wrong-password-1")
    click_unlock(qtbot, dialog)
    assert calls == [True]
    assert "账号名或密码不正确" in dialog.banner.text()
    assert dialog.workspace is None
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=5000):
        click_unlock(qtbot, dialog)
    assert calls == [True, True]
    assert dialog.workspace is not None
    dialog.workspace.lock()


def test_while_the_unlock_runs_the_cursor_waits_and_unlock_says_so(qtbot, dialog: UnlockDialog) -> None:
    """An unlock takes a second or two on an old PC, longer when a new version upgrades a large
    register: meanwhile a wait cursor, and 解锁 greyed out saying 正在解锁…; then as before."""
    seen: list[tuple[object, bool, str]] = []

    def probe() -> None:  # the dialog's own hook, called while the key is unwrapped
        cursor = QApplication.overrideCursor()
        seen.append((cursor.shape() if cursor else None, dialog.unlock_button.isEnabled(),
                     dialog.unlock_button.text()))

    dialog.prepare = probe
    qtbot.keyClicks(dialog.password, "wrong-password-1")
    click_unlock(qtbot, dialog)
    assert seen == [(Qt.CursorShape.WaitCursor, False, "正在解锁…")]
    assert QApplication.overrideCursor() is None
    assert dialog.unlock_button.text().startswith("解锁")  # or the wait after wrong passwords
    dialog.password.clear()
    qtbot.keyClicks(dialog.password, PASSWORD)
    click_unlock(qtbot, dialog)
    assert len(seen) == 2 and dialog.workspace is not None
    assert QApplication.overrideCursor() is None
