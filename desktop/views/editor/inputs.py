"""One input per template item, all speaking template text (names, YYYYMMDD, 12-digit codes).

Every input reports `edited(old, new)` when the registrar changes it (for undo), `left` when
the registrar leaves a text item (changed or not), and shows its own validation message on a
line under it whose space is always kept, so the form never moves as messages come and go.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.fields import FieldSpec
from desktop.views.editor.date_input import DateInput, SelectingLineEdit
from desktop.views.editor.region_picker import RegionPicker
from desktop.views.widgets.code_combo import CodeCombo

ID_LENGTH = 18


class MessageLine(QLabel):
    """One line under an item: always the same height (shown or not); a long message is cut
    with … and shown whole in the tooltip."""

    def __init__(self) -> None:
        super().__init__()
        self.full = ""
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        policy.setHorizontalPolicy(QSizePolicy.Policy.Ignored)
        self.setSizePolicy(policy)
        self.setFixedHeight(self.fontMetrics().height())

    def show_text(self, text: str) -> None:
        self.full = text
        self.setToolTip(text)
        self._elide()
        self.show()

    def _elide(self) -> None:
        width = max(self.width(), 40)
        self.setText(self.fontMetrics().elidedText(self.full, Qt.TextElideMode.ElideRight, width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()


class FieldInput(QWidget):
    """Wraps one editing widget plus the inline error line under it."""

    edited = Signal(str, str)  # old text, new text (a change by the registrar)
    shown = Signal(str)  # the text now shown, however it got there (edit, load, undo)
    left = Signal()  # the registrar finished with a text item (Tab, Enter, a click elsewhere)

    def __init__(self, spec: FieldSpec, header: str, parent: QWidget | None = None,
                 choices: list[str] | None = None, codes: list[str] | None = None) -> None:
        super().__init__(parent)
        self.spec = spec
        self.header = header
        self.editor = self._make_editor(choices, codes)
        self.error = MessageLine()
        self.error.setStyleSheet("color:#a61b1b;")
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

    def _make_editor(self, choices: list[str] | None,
                     codes: list[str] | None) -> QComboBox | DateInput | RegionPicker | SelectingLineEdit:
        kind = self.spec.kind
        if choices is not None:  # free text with suggestions (班级: existing or new)
            combo = QComboBox()
            combo.setEditable(True)
            combo.addItems(["", *choices])
            return combo
        if kind in ("code", "yesno"):
            return CodeCombo(self.spec.table, codes=codes)
        if kind in ("date", "month"):
            return DateInput(month_only=kind == "month")
        if kind == "region":
            return RegionPicker()
        edit = SelectingLineEdit()
        if self.spec.max_len:
            edit.setMaxLength(self.spec.max_len)
        return edit

    def _connect(self) -> None:
        editor = self.editor
        if isinstance(editor, QComboBox):
            editor.currentTextChanged.connect(lambda _t: self._changed())
        elif isinstance(editor, DateInput):
            editor.finished.connect(self._finished)
            editor.line.left.connect(self.left)
        elif isinstance(editor, RegionPicker):
            editor.code_changed.connect(lambda _c: self._changed())
        else:
            editor.editingFinished.connect(self._finished)
            editor.left.connect(self.left)
            if self.spec.kind == "idnum":  # a complete number counts at its 18th character
                editor.textChanged.connect(self._maybe_complete)

    def _maybe_complete(self, text: str) -> None:
        if len(text.strip()) == ID_LENGTH:
            self._changed()

    def _finished(self) -> None:
        self._changed()
        self.left.emit()

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
        if isinstance(editor, DateInput):
            return editor.value()
        if isinstance(editor, RegionPicker):
            return editor.code()
        return editor.text().strip()

    def set_text(self, text: str) -> None:
        """Show `text` without reporting it as an edit."""
        editor = self.editor
        editor.blockSignals(True)
        try:
            if isinstance(editor, CodeCombo):
                editor.set_text_value(text)
            elif isinstance(editor, QComboBox):
                editor.setEditText(text)
            elif isinstance(editor, DateInput):
                editor.set_value(text)
            elif isinstance(editor, RegionPicker):
                editor.set_code(text)
            else:
                editor.setText(text)
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
        self.error.show_text(message)
