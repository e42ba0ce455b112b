"""The backup made when the main window closes, on lock or on exit, while the key is still
in memory: a verified .xjbak in the backup folder (desktop.services.safekeeping.backup_policy), skipped
when nothing changed since the last one. It never stops the lock or the exit: a failure is
remembered and said on the unlock screen, and an unexpected error is logged without data."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from desktop.logsafe import log_unexpected
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.services.safekeeping.backup_policy import back_up


def back_up_on_close(ws: Workspace, reason: str) -> bool:
    """True when the backup was made (or was not needed)."""
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        back_up(ws, reason)
    except (ServiceError, StoreError, OSError):
        return False
    except Exception as exc:  # the window must close whatever happens here
        log_unexpected(exc)
        return False
    finally:
        QGuiApplication.restoreOverrideCursor()
    return True
