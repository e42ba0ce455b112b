"""Typed user-interface settings kept in QSettings (never student data).

Each Setting has its key, default and type in one place, so code reads `IDLE_MINUTES.get()`
rather than string keys scattered around.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QSettings

T = TypeVar("T", int, str, bool)

ORGANISATION, APPLICATION = "xueji", "xueji"


@dataclass(frozen=True)
class Setting(Generic[T]):
    key: str
    default: T

    def get(self) -> T:
        value: Any = _store().value(self.key, self.default)  # what was stored, often as a str
        kind = type(self.default)
        if kind is bool:
            return value in (True, "true", "1", 1)
        try:
            return kind(value)
        except (TypeError, ValueError):
            return self.default

    def set(self, value: T) -> None:
        _store().setValue(self.key, value)


def _store() -> QSettings:
    return QSettings(ORGANISATION, APPLICATION)


IDLE_MINUTES = Setting("security/idle_lock_minutes", 10)
TEXT_SCALE = Setting("ui/text_scale_percent", 100)
LANGUAGE = Setting("ui/language", "zh_CN")
LAST_DB = Setting("data/last_database", "")
LAST_USER = Setting("data/last_user", "")
SYNC_AUTO = Setting("sync/auto", True)  # sync in the background while the registry is reachable
SYNC_INTERVAL_MINUTES = Setting("sync/interval_minutes", 15)
YEAR_END = Setting("school/year_end_month_day", "07-01")  # the school year's last day (MM-DD)
MAIN_GEOMETRY = Setting("ui/main_geometry", "")  # QWidget.saveGeometry(), base64
MAIN_MAXIMISED = Setting("ui/main_maximised", True)


def school_name_of(path: str) -> str:
    """The school name last seen in the database at `path` (shown before it is unlocked)."""
    return Setting(_school_key(path), "").get()


def remember_unlock(path: str, user: str, school_name: str) -> None:
    """The database, the account and the school's name of an unlock, in one write of the
    settings file (each setting written alone rewrites and syncs the file: tens of ms on a
    busy disk, on the way to the roster)."""
    store = _store()
    store.setValue(LAST_DB.key, path)
    store.setValue(LAST_USER.key, user)
    store.setValue(_school_key(path), school_name)
    store.sync()


def _school_key(path: str) -> str:
    return "schools/" + hashlib.sha256(path.encode("utf-8")).hexdigest()[:16]
