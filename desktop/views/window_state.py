"""The main window's size and maximised state, kept in the settings across locks and starts.

The first time the window opens maximised: on a 1366×768 laptop a fixed size would put the
status bar on the screen's edge. Afterwards it opens as it was last closed.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QWidget

from desktop.views import settings


def show_restored(window: QWidget) -> None:
    """Show `window` with the size and state it had when it was last closed (maximised at first)."""
    saved = settings.MAIN_GEOMETRY.get()
    maximised = settings.MAIN_MAXIMISED.get()
    if saved:
        window.restoreGeometry(QByteArray.fromBase64(saved.encode("ascii")))
    if (maximised or not saved) and window.screen() is not None:
        # The screen's working area first: a maximised window fills it even where no window
        # manager does it (a kiosk session, a remote desktop).
        window.setGeometry(window.screen().availableGeometry())
    if maximised:
        window.showMaximized()
    else:
        window.show()


def remember(window: QWidget) -> None:
    """Keep the size and maximised state of `window` for its next opening."""
    settings.MAIN_MAXIMISED.set(window.isMaximized())
    settings.MAIN_GEOMETRY.set(bytes(window.saveGeometry().toBase64().data()).decode("ascii"))
