"""Error codes to user-facing sentences in the current UI language.

The Chinese sentences live in desktop.messages; here they pass through Qt's translator
(context "messages") so the English UI shows the English sentence.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from desktop.domain.errors import FieldError
from desktop.messages import describe


def say(code: str, params: dict[str, Any] | None = None) -> str:
    """desktop.messages.describe in the current UI language."""
    return describe(code, params, lambda template: QCoreApplication.translate("messages", template))


def say_field(error: FieldError) -> str:
    return say(error.code, error.params)


def tr(text: str) -> str:
    """Translate a source string of the shared context "" (where pyside6-lupdate files plain
    tr() calls): labels, headers, code-free names chosen at run time."""
    return QCoreApplication.translate("", text)
