"""The national template written by rust_xlsxwriter holds what openpyxl's write-only writer
wrote before it (that writer is kept here as the reference): the same cells read by
calamine and by openpyxl, the same text format on the same cells, the same drop-down
lists over the same ranges, the same hidden code-list sheet, the frozen bold header; the
columns as wide or a little wider (Excel's padding is counted now)."""

from __future__ import annotations

import datetime as dt
import errno
import re
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from python_calamine import CalamineWorkbook

from desktop.domain.fields import template_headers
from desktop.domain.grades import SchoolSystem
from desktop.exchange import xlsx_writer
from desktop.exchange.code_lists import (
    ERROR_MESSAGE,
    ERROR_TITLE,
    LAST_ROW,
    LISTS_SHEET,
    coded_tables,
    list_formulas,
)
from desktop.exchange.headers import SPEC_BY_HEADER
from desktop.services.importing.demo import demo_rows


def old_write_template(path: Path, rows: Iterable[Mapping[str, str]]) -> None:
    """The template as openpyxl's write-only mode wrote it."""
    headers = template_headers()
    book = Workbook(write_only=True)
    sheet = book.create_sheet(xlsx_writer.SHEET_TITLE)
    text = xlsx_writer.text_columns(headers)
    for index, header in enumerate(headers, start=1):
        dimension = sheet.column_dimensions[get_column_letter(index)]
        dimension.width = xlsx_writer.column_width(header)
        if header in text:
            dimension.number_format = "@"
    sheet.freeze_panes = "B2"
    formulas, columns = list_formulas(coded_tables(headers))
    for index, header in enumerate(headers, start=1):
        spec = SPEC_BY_HEADER.get(header)
        if spec is not None and spec.table in formulas:
            letter = get_column_letter(index)
            rule = DataValidation(type="list", formula1=formulas[spec.table], allow_blank=True,
                                  showErrorMessage=True, errorStyle="warning",
                                  errorTitle=ERROR_TITLE, error=ERROR_MESSAGE)
            rule.add(f"{letter}2:{letter}{LAST_ROW}")
            sheet.data_validations.append(rule)
    if columns:
        lists = book.create_sheet(LISTS_SHEET)
        lists.sheet_state = "hidden"
        height = max(len(c) for c in columns)
        for r in range(height):
            lists.append([c[r] if r < len(c) else None for c in columns])
    bold = []
    for header in headers:
        cell = WriteOnlyCell(sheet, value=header)
        cell.font = Font(bold=True)
        bold.append(cell)
    sheet.append(bold)
    for row in rows:
        cells: list[Any] = []
        for header in headers:
            value = row.get(header) or None
            if header in text and value is not None:
                value = WriteOnlyCell(sheet, value=str(value))
                value.number_format = "@"
            cells.append(value)
        sheet.append(cells)
    book.save(str(path))


def _look(path: Path) -> dict[str, Any]:
    book = load_workbook(path)
    sheet = book.worksheets[0]
    rules = sorted((d.type, d.formula1, str(d.sqref), d.errorStyle, bool(d.allow_blank),
                    bool(d.showErrorMessage), d.errorTitle, d.error)
                   for d in sheet.data_validations.dataValidation)
    return {"sheets": [(s.title, s.sheet_state) for s in book.worksheets],
            "freeze": sheet.freeze_panes, "rules": rules,
            "values": [[c.value for c in row] for row in sheet.iter_rows()],
            "formats": [[c.number_format for c in row] for row in sheet.iter_rows(min_row=2)],
            "bold": [c.font.b for c in sheet[1]],
            "lists": [list(r) for r in book.worksheets[1].iter_rows(values_only=True)]}


def _widths(path: Path) -> list[float]:
    """Each column's width as the sheet's <col> elements give it (openpyxl reads a group of
    columns as its first column only)."""
    with zipfile.ZipFile(path) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    widths = [0.0] * len(template_headers())
    for tag in re.findall(r"<col [^>]*>", xml):
        found = dict(re.findall(r'(\w+)="([^"]*)"', tag))
        for column in range(int(found["min"]), int(found["max"]) + 1):
            widths[column - 1] = float(found["width"])
    return widths


def test_the_rust_writer_writes_what_openpyxl_wrote(tmp_path: Path) -> None:
    rows = list(demo_rows(SchoolSystem.parse("6-3-3", "小学,初中"), "4406040001", 120, 2026,
                          dt.date(2026, 12, 7)))
    rows[0] = {**rows[0], "联系电话": "013800138000"}
    new, old = tmp_path / "new.xlsx", tmp_path / "old.xlsx"
    assert xlsx_writer.write_template(new, rows) == 120
    old_write_template(old, rows)
    grids = [CalamineWorkbook.from_path(str(p)).get_sheet_by_index(0).to_python() for p in (new, old)]
    assert grids[0] == grids[1]
    assert _look(new) == _look(old)
    for got, before in zip(_widths(new), _widths(old), strict=True):
        assert before <= got <= before + 1


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """openpyxl wrote a value starting with '=' as a formula; every value is a string now."""
    row = {"姓名": "王小明", "特长": "=1+1", "现住址": "@SUM(A1)", "联系电话": "+8613800138000"}
    path = tmp_path / "hostile.xlsx"
    xlsx_writer.write_template(path, [row])
    headers = template_headers()
    grid = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0).to_python()
    assert [grid[1][headers.index(h)] for h in row] == list(row.values())
    cells = load_workbook(path).worksheets[0][2]
    assert {cells[headers.index(h)].data_type for h in row} == {"s"}


def test_a_folder_that_is_not_there_is_a_plain_os_error(tmp_path: Path) -> None:
    """The error names the file and says why (errno), as the user's message needs, and no
    partial file is left behind."""
    target = tmp_path / "missing" / "导出.xlsx"
    with pytest.raises(OSError) as raised:
        xlsx_writer.write_template(target, [{"姓名": "王小明"}])
    assert raised.value.errno == errno.ENOENT and raised.value.filename == str(target)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "导出.xlsx").mkdir()  # a folder where the file should go
    with pytest.raises(OSError):
        xlsx_writer.write_template(tmp_path / "full" / "导出.xlsx", [])
    assert sorted(p.name for p in (tmp_path / "full").iterdir()) == ["导出.xlsx"]
