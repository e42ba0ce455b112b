"""Yes/no questions, a line of text and file choices. Views call them through their own seam methods, so a
test replaces the seam instead of clicking a real dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from desktop import PRODUCT_NAME


def confirm(parent: QWidget, text: str, title: str = "", yes_is_safe: bool = False) -> bool:
    """是/否, with the safe answer the default (否 unless `yes_is_safe`, e.g. "keep my edits?"):
    Enter pressed by habit never does the irreversible thing."""
    heading = title or PRODUCT_NAME
    buttons = QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No
    default = QMessageBox.StandardButton.Yes if yes_is_safe else QMessageBox.StandardButton.No
    answer = QMessageBox.question(parent, heading, text, buttons, default)
    return answer == QMessageBox.StandardButton.Yes


def open_path(parent: QWidget, title: str, filters: str) -> Path | None:
    """The file the user picks to read (starting in the home folder), or None."""
    name, _filter = QFileDialog.getOpenFileName(parent, title,
                                                str(Path.home()), filters)
    return Path(name) if name else None


def save_path(parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
    """Where the user chooses to write (starting from `suggested`), or None."""
    name, _filter = QFileDialog.getSaveFileName(parent, title, suggested,
                                                filters)
    return Path(name) if name else None


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    """A line the user types (a reason, an opinion), or None when cancelled."""
    text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None
