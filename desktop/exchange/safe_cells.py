"""One way every workbook the program writes turns a value into a cell.

Text is always a text cell, whatever it starts with (`=`, `+`, `-`, `@`, a tab, a carriage
return): openpyxl would otherwise store `=HYPERLINK("http://…?"&B2, …)` as a live formula
that sends a pupil's data away when the registrar opens the file. Text is cleaned of the
characters no item may hold (`desktop.domain.text_rules.clean_text`) on the way out, so a
database written by an older version still exports. Numbers, dates and empty cells pass
through unchanged.

Every writer goes through this module: the openpyxl ones (the import error report,
statistics, the audit export, the reconciliation list) through `cell`, `cells` or
`fix_text`; the template export, written by rust_xlsxwriter as string columns (never
formulas), through `text`. A writer that changes library keeps the rule by keeping these
calls; tests/exchange/test_no_formulas.py reads every writer's XML for `<f>`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell import WriteOnlyCell

from desktop.domain.text_rules import clean_text

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheet programs may run


def text(value: str) -> str:
    """The text of a string cell, for any writer library: cleaned (see module docstring)."""
    return clean_text(value)


def cell(sheet: Any, value: Any, **style: Any) -> Any:
    """A write-only cell for `value`: text as a text cell; `style` (font, alignment,
    number_format) set on it when given."""
    if not isinstance(value, str) and not style:
        return value
    out = WriteOnlyCell(sheet, value=clean_text(value) if isinstance(value, str) else value)
    if isinstance(value, str):
        out.data_type = "s"
    for name, setting in style.items():
        setattr(out, name, setting)
    return out


def cells(sheet: Any, values: Iterable[Any]) -> list[Any]:
    """A row of write-only cells for `values`."""
    return [cell(sheet, value) for value in values]


def fix_text(row: Iterable[Any]) -> None:
    """For a normal (not write-only) sheet: the text cells of a row just appended become
    text cells, cleaned."""
    for written in row:
        if isinstance(written.value, str):
            written.value = clean_text(written.value)
            written.data_type = "s"


def csv_text(value: Any) -> Any:
    """A CSV field: text cleaned, and text that a spreadsheet would run gets a leading `'`."""
    if not isinstance(value, str):
        return value
    value = clean_text(value)
    return "'" + value if value.startswith(FORMULA_START) else value
