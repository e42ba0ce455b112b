"""Yes/no questions. Views call them through their own module attribute, so a test replaces
the seam instead of clicking a real message box."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from desktop import PRODUCT_NAME


def confirm(parent: QWidget, text: str, title: str = "") -> bool:
    heading = f"{PRODUCT_NAME} — {title}" if title else PRODUCT_NAME
    answer = QMessageBox.question(parent, heading, text)
    return answer == QMessageBox.StandardButton.Yes
