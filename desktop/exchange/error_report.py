"""The error report of an import: the input rows as written, plus a 错误 column saying why.

Rows keep their Excel row numbers (blank rows stand in for title rows and skipped rows), so
"第12行" means row 12 in both the input file and the report. Refused rows state every
reason; warnings follow, marked 提示. The user fixes the rows and imports the file again;
the 错误 column is ignored on import.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.cell import Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from desktop.exchange import safe_cells
from desktop.exchange.xlsx_reader import SheetData
from desktop.exchange.xlsx_writer import save_atomically
from desktop.messages import describe
from desktop.services.importing.plan import ImportPlan, RowProblem

if TYPE_CHECKING:
    from openpyxl.worksheet._write_only import WriteOnlyWorksheet

ERROR_HEADER = "错误"
REPORT_TITLE = "导入错误报告"


def problem_text(problems: Iterable[RowProblem]) -> str:
    """'出生日期: 日期格式不对…；提示 姓名: 可能重复…。' for one row: a sentence's full stop
    is kept only at the end, never before a '；'."""
    parts = [("提示 " if p.warning else "") + f"{p.header}: {describe(p.code, dict(p.params))}"
             for p in problems]
    return "；".join([part.rstrip("。") for part in parts[:-1]] + parts[-1:])


def write_error_report(path: Path, sheet: SheetData, plan: ImportPlan) -> int:
    """Write the report; returns the number of rows with a problem."""
    problems = plan.problems_by_row()
    book = Workbook(write_only=True)
    out = book.create_sheet(REPORT_TITLE)
    error_column = get_column_letter(len(sheet.raw_headers) + 1)
    out.column_dimensions[error_column].width = 80
    out.freeze_panes = f"A{sheet.header_row + 1}"
    _blank_rows(out, sheet.header_row - 1)
    out.append([*_values(out, sheet.raw_headers), _bold(out, ERROR_HEADER)])
    written = sheet.header_row
    for source, raw in zip(sheet.rows, sheet.raw_rows, strict=True):
        _blank_rows(out, source.number - written - 1)
        out.append([*_values(out, raw), _wrapped(out, problem_text(problems.get(source.number, ())))])
        written = source.number
    save_atomically(book, path)
    return len(problems)


def _values(out: WriteOnlyWorksheet, cells: Iterable[object]) -> list[object]:
    return safe_cells.cells(out, (None if cell == "" else cell for cell in cells))


def _blank_rows(out: WriteOnlyWorksheet, count: int) -> None:
    for _ in range(count):
        out.append([])


def _bold(out: WriteOnlyWorksheet, value: str) -> Cell:
    return safe_cells.cell(out, value, font=Font(bold=True, color="C00000"))


def _wrapped(out: WriteOnlyWorksheet, value: str) -> Cell | None:
    if not value:
        return None
    return safe_cells.cell(out, value, alignment=Alignment(wrap_text=True, vertical="top"),
                           font=Font(color="C00000"))
