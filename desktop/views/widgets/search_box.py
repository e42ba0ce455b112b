"""A search field that reports its text once typing pauses (debounced).

The roster's queries take a few tens of milliseconds, so its delay is 0: the search runs on
the next turn of the event loop, after every key already queued has been taken in (an input
method's whole commit, a paste, fast typing all become one search).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

DEBOUNCE_MS = 0


class SearchBox(QLineEdit):
    search_changed = Signal(str)
    down_pressed = Signal()  # ↓: the caller moves to its results

    def __init__(self, parent: QWidget | None = None, delay_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        # No clear button: its fade animation repaints the window for every keystroke; Esc clears.
        self._timer = QTimer(self, singleShot=True, interval=delay_ms)
        self._timer.timeout.connect(lambda: self.search_changed.emit(self.text()))
        self.textChanged.connect(lambda _text: self._timer.start())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.text():
            self.clear()
            return
        if event.key() == Qt.Key.Key_Down:
            self.flush()
            self.down_pressed.emit()
            return
        super().keyPressEvent(event)

    def flush(self) -> None:
        """Report the current text now (Enter, or a test that does not want to wait)."""
        self._timer.stop()
        self.search_changed.emit(self.text())
