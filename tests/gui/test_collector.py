"""The cycle collector during an unlock (views.collector): held back while the database layer
and the main window load and are built, frozen and running again once the window is up, after a
wrong password too; a lock thaws what the unlock froze."""

from __future__ import annotations

import gc
from pathlib import Path

from PySide6.QtCore import Qt

from desktop.views import main_window
from desktop.views.controller import AppController
from desktop.views.unlock_dialog import UnlockDialog
from tests.conftest import PASSWORD
from tests.gui.test_controller import existing_db, make_controller  # noqa: F401  (fixtures)


def test_the_collector_waits_for_the_window_then_runs_again(qtbot, monkeypatch,
                                                            make_controller,  # noqa: F811
                                                            existing_db: Path) -> None:  # noqa: F811
    during: list[bool] = []

    class Watched(main_window.MainWindow):
        def __init__(self, *args: object) -> None:
            during.append(gc.isenabled())
            super().__init__(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(main_window, "MainWindow", Watched)
    controller: AppController = make_controller(existing_db)
    controller.main_shown.connect(lambda _window: during.append(gc.isenabled()))
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    dialog.prepare = lambda: during.append(gc.isenabled())
    gc.unfreeze()
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(controller.main_shown, timeout=5000):
        qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert during == [False, False, True]  # its modules load, it is built; then it is shown
    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    controller.lock()
    assert gc.get_freeze_count() == 0


def test_after_a_wrong_password_the_collector_runs(qtbot, make_controller,  # noqa: F811
                                                   existing_db: Path) -> None:  # noqa: F811
    controller: AppController = make_controller(existing_db)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    dialog.password.setText("wrong-password-1")
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)
    assert "账号名或密码不正确" in dialog.banner.text()
    assert gc.isenabled()
    assert controller.window is None
