"""The statistics tables as an .xlsx workbook: one sheet per table, bold headers, for the
registrar to send on or paste into a bureau's report."""

from __future__ import annotations

import io
from collections.abc import Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

from desktop.exchange.safe_cells import fix_text
from desktop.services.reports.statistics import CountTable

_BOLD = Font(bold=True)


def statistics_workbook(tables: Sequence[CountTable], school_name: str) -> bytes:
    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    for index, table in enumerate(tables):
        _sheet(book, table, school_name, index)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book: Workbook, table: CountTable, school_name: str, index: int) -> None:
    title = table.title.split("（")[0][:28] or f"表{index + 1}"
    sheet = book.create_sheet(title)
    sheet.append([f"{school_name}　{table.title}"])
    fix_text(sheet[1])
    sheet["A1"].font = _BOLD
    sheet.append(["项目", *table.columns])
    fix_text(sheet[2])
    for cell in sheet[2]:
        cell.font = _BOLD
    for label, counts in table.rows:
        sheet.append([label, *counts])
        fix_text(sheet[sheet.max_row])
        if label.endswith(("小计", "合计")):
            for cell in sheet[sheet.max_row]:
                cell.font = _BOLD
    sheet.column_dimensions["A"].width = 24
