"""Writing the national template with rust_xlsxwriter (through rvgsrust-xlsxwriter), and the
atomic save of the other workbooks, which openpyxl writes.

One sheet with the template headers in order and one row per student, written a column at
a time: 10,000 rows in about a second, where openpyxl's write-only mode took ten times as
long (docs/BENCHMARKS.md, Excel exchange). Every value is written as a string cell, never as
a formula. Columns of digits the national system reads as text (身份证件号, 联系电话, 邮政编码,
region codes, dates) are text cells (number format '@', str values), so Excel neither drops
leading zeros nor turns ID numbers into 4.40604E+17; coded columns get drop-down lists of
their code table names.
The file is written beside the target and renamed into place, so a failed export leaves
no half-written workbook.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import rvgsrust_xlsxwriter as xlsx

from desktop.domain.fields import SCHOOL_CODE_HEADER, template_headers
from desktop.exchange import safe_cells
from desktop.exchange.code_lists import (
    ERROR_MESSAGE,
    ERROR_TITLE,
    LAST_ROW,
    LISTS_SHEET,
    coded_tables,
    list_formulas,
)
from desktop.exchange.headers import SPEC_BY_HEADER

if TYPE_CHECKING:
    from openpyxl import Workbook

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
    rows = list(rows)
    book = xlsx.Workbook()
    sheet = book.add_worksheet(SHEET_TITLE)
    text = _prepare_columns(book, sheet, headers)
    _add_code_lists(book, sheet, headers)
    sheet.write_row(0, 0, headers, book.add_format().set_bold())
    for index, header in enumerate(headers):
        values = [cell_text(row.get(header)) for row in rows]
        sheet.write_column(1, index, values, text.format if header in text.headers else None)
    write_atomically(path, book.save_to_buffer())  # Python writes it: errors carry errno
    return len(rows)


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` beside `path`, then rename it over `path`; nothing is left on failure."""
    with replacing(path) as partial:
        partial.write_bytes(data)


@contextlib.contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """A file beside `path` for the block to write; renamed over `path` when the block ends,
    removed when it fails (an OSError then names `path`, not the partial file)."""
    partial = path.with_name(f".{path.name}.partial")
    try:
        yield partial
        os.replace(partial, path)
    except OSError as exc:  # name the file the user asked for, not the partial one
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    finally:
        with contextlib.suppress(FileNotFoundError):
            partial.unlink()


def cell_text(value: object) -> str | None:
    """A string cell's text, cleaned of what no item may hold (safe_cells.text)."""
    return safe_cells.text(str(value)) if value else None


class _TextFormat:
    """The '@' cell format, and the headers whose cells carry it."""

    def __init__(self, book: xlsx.Workbook, headers: frozenset[str]) -> None:
        self.format = book.add_format().set_num_format(TEXT_FORMAT)
        self.headers = headers


def _prepare_columns(book: xlsx.Workbook, sheet: xlsx.Worksheet,
                     headers: list[str]) -> _TextFormat:
    """Widths, the text format of text columns (column and cells) and a frozen header row."""
    text = _TextFormat(book, text_columns(headers))
    for index, header in enumerate(headers):
        sheet.set_column_width(index, column_width(header))
        if header in text.headers:
            sheet.set_column_format(index, text.format)
    sheet.freeze_panes(1, 1)
    return text


def column_width(header: str) -> float:
    spec = SPEC_BY_HEADER.get(header)
    if spec is not None and spec.kind == "idnum":
        return 21
    if spec is not None and spec.max_len >= 120:
        return 32
    return max(10, 2 * len(header) + 2)


def _add_code_lists(book: xlsx.Workbook, sheet: xlsx.Worksheet, headers: list[str]) -> None:
    formulas, columns = list_formulas(coded_tables(headers))
    for index, header in enumerate(headers):
        spec = SPEC_BY_HEADER.get(header)
        if spec is not None and spec.table in formulas:
            sheet.add_data_validation(1, index, LAST_ROW - 1, index,
                                      _drop_down(formulas[spec.table]))
    if columns:
        lists = book.add_worksheet(LISTS_SHEET)
        for index, names in enumerate(columns):
            lists.write_column(0, index, names)
        lists.hide()


def _drop_down(formula: str) -> xlsx.DataValidation:
    rule = xlsx.DataValidation()
    if formula.startswith('"'):
        rule.allow_list_strings(formula[1:-1].split(","))
    else:
        rule.allow_list_formula(formula)
    rule.ignore_blank(True)
    rule.set_error_style("warning")
    rule.set_error_title(ERROR_TITLE)
    rule.set_error_message(ERROR_MESSAGE)
    return rule


def save_atomically(book: Workbook, path: Path) -> None:
    """Save beside `path`, then rename over it; nothing is left behind on failure."""
    with replacing(path) as partial:
        book.save(str(partial))
