"""Yes/no questions, a line of text and file choices. Views call them through their own seam methods, so a
test replaces the seam instead of clicking a real dialog."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from desktop import PRODUCT_NAME
from desktop.views.widgets.file_dialog import choose_folder, open_file, save_file


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
    return open_file(parent, title, str(Path.home()), filters)


def save_path(parent: QWidget, title: str, suggested: str, filters: str) -> Path | None:
    """Where the user chooses to write (starting from `suggested`), or None."""
    return save_file(parent, title, suggested, filters)


def folder_path(parent: QWidget, title: str, start: str) -> Path | None:
    """The folder the user chooses (starting at `start`), or None."""
    return choose_folder(parent, title, start)


def ask_text(parent: QWidget, title: str, label: str) -> str | None:
    """A line the user types (a reason, an opinion), or None when cancelled."""
    text, ok = QInputDialog.getText(parent, title, label)
    return text if ok else None
