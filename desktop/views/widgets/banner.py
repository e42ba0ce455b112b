"""An inline message line (error, warning, info) shown inside a form instead of a popup."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

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
