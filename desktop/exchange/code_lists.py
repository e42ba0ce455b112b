"""Drop-down lists for the coded columns of an exported template (民族, 是/否, 关系 …).

Each coded column gets an Excel data validation listing the names of its code table
(desktop.domain.codes). A short list is written into the validation itself; a long one (国籍/
地区 has 250 names; Excel allows 255 characters inline) lives in a column of a hidden sheet.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter

from desktop.domain.codes import table
from desktop.exchange.headers import SPEC_BY_HEADER

LISTS_SHEET = "代码表"
INLINE_LIMIT = 255
LAST_ROW = 1_048_576
ERROR_TITLE = "不在代码表中"
ERROR_MESSAGE = "请从下拉列表中选择国家模板规定的名称。"


def coded_tables(headers: Sequence[str]) -> dict[str, list[str]]:
    """{code table key: names} for every coded column among `headers`, in column order."""
    tables: dict[str, list[str]] = {}
    for header in headers:
        spec = SPEC_BY_HEADER.get(header)
        if spec is not None and spec.kind in ("code", "yesno"):
            tables.setdefault(spec.table, list(table(spec.table).names.values()))
    return tables


def _inline(names: list[str]) -> str | None:
    formula = '"' + ",".join(names) + '"'
    if len(formula) > INLINE_LIMIT or any("," in name or '"' in name for name in names):
        return None
    return formula


def list_formulas(tables: dict[str, list[str]]) -> tuple[dict[str, str], list[list[str]]]:
    """({table key: validation formula}, columns of the hidden lists sheet)."""
    formulas: dict[str, str] = {}
    columns: list[list[str]] = []
    for key, names in tables.items():
        inline = _inline(names)
        if inline is None:
            columns.append(names)
            letter = get_column_letter(len(columns))
            inline = f"'{LISTS_SHEET}'!${letter}$1:${letter}${len(names)}"
        formulas[key] = inline
    return formulas, columns
