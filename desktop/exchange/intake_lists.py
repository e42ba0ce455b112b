"""The short lists the national system exchanges besides the student template.

- 学前教育匹配名单 (preschool matched list): 姓名, 性别, 出生日期, 身份证件类型, 身份证件号.
- 初中入学交接名单 (junior-secondary entrance handover): 个人标识码, 学生姓名, 身份证号,
  毕业学校标识码, 录取学校标识码, 教育阶段.

Read from .xlsx or .xls (after the same guard as every import), columns by name (other
spellings of the same column accepted), the header in the first rows; written as .xlsx with
every cell text, so no digit of an ID number is lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from desktop.domain.errors import DomainError
from desktop.domain.header_aliases import fold_header
from desktop.exchange.cells import cell_text
from desktop.exchange.xlsx_guard import CellBudget, load_sheet, sheet_grid
from desktop.exchange.xlsx_reader import open_workbook
from desktop.exchange.xlsx_writer import save_atomically
from desktop.services.errors import ServiceError

PRESCHOOL_COLUMNS = ("姓名", "性别", "出生日期", "身份证件类型", "身份证件号")
HANDOVER_COLUMNS = ("个人标识码", "学生姓名", "身份证号", "毕业学校标识码", "录取学校标识码", "教育阶段")
_SPELLINGS = {
    "姓名": ("姓名", "学生姓名"), "学生姓名": ("学生姓名", "姓名"),
    "身份证件号": ("身份证件号", "身份证件号码", "身份证号", "身份证号码"),
    "身份证号": ("身份证号", "身份证号码", "身份证件号", "身份证件号码"),
    "身份证件类型": ("身份证件类型", "证件类型"),
    "个人标识码": ("个人标识码", "学籍号", "全国学籍号"),
}
_KINDS = {"出生日期": "date", "身份证件号": "idnum", "身份证号": "idnum"}
ROWS_SEARCHED = 10


@dataclass(frozen=True)
class ListRow:
    number: int  # the row number Excel shows
    cells: Mapping[str, str]  # column -> text ('' when empty)
    problems: tuple[tuple[str, str, dict], ...] = ()  # (column, code, params) found reading


@dataclass(frozen=True)
class ListFile:
    file_name: str
    rows: tuple[ListRow, ...]


def read_list(path: Path, columns: Sequence[str]) -> ListFile:
    """The rows of a list with `columns`; ServiceError naming the columns when none fits."""
    if not path.is_file():
        raise ServiceError("import.file_missing", name=str(path))
    book, budget = open_workbook(path), CellBudget()
    try:
        for meta in book.sheets_metadata:
            grid = sheet_grid(load_sheet(book, meta.name, path.name, budget), path.name)
            found = _header(grid, columns)
            if found is not None:
                index, places = found
                return ListFile(path.name, _rows(grid, index, places))
    finally:
        book.close()
    raise ServiceError("list.no_header", name=path.name, columns="、".join(columns))


def _header(grid: list[list[Any]], columns: Sequence[str]) -> tuple[int, dict[str, int]] | None:
    for index, row in enumerate(grid[:ROWS_SEARCHED]):
        folded = {fold_header(cell): column for column, cell in enumerate(row)
                  if isinstance(cell, str) and cell.strip()}
        places = {}
        for name in columns:
            spelling = next((s for s in _SPELLINGS.get(name, (name,)) if s in folded), None)
            if spelling is not None:
                places[name] = folded[spelling]
        if len(places) == len(columns):
            return index, places
    return None


def _rows(grid: list[list[Any]], header: int, places: dict[str, int]) -> tuple[ListRow, ...]:
    rows = []
    for index in range(header + 1, len(grid)):
        raw, cells, problems = grid[index], {}, []
        for name, column in places.items():
            value = raw[column] if column < len(raw) else ""
            try:
                cells[name] = (cell_text(value, _KINDS.get(name, "text")) or "").strip()
            except DomainError as error:
                cells[name] = str(value)
                problems.append((name, error.code, dict(error.params)))
        if any(cells.values()):
            rows.append(ListRow(index + 1, cells, tuple(problems)))
    return tuple(rows)


def write_list(path: Path, columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> int:
    """An .xlsx with `columns` and one text row per mapping; returns how many rows."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = "名单"
    sheet.append(list(columns))
    count = 0
    for row in rows:
        sheet.append([row.get(name, "") for name in columns])
        count += 1
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.number_format = "@"
    for letter, name in zip("ABCDEF", columns, strict=False):
        sheet.column_dimensions[letter].width = max(12, len(name) * 2.2 + 8)
    save_atomically(book, path)
    return count
