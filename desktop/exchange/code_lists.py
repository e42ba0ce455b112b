"""Drop-down lists for the coded columns of an exported template (民族, 是/否, 关系 …).

Each coded column gets an Excel data validation listing the names of its code table
(desktop.domain.codes). A short list is written into the validation itself; a long one (国籍/
地区 has 250 names; Excel allows 255 characters inline) lives in a column of a hidden sheet.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from desktop.domain.codes import table
from desktop.exchange.headers import SPEC_BY_HEADER

LISTS_SHEET = "代码表"
INLINE_LIMIT = 255
LAST_ROW = 1_048_576


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


def validations(headers: Sequence[str], formulas: dict[str, str]) -> list[DataValidation]:
    """One list validation per coded column, from row 2 to the sheet's last row."""
    found: list[DataValidation] = []
    for index, header in enumerate(headers, start=1):
        spec = SPEC_BY_HEADER.get(header)
        if spec is None or spec.table not in formulas:
            continue
        letter = get_column_letter(index)
        rule = DataValidation(type="list", formula1=formulas[spec.table], allow_blank=True,
                              showErrorMessage=True, errorStyle="warning", errorTitle="不在代码表中",
                              error="请从下拉列表中选择国家模板规定的名称。")
        rule.add(f"{letter}2:{letter}{LAST_ROW}")
        found.append(rule)
    return found


def list_rows(columns: list[list[str]]) -> list[list[str | None]]:
    """The hidden sheet's rows: column i holds list i."""
    height = max((len(c) for c in columns), default=0)
    return [[c[r] if r < len(c) else None for c in columns] for r in range(height)]
