"""Writing the national template with openpyxl in write-only mode (rows stream to the file).

One sheet with the 71 template headers in order and one row per student. Columns of digits
the national system reads as text (身份证件号, 联系电话, 邮政编码, region codes, dates) are
text cells (number format '@', str values), so Excel neither drops leading zeros nor turns
ID numbers into 4.40604E+17; coded columns get drop-down lists of their code table names.
The file is written beside the target and renamed into place, so a failed export leaves
no half-written workbook.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from desktop.domain.fields import SCHOOL_CODE_HEADER, template_headers
from desktop.exchange.code_lists import LISTS_SHEET, coded_tables, list_formulas, list_rows, validations
from desktop.exchange.headers import SPEC_BY_HEADER

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

SHEET_TITLE = "学生信息"
TEXT_FORMAT = "@"
TEXT_KINDS = frozenset({"idnum", "phone", "postcode", "region", "date", "month"})


def text_columns(headers: Iterable[str]) -> frozenset[str]:
    """Headers whose cells must be text cells."""
    return frozenset(h for h in headers if h == SCHOOL_CODE_HEADER
                     or (h in SPEC_BY_HEADER and SPEC_BY_HEADER[h].kind in TEXT_KINDS))


def write_template(path: Path, rows: Iterable[Mapping[str, str]]) -> int:
    """Write `rows` ({template header: text}) as a national template workbook; returns the count."""
    headers = template_headers()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEET_TITLE)
    _prepare_columns(sheet, headers)
    _add_code_lists(book, sheet, headers)
    sheet.append([_bold(sheet, header) for header in headers])
    text = text_columns(headers)
    count = 0
    for row in rows:
        sheet.append([_cell(sheet, row.get(h) or None, h in text) for h in headers])
        count += 1
    save_atomically(book, path)
    return count


def _prepare_columns(sheet: WriteOnlyWorksheet, headers: list[str]) -> None:
    """Widths, text format and a frozen header row: set before the first row is written."""
    text = text_columns(headers)
    for index, header in enumerate(headers, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = _width(header)
        if header in text:
            dimension.number_format = TEXT_FORMAT
    sheet.freeze_panes = "B2"


def _width(header: str) -> float:
    spec = SPEC_BY_HEADER.get(header)
    if spec is not None and spec.kind == "idnum":
        return 21
    if spec is not None and spec.max_len >= 120:
        return 32
    return max(10, 2 * len(header) + 2)


def _add_code_lists(book: Workbook, sheet: WriteOnlyWorksheet, headers: list[str]) -> None:
    formulas, columns = list_formulas(coded_tables(headers))
    for rule in validations(headers, formulas):
        sheet.data_validations.append(rule)
    if columns:
        lists = book.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"
        for values in list_rows(columns):
            lists.append(values)


def _bold(sheet: WriteOnlyWorksheet, value: str) -> WriteOnlyCell:
    cell = WriteOnlyCell(sheet, value=value)
    cell.font = Font(bold=True)
    return cell


def _cell(sheet: WriteOnlyWorksheet, value: str | None, as_text: bool) -> object:
    if not as_text or value is None:
        return value
    cell = WriteOnlyCell(sheet, value=str(value))
    cell.number_format = TEXT_FORMAT
    return cell


def save_atomically(book: Workbook, path: Path) -> None:
    """Save beside `path`, then rename over it; nothing is left behind on failure."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        book.save(str(partial))
        os.replace(partial, path)
    except OSError as exc:  # name the file the user asked for, not the partial one
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()
