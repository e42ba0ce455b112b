"""Reading a student list exported from the national 学籍 system for reconciliation: any sheet
whose header row names 姓名 and a 学籍号 column (全国学籍号, 学籍号, 个人标识码), with whatever
template items it also has. Unlike an import, missing template columns are fine: only the
columns present are compared."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from python_calamine import CalamineError, SheetTypeEnum

from desktop.domain.errors import DomainError
from desktop.domain.header_aliases import fold_header
from desktop.exchange.cells import cell_text
from desktop.exchange.headers import SPEC_BY_HEADER, HeaderRow, find_header_row
from desktop.exchange.xlsx_guard import CellBudget, load_sheet, sheet_grid
from desktop.exchange.xlsx_reader import open_workbook
from desktop.services.errors import ServiceError
from desktop.services.importing.reconcile import NationalEntry

NUMBER_HEADERS = frozenset(fold_header(h) for h in ("全国学籍号", "学籍号", "个人标识码", "学籍编号"))


@dataclass(frozen=True)
class NationalList:
    file_name: str
    sheet: str
    entries: tuple[NationalEntry, ...]


def read_national_list(path: Path) -> NationalList:
    if not path.is_file():
        raise ServiceError("import.file_missing", name=str(path))
    book, budget = open_workbook(path), CellBudget()
    try:
        for meta in book.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:
                continue
            grid = sheet_grid(load_sheet(book, meta.name, path.name, budget), path.name)
            found = _header(grid)
            if found is not None:
                header, number_column = found
                return NationalList(path.name, meta.name, _entries(grid, header, number_column))
    except CalamineError as exc:
        raise ServiceError("import.unreadable", name=path.name) from exc
    finally:
        book.close()
    raise ServiceError("reconcile.no_number_column", name=path.name)


def _header(grid: list[list[Any]]) -> tuple[HeaderRow, int] | None:
    header = find_header_row(grid)
    if header is None:
        return None
    row = grid[header.index]
    for column, cell in enumerate(row):
        if isinstance(cell, str) and fold_header(cell) in NUMBER_HEADERS:
            return header, column
    return None


def _entries(grid: list[list[Any]], header: HeaderRow, number_column: int
             ) -> tuple[NationalEntry, ...]:
    entries = []
    for index in range(header.index + 1, len(grid)):
        raw = grid[index]
        cells = {name: _text(raw, column, name) for column, name in header.columns.items()}
        cells = {name: text for name, text in cells.items() if text}
        number = _text(raw, number_column, "学籍号")
        if cells or number:
            entries.append(NationalEntry(index + 1, cells, number.strip().upper()))
    return tuple(entries)


def _text(raw: list[Any], column: int, header: str) -> str:
    if column >= len(raw):
        return ""
    spec = SPEC_BY_HEADER.get(header)
    try:
        return (cell_text(raw[column], spec.kind if spec else "text") or "").strip()
    except DomainError:
        return str(raw[column]).strip()
