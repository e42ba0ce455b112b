"""Where the database lives by default: the user's application-data folder, never the
install folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from desktop.views.settings import LAST_DB

DEFAULT_NAME = "学籍.db"


def data_dir() -> Path:
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppLocalDataLocation)
    return Path(base)


def default_database() -> Path:
    """The database opened by a bare `xueji`: the last one used, else the default file."""
    last = LAST_DB.get()
    return Path(last) if last else data_dir() / DEFAULT_NAME
