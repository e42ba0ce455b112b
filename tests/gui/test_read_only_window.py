"""A database opened from a read-only place: the main window says, all the time, that it
can be read but nothing can be saved (the command line says it on stderr)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from desktop.models import store
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import unlock
from desktop.services.safekeeping.login_guard import LoginGuard
from desktop.views.main_window import MainWindow
from tests.conftest import PASSWORD


def _labels(window: MainWindow) -> list[str]:
    return [label.text() for label in window.statusBar().findChildren(QLabel)]


def test_the_status_bar_says_read_only(qtbot, created: tuple[Workspace, str], db_path: Path,  # type: ignore[no-untyped-def]
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    created[0].lock()
    monkeypatch.setattr(store, "writable", lambda _path: False)
    reader = unlock(db_path, "registrar", PASSWORD, LoginGuard())
    window = MainWindow(reader)
    qtbot.addWidget(window)
    try:
        assert any("不能保存任何更改" in text for text in _labels(window))
    finally:
        window.close()
        reader.lock()


def test_a_writable_database_says_nothing_of_the_kind(qtbot, ws: Workspace) -> None:  # type: ignore[no-untyped-def]
    window = MainWindow(ws)
    qtbot.addWidget(window)
    assert not any("不能保存任何更改" in text for text in _labels(window))
    window.close()
