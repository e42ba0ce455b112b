"""One input per template item, all speaking template text (names, YYYYMMDD, 12-digit codes).

Every input reports `edited(old, new)` when the registrar changes it (for undo) and shows its
own validation message beside it.
"""

from __future__ import annotations

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.fields import FieldSpec
from desktop.views.editor.region_picker import RegionPicker
from desktop.views.widgets.code_combo import CodeCombo

_EMPTY_DATE = QDate(1900, 1, 1)


class FieldInput(QWidget):
    """Wraps one editing widget plus the inline error line under it."""

    edited = Signal(str, str)  # old text, new text (a change by the registrar)
    shown = Signal(str)  # the text now shown, however it got there (edit, load, undo)

    def __init__(self, spec: FieldSpec, header: str, parent: QWidget | None = None,
                 choices: list[str] | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.header = header
        self.editor = self._make_editor(choices)
        self.error = QLabel()
        self.error.setStyleSheet("color:#a61b1b;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        row = QHBoxLayout()
        row.addWidget(self.editor, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        self._last = self.text()
        self._connect()

    def _make_editor(self, choices: list[str] | None) -> QWidget:
        kind = self.spec.kind
        if choices is not None:  # free text with suggestions (班级: existing or new)
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItems(["", *choices])
            return combo
        if kind in ("code", "yesno"):
            return CodeCombo(self.spec.table)
        if kind in ("date", "month"):
            edit = QDateEdit(calendarPopup=True)
            edit.setDisplayFormat("yyyy-MM-dd" if kind == "date" else "yyyy-MM")
            edit.setMinimumDate(_EMPTY_DATE)
            edit.setSpecialValueText(" ")
            edit.setDate(_EMPTY_DATE)
            return edit
        if kind == "region":
            return RegionPicker()
        edit = QLineEdit()
        if self.spec.max_len:
            edit.setMaxLength(self.spec.max_len)
        return edit

    def _connect(self) -> None:
        editor = self.editor
        if isinstance(editor, QComboBox):
            editor.currentTextChanged.connect(lambda _t: self._changed())
        elif isinstance(editor, QDateEdit):
            editor.dateChanged.connect(lambda _d: self._changed())
        elif isinstance(editor, RegionPicker):
            editor.code_changed.connect(lambda _c: self._changed())
        else:
            editor.editingFinished.connect(self._changed)

    def _changed(self) -> None:
        new = self.text()
        if new != self._last:
            old, self._last = self._last, new
            self.edited.emit(old, new)
            self.shown.emit(new)

    def text(self) -> str:
        editor = self.editor
        if isinstance(editor, CodeCombo):
            return editor.text_value()
        if isinstance(editor, QComboBox):
            return editor.currentText().strip()
        if isinstance(editor, QDateEdit):
            if editor.date() == _EMPTY_DATE:
                return ""
            return editor.date().toString("yyyyMMdd" if self.spec.kind == "date" else "yyyyMM")
        if isinstance(editor, RegionPicker):
            return editor.code()
        return editor.text().strip()  # type: ignore[attr-defined]

    def set_text(self, text: str) -> None:
        """Show `text` without reporting it as an edit."""
        editor = self.editor
        editor.blockSignals(True)
        try:
            if isinstance(editor, CodeCombo):
                editor.set_text_value(text)
            elif isinstance(editor, QComboBox):
                editor.setEditText(text)
            elif isinstance(editor, QDateEdit):
                fmt = "yyyyMMdd" if self.spec.kind == "date" else "yyyyMM"
                date = QDate.fromString(text, fmt) if text else _EMPTY_DATE
                editor.setDate(date if date.isValid() else _EMPTY_DATE)
            elif isinstance(editor, RegionPicker):
                editor.set_code(text)
            else:
                editor.setText(text)  # type: ignore[attr-defined]
        finally:
            editor.blockSignals(False)
        self._last = self.text()
        self.shown.emit(self._last)

    def reports_keystrokes(self) -> bool:
        return isinstance(self.editor, QComboBox)

    def set_error(self, message: str | None, warning: bool = False) -> None:
        if not message:
            self.error.hide()
            return
        self.error.setStyleSheet("color:#7a4d00;" if warning else "color:#a61b1b;")
        self.error.setText(message)
        self.error.show()
