"""The differences found by a reconciliation as an .xlsx list, for the registrar to work
through or hand to the bureau."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

from desktop.exchange.safe_cells import cells
from desktop.exchange.xlsx_writer import save_atomically
from desktop.services.importing.reconcile import Reconciliation

COLUMNS = ("类别", "国家系统行号", "姓名", "班级", "项目", "本地", "国家系统")


def write_reconcile_report(path: Path, result: Reconciliation) -> int:
    """Write every difference; returns how many."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet("核对差异")
    sheet.append(cells(sheet, COLUMNS))
    for d in result.differences:
        sheet.append(cells(sheet, [d.kind, d.row or "", d.name, d.class_name, d.header, d.local,
                                   d.national]))
    save_atomically(book, path)
    return len(result.differences)
