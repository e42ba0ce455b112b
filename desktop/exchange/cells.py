"""Excel cell values -> the text the national template means by them.

Spreadsheets hold numbers, dates and booleans where the template means text: 20150901 typed
as a number, a date cell in 出生日期, a phone number without its text format. Those become
the template's text (YYYYMMDD, YYYYMM, digits). An ID number Excel stored as a number has
lost its last digits (Excel keeps 15 significant digits) and is refused with the fix.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from desktop.domain.errors import DomainError

EXCEL_DIGITS = 15  # significant digits Excel keeps of a number
_SCIENTIFIC = re.compile(r"[+-]?\d+(\.\d*)?[eE][+-]?\d+")


def cell_text(value: Any, kind: str) -> str | None:
    """The template text of one cell of a column of `kind` (FieldSpec.kind); None if empty."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return _checked_text(value, kind)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, int | float):
        return _number_text(value, kind)
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return f"{value:%Y%m}" if kind == "month" else f"{value:%Y%m%d}"
    return str(value)


def _checked_text(text: str, kind: str) -> str | None:
    if kind == "idnum" and _SCIENTIFIC.fullmatch(text.strip()):
        raise DomainError("cell.id_as_number", value=text.strip())
    return text if text.strip() else None


def _number_text(value: float, kind: str) -> str:
    integral = float(value).is_integer()
    if kind == "idnum":
        digits = str(int(value)) if integral else ""
        if not integral or len(digits.lstrip("-")) > EXCEL_DIGITS:
            raise DomainError("cell.id_as_number", value=format(value, ".15g"))
        return digits
    if integral and abs(value) < 10**EXCEL_DIGITS:
        return str(int(value))
    return format(value, ".15g")
