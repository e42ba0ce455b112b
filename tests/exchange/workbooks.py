"""Building import workbooks for tests with openpyxl, the way Excel users make them: title
rows, typed numbers and dates, merged cells, extra sheets, missing columns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from desktop.domain.fields import template_headers


def write_workbook(path: Path, rows: Sequence[Mapping[str, Any]], *,
                   headers: Sequence[str] | None = None, title: str | None = None,
                   sheet: str = "学生信息", before: Sequence[str] = (),
                   merge: Sequence[str] = ()) -> Path:
    """One sheet: an optional title row merged over the header width, the header row, one row
    per mapping ({header: value}, values written as given, numbers stay numbers). `before`:
    sheets placed in front of it, each with a note; `merge`: ranges such as "T3:T4"."""
    book = Workbook()
    book.remove(book.active)
    for name in before:
        book.create_sheet(name).append(["说明：请在“学生信息”工作表中填写，不要修改表头。"])
    target = book.create_sheet(sheet)
    columns = list(headers or template_headers())
    if title:
        target.append([title])
        target.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(columns))
    target.append(columns)
    for row in rows:
        target.append([row.get(header) for header in columns])
    for cells in merge:
        target.merge_cells(cells)
    book.save(path)
    return path
