"""Writing the national template as an Excel 97-2003 workbook (.xls), for provinces whose
system still takes only that format.

The same sheet as the .xlsx export (desktop.exchange.xlsx_writer): the template headers in
order, one row per student, every value a text cell (number format '@'), never a formula.
What .xls cannot hold is said plainly instead of being lost: at most 65,535 students fit
under the header row, and the drop-down lists of coded columns are not written (xlwt, the
only BIFF writer for Python, has no data validation); a second sheet 代码表 lists each coded
column's valid names for the person filling it in. Written beside the target and renamed
into place, like every export.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from pathlib import Path

import xlwt

from desktop.domain.fields import template_headers
from desktop.exchange.code_lists import LISTS_SHEET, coded_tables
from desktop.exchange.headers import SPEC_BY_HEADER
from desktop.exchange.xlsx_writer import (
    SHEET_TITLE,
    TEXT_FORMAT,
    cell_text,
    column_width,
    write_atomically,
)

MAX_ROWS = 65_535  # BIFF8 has 65,536 rows; the first holds the headers


class TooManyRows(ValueError):
    """More students than an .xls sheet can hold."""

    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


def write_template_xls(path: Path, rows: Iterable[Mapping[str, str]]) -> int:
    """Write `rows` ({template header: text}) as an .xls national template; returns the count.
    TooManyRows, before anything is written, when they do not fit one sheet."""
    rows = list(rows)
    if len(rows) > MAX_ROWS:
        raise TooManyRows(len(rows))
    headers = template_headers()
    book = xlwt.Workbook(encoding="utf-8")
    _write_students(book.add_sheet(SHEET_TITLE), headers, rows)
    _write_code_names(book.add_sheet(LISTS_SHEET), headers)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomically(path, buffer.getvalue())
    return len(rows)


def _write_students(sheet: xlwt.Worksheet, headers: list[str],
                    rows: list[Mapping[str, str]]) -> None:
    bold = xlwt.easyxf("font: bold on")
    text = xlwt.easyxf(num_format_str=TEXT_FORMAT)
    for index, header in enumerate(headers):
        sheet.write(0, index, header, bold)
        sheet.col(index).width = round(256 * column_width(header))
        for line, row in enumerate(rows, start=1):
            value = cell_text(row.get(header))
            if value:
                sheet.write(line, index, value, text)
    sheet.set_panes_frozen(True)
    sheet.set_horz_split_pos(1)
    sheet.set_vert_split_pos(1)


def _write_code_names(sheet: xlwt.Worksheet, headers: list[str]) -> None:
    """One column per coded item: its header, then the names the template accepts."""
    bold = xlwt.easyxf("font: bold on")
    column = 0
    for header in headers:
        spec = SPEC_BY_HEADER.get(header)
        if spec is None or spec.kind not in ("code", "yesno"):
            continue
        sheet.write(0, column, header, bold)
        for line, name in enumerate(coded_tables([header])[spec.table], start=1):
            sheet.write(line, column, name)
        sheet.col(column).width = round(256 * column_width(header))
        column += 1

