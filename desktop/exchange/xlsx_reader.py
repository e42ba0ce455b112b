"""Reading an import workbook with python-calamine: the template sheet, its header, its rows.

The sheet is the one whose header row matches the template best (the national template's
hidden dictionary sheet and any notes sheet lose); the header may sit under title rows.
Every data row becomes a SourceRow keyed by template header, with its Excel row number.
Cells covered by a merged range hold nothing in the file (Excel keeps the value in the
top-left cell only): they are read as empty and flagged.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import itemgetter
from pathlib import Path
from typing import Any

from python_calamine import (
    CalamineError,
    CalamineSheet,
    CalamineWorkbook,
    PasswordError,
    SheetTypeEnum,
    SheetVisibleEnum,
)

from desktop.domain.collector import batch_collector_paused
from desktop.domain.errors import DomainError, FieldError
from desktop.exchange.cells import cell_text
from desktop.exchange.headers import SPEC_BY_HEADER, HeaderRow, find_header_row
from desktop.exchange.xlsx_guard import CellBudget, check_workbook, load_sheet, sheet_grid
from desktop.services.errors import ServiceError
from desktop.services.importing.plan import SourceRow


@dataclass(frozen=True)
class SheetData:
    """The template rows of one workbook, and what the file-level checks found."""

    file_name: str
    sheet: str
    header_row: int  # Excel row number of the header
    raw_headers: tuple[Any, ...]  # the header row as written
    columns: tuple[str, ...]  # template headers the sheet has (class parts included)
    ignored: tuple[str, ...]  # headers that are not imported (left out or unknown)
    missing_optional: tuple[str, ...]  # template headers the sheet lacks (an older template)
    rows: tuple[SourceRow, ...]
    raw_rows: tuple[tuple[Any, ...], ...]  # the cells of each row as written, same order
    unknown: tuple[tuple[int, str], ...] = ()  # (column index, header) of unknown columns
    missing_required: tuple[str, ...] = ()  # required template items no column holds
    class_parts: tuple[str, ...] = ()  # 年级 / 班级号 / 班号 / 校区号 columns the sheet has

    @property
    def headers(self) -> tuple[str, ...]:
        """The written header of every column, '' for an empty header cell."""
        return tuple(cell.strip() if isinstance(cell, str) else "" for cell in self.raw_headers)


def read_workbook(path: Path, mapping: Mapping[str, str] | None = None) -> SheetData:
    """The template sheet of `path`; ServiceError when the file cannot be imported at all.
    `mapping` (a template profile: folded header -> item) says what unknown columns hold.
    Required items missing are refused here only when no unknown column could hold them."""
    if not path.is_file():
        raise ServiceError("import.file_missing", name=str(path))
    with batch_collector_paused():  # every row stays alive until the end
        return _read(path, mapping)




def _read(path: Path, mapping: Mapping[str, str] | None) -> SheetData:
    book = open_workbook(path)
    try:
        sheet, header = _template_sheet(book, path.name, mapping)
        grid = sheet_grid(sheet, path.name)
        merged = _covered_cells(sheet, header.index, grid, path.name)
    except CalamineError as exc:  # a damaged sheet inside a readable file
        raise ServiceError("import.unreadable", name=path.name) from exc
    finally:
        book.close()
    if header.missing_required and not header.unknown:
        raise ServiceError("import.missing_columns", name=path.name, sheet=sheet.name,
                           columns="、".join(header.missing_required))
    return _sheet_data(path.name, sheet.name, grid, header, merged)


def open_workbook(path: Path) -> CalamineWorkbook:
    """The workbook at `path` opened by calamine once the guard has let it through (an .xlsx
    from the copy of the parts the guard measured, desktop.exchange.package_copy);
    ServiceError (in Chinese) when it is refused or cannot be read."""
    package = check_workbook(path)  # refuses what would exhaust memory or abort the process
    try:
        if package is None:  # a legacy .xls, its records walked by the guard
            return CalamineWorkbook.from_path(str(path))
        return CalamineWorkbook.from_filelike(package)
    except PasswordError as exc:
        raise ServiceError("import.password", name=path.name) from exc
    except (CalamineError, ValueError, OSError) as exc:
        raise ServiceError("import.unreadable", name=path.name) from exc
    except BaseException as exc:  # a Rust panic (PanicException cannot be imported)
        if type(exc).__name__ != "PanicException":
            raise
        raise ServiceError("import.unreadable", name=path.name) from exc


def _template_sheet(book: CalamineWorkbook, name: str,
                    mapping: Mapping[str, str] | None) -> tuple[CalamineSheet, HeaderRow]:
    best: tuple[tuple[int, bool], CalamineSheet, HeaderRow] | None = None
    budget = CellBudget()
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        sheet = load_sheet(book, meta.name, name, budget)
        header = find_header_row(sheet_grid(sheet, name, nrows=20), mapping)
        if header is None:
            continue
        score = (len(header.columns), meta.visible == SheetVisibleEnum.Visible)
        if best is None or score > best[0]:
            best = (score, sheet, header)
    if best is None:
        raise ServiceError("import.no_header", name=name)
    return best[1], best[2]


def _covered_cells(sheet: CalamineSheet, header_index: int, grid: list[list[Any]],
                   name: str) -> set[tuple[int, int]]:
    """(row, column) of data cells inside a merged range, other than its top-left cell. The
    ranges are taken once each, and refused when together they cover more than the grid holds
    (each costs a walk over its cells: ten thousand ranges over one grid would take hours)."""
    covered: set[tuple[int, int]] = set()
    height, width = len(grid), max(map(len, grid), default=0)
    ranges = set(map(tuple, sheet.merged_cell_ranges or ()))
    area = sum((min(bottom + 1, height) - max(top, header_index + 1))
               * (min(right + 1, width) - left) for (top, left), (bottom, right) in ranges
               if bottom > header_index and bottom >= top and right >= left)
    if area > height * width:
        raise ServiceError("import.unreadable", name=name)
    for (top, left), (bottom, right) in ranges:
        for row in range(max(top, header_index + 1), min(bottom + 1, height)):
            covered.update((row, column) for column in range(left, min(right + 1, width))
                           if (row, column) != (top, left))
    return covered


def _sheet_data(file_name: str, sheet: str, grid: list[list[Any]], header: HeaderRow,
                merged: set[tuple[int, int]]) -> SheetData:
    read = _RowReader({**header.columns, **header.class_parts}, merged)
    rows, raw_rows = [], []
    for index in range(header.index + 1, len(grid)):
        raw = grid[index]
        source = read(index, raw)
        if source is not None:
            rows.append(source)
            raw_rows.append(tuple(raw))
    if not rows:
        raise ServiceError("import.no_rows", name=file_name, sheet=sheet)
    return SheetData(file_name, sheet, header.index + 1, tuple(grid[header.index]),
                     tuple(header.columns.values()), header.ignored,
                     tuple(header.missing_optional), tuple(rows), tuple(raw_rows),
                     header.unknown, tuple(header.missing_required),
                     tuple(header.class_parts.values()))


class _RowReader:
    """Turns one grid row into a SourceRow (None for a row without data). Non-empty text,
    the common case, is taken as it is in one pass; other cells go through cell_text."""

    def __init__(self, columns: dict[int, str], merged: set[tuple[int, int]]) -> None:
        self.headers = tuple(columns.values())
        self.kinds = tuple(_kind(header) for header in self.headers)
        self.pick = itemgetter(*columns)
        self.width = max(columns) + 1
        self.slow = [i for i, kind in enumerate(self.kinds) if kind == "idnum"]
        self.columns = tuple(columns)
        self.merged = merged
        self.merged_rows = {row for row, _column in merged}

    def __call__(self, index: int, raw: Sequence[Any]) -> SourceRow | None:
        if len(raw) < self.width:
            raw = [*raw, *([""] * (self.width - len(raw)))]
        values = self.pick(raw) if len(self.headers) > 1 else (self.pick(raw),)
        errors: list[FieldError] = []
        plain = index not in self.merged_rows and set(map(type, values)) <= _TEXT
        if plain:  # text cells only: the non-empty ones, in one pass in C
            cells = dict(compress(zip(self.headers, values, strict=True), values))
        else:
            cells = {h: v for h, v in zip(self.headers, values, strict=True)
                     if v.__class__ is str and v}
        for i in self.slow if plain else range(len(values)):
            if plain and _plain_number(values[i], cells, self.headers[i]):
                continue
            self._cell(index, i, values[i], cells, errors)
        if not cells and all(error.code == "cell.merged" for error in errors):
            return None
        return SourceRow(index + 1, cells, tuple(errors))

    def _cell(self, index: int, i: int, value: Any, cells: dict[str, Any],
              errors: list[FieldError]) -> None:
        header, kind = self.headers[i], self.kinds[i]
        if value == "" or value is None:
            if (index, self.columns[i]) in self.merged:
                errors.append(FieldError(header, "cell.merged", {}, warning=True))
            return
        if value.__class__ is str and kind != "idnum":
            return  # already taken
        cells.pop(header, None)
        try:
            text = cell_text(value, kind)
        except DomainError as error:
            errors.append(FieldError(header, error.code, error.params))
            return
        if text is not None:
            cells[header] = text


_TEXT = {str}


def _plain_number(text: str, cells: dict[str, Any], header: str) -> bool:
    """An ID number cell of digits (no exponent to refuse): moved last, as _cell leaves it."""
    if "e" in text or "E" in text or not text.strip():
        return False
    cells[header] = cells.pop(header)
    return True


def _kind(header: str) -> str:
    spec = SPEC_BY_HEADER.get(header)
    return spec.kind if spec else "text"
