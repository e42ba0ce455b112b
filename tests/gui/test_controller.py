"""The app controller: wizard or unlock at start, the main window, locking on demand and idle."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from desktop.services.context import Workspace
from desktop.services.students.read import StudentQuery, search
from desktop.views import settings
from desktop.views.controller import AppController
from desktop.views.editor import dialog as editor_dialog
from desktop.views.editor.dialog import StudentEditor
from desktop.views.main_window import MainWindow
from desktop.views.setup_wizard import SetupWizard
from desktop.views.unlock_dialog import UnlockDialog
from tests.conftest import FAST_KDF, PASSWORD
from tests.factories import SCHOOL_CODE, valid_row
from tests.gui.conftest import drop_dialog


@pytest.fixture
def make_controller(qapp) -> Iterator[Callable[[Path], AppController]]:
    made: list[AppController] = []

    def make(path: Path) -> AppController:
        controller = AppController(qapp, path, kdf=FAST_KDF)
        made.append(controller)
        return controller

    yield make
    for controller in made:
        controller.watcher.stop()
        qapp.removeEventFilter(controller.watcher)
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, StudentEditor):
                widget.discard_and_close()
        if controller.window is not None:
            controller.window.close()  # locks its workspace
        if controller.workspace is not None:
            controller.workspace.lock()
        if controller.dialog is not None:
            drop_dialog(controller.dialog)
            if isinstance(controller.dialog, UnlockDialog) and controller.dialog.workspace:
                controller.dialog.workspace.lock()


@pytest.fixture
def existing_db(created: tuple[Workspace, str], db_path: Path) -> Path:
    created[0].lock()
    return db_path


def unlock_with(qtbot, controller: AppController, password: str = PASSWORD) -> MainWindow:
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    assert QTest.qWaitForWindowExposed(dialog)  # shown by the controller
    dialog.password.setText(password)
    with qtbot.waitSignal(controller.main_shown, timeout=5000) as shown:
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    window = shown.args[0]
    assert window is controller.window
    return window


@pytest.fixture
def unlocked(qtbot, make_controller, existing_db: Path) -> AppController:
    controller = make_controller(existing_db)
    controller.start()
    unlock_with(qtbot, controller)
    return controller


def test_fresh_path_shows_the_wizard_and_finishing_it_opens_the_window(
        qtbot, make_controller, tmp_path: Path) -> None:
    path = tmp_path / "new-folder" / "school.db"
    controller = make_controller(path)
    controller.start()
    wizard = controller.dialog
    assert isinstance(wizard, SetupWizard)
    assert wizard.isVisible()
    assert path.parent.is_dir()
    assert not path.exists()

    wizard.school_code.setText(SCHOOL_CODE)
    wizard.school_name.setText("测试县第一小学")
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wizard.username.setText("registrar")
    wizard.password.setText(PASSWORD)
    wizard.again.setText(PASSWORD)
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    wizard.confirm.setChecked(True)
    with qtbot.waitSignal(controller.main_shown, timeout=5000) as shown:
        qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    window = shown.args[0]
    assert isinstance(window, MainWindow)
    assert window.isVisible()
    assert not wizard.isVisible()
    assert "测试县第一小学" in window.windowTitle()
    assert controller.workspace is wizard.flow.workspace
    assert settings.LAST_DB.get() == str(path)
    assert settings.LAST_USER.get() == "registrar"


def test_existing_database_shows_the_unlock_dialog(make_controller, existing_db: Path) -> None:
    controller = make_controller(existing_db)
    controller.start()
    assert isinstance(controller.dialog, UnlockDialog)
    assert controller.dialog.isVisible()
    assert controller.window is None and controller.workspace is None


def test_unlock_shows_the_main_window(qtbot, unlocked: AppController) -> None:
    window = unlocked.window
    assert isinstance(window, MainWindow)
    assert window.isVisible()
    assert window.windowTitle() == "测试县第一小学"  # Qt adds " — 学籍管理"
    assert not unlocked.dialog.isVisible()
    assert unlocked.workspace is not None
    assert unlocked.workspace.actor.username == "registrar"
    assert settings.LAST_USER.get() == "registrar"


def test_the_last_user_is_preselected_next_time(unlocked: AppController) -> None:
    unlocked.lock()
    assert isinstance(unlocked.dialog, UnlockDialog)
    assert unlocked.dialog.account.currentText() == "registrar"


def assert_locked(controller: AppController, window: MainWindow, old: Workspace) -> None:
    assert controller.window is None and controller.workspace is None
    assert not window.isVisible()
    assert old.store.key == b""
    assert isinstance(controller.dialog, UnlockDialog)
    assert controller.dialog.isVisible()
    assert controller.dialog.workspace is None


def test_lock_drops_the_key_and_asks_again(qtbot, unlocked: AppController) -> None:
    window, old = unlocked.window, unlocked.workspace
    with qtbot.waitSignal(unlocked.locked, timeout=2000):
        unlocked.lock()
    assert_locked(unlocked, window, old)

    second = unlock_with(qtbot, unlocked)  # and the next unlock works again
    assert second is not window
    assert second.isVisible()
    assert unlocked.workspace is not None and unlocked.workspace is not old


def test_lock_action_of_the_window(qtbot, unlocked: AppController) -> None:
    window, old = unlocked.window, unlocked.workspace
    action = next(a for a in window.actions() if a.shortcut().toString() == "Ctrl+L")
    with qtbot.waitSignal(unlocked.locked, timeout=2000):
        action.trigger()
    assert_locked(unlocked, window, old)


def test_ctrl_l_locks(qtbot, unlocked: AppController) -> None:
    window, old = unlocked.window, unlocked.workspace
    with qtbot.waitActive(window):
        window.activateWindow()
    with qtbot.waitSignal(unlocked.locked, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert_locked(unlocked, window, old)


def test_idle_time_locks(qtbot, unlocked: AppController) -> None:
    window, old = unlocked.window, unlocked.workspace
    unlocked.watcher.set_interval_ms(50)
    with qtbot.waitSignal(unlocked.locked, timeout=3000):
        pass
    assert_locked(unlocked, window, old)


def test_activity_postpones_the_idle_lock(qtbot, unlocked: AppController) -> None:
    window = unlocked.window
    unlocked.watcher.set_interval_ms(300)
    for _ in range(5):  # 5 × 100 ms of typing: longer than the interval, never idle for 300 ms
        qtbot.wait(100)
        qtbot.keyClick(window.roster.search, Qt.Key.Key_A)
    assert unlocked.workspace is not None
    assert window.isVisible()
    with qtbot.waitSignal(unlocked.locked, timeout=3000):
        pass


def test_lock_closes_an_open_editor_without_asking(qtbot, monkeypatch,
                                                   unlocked: AppController) -> None:
    asked: list[str] = []
    monkeypatch.setattr(editor_dialog, "ask", lambda _p, _t, text: asked.append(text) or False)
    unlocked.edit_student(None)
    editor = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, StudentEditor) and w.isVisible())
    name = editor.form.fields["姓名"].editor
    name.setText("王小明")
    name.editingFinished.emit()
    assert editor.is_dirty()
    with qtbot.waitSignal(unlocked.locked, timeout=2000):
        unlocked.lock()
    assert not editor.isVisible()
    assert asked == []


def test_saving_in_the_editor_refreshes_roster_and_status(qtbot, unlocked: AppController) -> None:
    window = unlocked.window
    assert window.roster.model.total == 0
    unlocked.edit_student(None)
    editor = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, StudentEditor) and w.isVisible())
    editor.form.set_row(valid_row())
    with qtbot.waitSignal(editor.saved, timeout=5000):
        assert editor.save()
    assert window.roster.model.total == 1
    assert window.roster.count.text() == "共 1 名学生"
    assert "待同步 1 项" in window.sync_label.text()
    assert search(unlocked.workspace, StudentQuery(text="王小明")).total == 1
