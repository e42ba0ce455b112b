"""A combo box over a code table: shows names, filters as you type, stores the code."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QCompleter, QWidget

from desktop.domain.codes import table


class CodeCombo(QComboBox):
    def __init__(self, table_key: str, parent: QWidget | None = None,
                 codes: list[str] | None = None) -> None:
        """`codes`: only these codes are offered (e.g. the 入学方式 of the school's stages)."""
        super().__init__(parent)
        self.table_key = table_key
        self.setEditable(True)
        self.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.addItem("", None)
        for code, name in table(table_key).names.items():
            if codes is None or code in codes:
                self.addItem(name, code)
        completer = QCompleter(self.model(), self)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.setCompleter(completer)

    def text_value(self) -> str:
        """What the template would hold: the name shown (or what was typed)."""
        return self.currentText().strip()

    def set_text_value(self, text: str) -> None:
        index = self.findText(text)
        if index >= 0:
            self.setCurrentIndex(index)
        else:
            self.setEditText(text)
