"""The launch benchmark's hook: with XUEJI_EXIT_AT_UNLOCK=1 the app says when the unlock dialog
is on screen and quits; without it nothing changes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication

from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.views.controller import EXIT_AT_UNLOCK, AppController
from tests.conftest import FAST_KDF, PASSWORD
from tests.factories import SCHOOL_CODE


@pytest.fixture
def database(tmp_path: Path) -> Path:
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "qsettings"))
    path = tmp_path / "school.db"
    ws, _ = create_database(path, NewSchool(code=SCHOOL_CODE, name="测试小学"), "registrar", PASSWORD,
                            FAST_KDF)
    ws.lock()
    return path


@pytest.fixture
def controller(qapp: QApplication, database: Path, monkeypatch) -> Iterator[tuple[AppController, list]]:
    quits: list[int] = []
    monkeypatch.setattr(qapp, "quit", lambda: quits.append(1))
    made = AppController(qapp, database, kdf=FAST_KDF)
    yield made, quits
    made.watcher.stop()
    qapp.removeEventFilter(made.watcher)
    if made.dialog is not None:
        made.dialog.close()
        made.dialog.deleteLater()


def test_quits_once_the_unlock_dialog_is_up(controller, monkeypatch, qtbot, capsys) -> None:
    made, quits = controller
    monkeypatch.setenv(EXIT_AT_UNLOCK, "1")
    made.start()
    qtbot.waitUntil(lambda: quits == [1], timeout=5000)
    assert made.dialog is not None and made.dialog.isVisible()
    assert capsys.readouterr().out.startswith("unlock-shown ")


def test_without_the_variable_the_dialog_stays(controller, monkeypatch, qtbot) -> None:
    made, quits = controller
    monkeypatch.delenv(EXIT_AT_UNLOCK, raising=False)
    made.start()
    qtbot.wait(50)
    assert quits == [] and made.dialog.isVisible()
