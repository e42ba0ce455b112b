"""Undo and redo of edits in the student editor: one command per item, typing bursts merged."""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from desktop.views.editor.inputs import FieldInput


class FieldEdit(QUndoCommand):
    def __init__(self, field: FieldInput, old: str, new: str) -> None:
        super().__init__(field.header)
        self.field, self.old, self.new = field, old, new

    def redo(self) -> None:
        if self.field.text() != self.new:
            self.field.set_text(self.new)

    def undo(self) -> None:
        self.field.set_text(self.old)

    def id(self) -> int:
        return hash(self.field.header) & 0x7FFFFFFF

    def mergeWith(self, other: QUndoCommand) -> bool:
        """Typing into a combo box reports every keystroke: those merge into one edit.
        A text field reports a finished edit, and each finished edit undoes on its own."""
        if not isinstance(other, FieldEdit) or other.field is not self.field:
            return False
        if not self.field.reports_keystrokes():
            return False
        self.new = other.new
        return True
