"""An inline message line (error, warning, info) shown inside a form instead of a popup, and
`write_file`, which writes a file the user chose and says on the banner why it could not."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtWidgets import QLabel, QWidget

from desktop.services.errors import ServiceError, StoreError
from desktop.views.wording import say

T = TypeVar("T")

_STYLES = {
    "error": "color:#a61b1b;background:#fdecec;border:1px solid #f1b5b5;",
    "warning": "color:#7a4d00;background:#fff6e0;border:1px solid #f0d48a;",
    "info": "color:#1d4e89;background:#eaf2fd;border:1px solid #b5cff1;",
}


class MessageBanner(QLabel):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("messageBanner")
        self.hide()

    def show_message(self, text: str, kind: str = "error") -> None:
        self.setStyleSheet(_STYLES[kind] + "padding:6px;border-radius:4px;")
        self.setText(text)
        self.setProperty("kind", kind)
        self.show()

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def write_file(banner: MessageBanner, path: Path, write: Callable[[], T]) -> T | None:
    """`write()`'s result, or None after saying on the banner what went wrong."""
    try:
        return write()
    except (ServiceError, StoreError) as exc:
        banner.show_message(say(exc.code, exc.params))
    except OSError:
        banner.show_message(say("file.write_failed", {"path": str(path)}))
    return None
