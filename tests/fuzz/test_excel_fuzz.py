"""Hostile workbooks through the import (read_import, preview_import, apply_workbook): random
and damaged files and random cell values end in a refusal with a Chinese sentence or a
correct import, never a traceback, and a refused import leaves every table as it was.
Workbooks built to exhaust memory (a cell at XFD1048576, a shared-strings zip bomb, a
legacy or encrypted OLE file) are refused before calamine reads them."""

from __future__ import annotations

import datetime as dt
import io
import time
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from desktop.domain.fields import template_headers
from desktop.exchange import xlsx_guard
from desktop.exchange.files import apply_workbook, preview_import, read_import
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.safekeeping.integrity import check_database
from tests.dbutil import counts
from tests.factories import valid_row
from tests.fuzz import profile, samples

TABLES = ("student", "family_member", "school_class", "grade", "audit_log", "outbox",
          "status_change")
TODAY = dt.date(2026, 11, 26)
HEADERS = tuple(template_headers())


def read_and_preview(ws: Workspace, path: Path) -> None:
    """Read and preview `path`; a refusal must be a readable one and change nothing."""
    before = counts(ws, *TABLES)
    try:
        preview_import(ws, read_import(path), TODAY)
        profile.note("previewed")
    except Exception as exc:
        profile.assert_refusal(exc)
    assert counts(ws, *TABLES) == before


def check_bytes(ws: Workspace, tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(data)
    read_and_preview(ws, path)


@profile.quick(150)
@given(data=samples.mutated_workbook())
def test_damaged_workbook_bytes(ws: Workspace, tmp_path: Path, data: bytes) -> None:
    check_bytes(ws, tmp_path, data)


@profile.long(5000)
@given(data=samples.mutated_workbook())
def test_damaged_workbook_bytes_long(ws: Workspace, tmp_path: Path, data: bytes) -> None:
    check_bytes(ws, tmp_path, data)


_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)
CELL = st.one_of(
    st.none(), _TEXT, st.integers(-10**19, 10**19), st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(), st.dates(dt.date(1900, 1, 1)), st.datetimes(dt.datetime(1900, 1, 1)),
    st.sampled_from(["=1+1", "=HYPERLINK(\"http://x\")", "440604201703050110", "4.40604E+17",
                     "X", "　", "男", "女", "20170305", "2017-03-05", "三年级(2)班", "𠮷", "﻿姓名"]),
)
ROWS = st.lists(st.dictionaries(st.sampled_from(HEADERS), CELL, max_size=8), min_size=1, max_size=3)
HEADER_EDITS = st.tuples(st.sets(st.sampled_from(HEADERS), max_size=4), st.lists(_TEXT, max_size=2))


def _workbook(path: Path, rows: list[dict[str, Any]], edits: tuple[set[str], list[str]]) -> None:
    dropped, extra = edits
    headers = [h for h in HEADERS if h not in dropped] + extra
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for index, changes in enumerate(rows):
        row = {**valid_row(name=f"王{'一二三'[index]}", seq=11 + index), **changes}
        sheet.append([row.get(header) for header in headers])
    book.save(path)


def check_cells(ws: Workspace, tmp_path: Path, rows: list[dict[str, Any]],
                edits: tuple[set[str], list[str]], skip_invalid: bool) -> None:
    path = tmp_path / "cells.xlsx"
    _workbook(path, rows, edits)
    before = counts(ws, *TABLES)
    try:
        sheet = read_import(path)
        preview_import(ws, sheet, TODAY)
        result = apply_workbook(ws, sheet, skip_invalid=skip_invalid, today=TODAY)
    except Exception as exc:
        profile.assert_refusal(exc)
        assert counts(ws, *TABLES) == before, "a refused import wrote something"
        return
    after = counts(ws, *TABLES)
    profile.note("imported" if result.created or result.updated else "nothing to import")
    assert after["student"] == before["student"] + len(result.created)
    assert check_database(ws).ok


@profile.quick(60)
@given(rows=ROWS, edits=HEADER_EDITS, skip_invalid=st.booleans())
def test_random_cell_values(ws: Workspace, tmp_path: Path, rows: list[dict[str, Any]],
                            edits: tuple[set[str], list[str]], skip_invalid: bool) -> None:
    check_cells(ws, tmp_path, rows, edits, skip_invalid)


@profile.long(1500)
@given(rows=ROWS, edits=HEADER_EDITS, skip_invalid=st.booleans())
def test_random_cell_values_long(ws: Workspace, tmp_path: Path, rows: list[dict[str, Any]],
                                 edits: tuple[set[str], list[str]], skip_invalid: bool) -> None:
    check_cells(ws, tmp_path, rows, edits, skip_invalid)


# --- workbooks made to exhaust memory ------------------------------------------------------


def _with_sheet_xml(change: Any) -> bytes:
    """The seed workbook with its first worksheet's XML passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(samples.workbook_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename.startswith("xl/worksheets/sheet"):
                body = change(body)
            target.writestr(info.filename, body)
    return out.getvalue()


def refused_quickly(ws: Workspace, tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(data)
    started = time.monotonic()
    with pytest.raises(ServiceError) as caught:
        read_import(path)
    assert time.monotonic() - started < 10
    read_and_preview(ws, path)
    return caught.value.code


def test_one_cell_at_the_last_row_and_column(ws: Workspace, tmp_path: Path) -> None:
    """5 KB on disk; calamine would ask for 512 GB for the dense grid and abort."""
    far = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    data = _with_sheet_xml(lambda body: body.replace(b"</sheetData>", far))
    assert len(data) < 20_000
    assert refused_quickly(ws, tmp_path, data) == "import.too_big"


def test_cells_without_references_far_to_the_right(ws: Workspace, tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """Cells without `r` follow each other: 2,000 of them in each of 60 rows (the limit is
    lowered for the test; the rule is the same)."""
    monkeypatch.setattr(xlsx_guard, "MAX_CELLS", 100_000)
    row = b"<row>" + b"<c><v>1</v></c>" * 2_000 + b"</row>"
    data = _with_sheet_xml(lambda body: body.replace(b"</sheetData>", row * 60 + b"</sheetData>"))
    assert refused_quickly(ws, tmp_path, data) == "import.too_big"


def test_shared_strings_zip_bomb(ws: Workspace, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Shared strings that unpack to more than the cap (lowered to 4 MB for the test)."""
    monkeypatch.setattr(xlsx_guard, "MAX_UNPACKED", 4 * 1024 * 1024)
    source = zipfile.ZipFile(io.BytesIO(samples.workbook_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr("xl/sharedStrings.xml", b"<sst>" + b"<si><t>a</t></si>" * 300_000)
    data = out.getvalue()
    assert len(data) < 100_000
    assert refused_quickly(ws, tmp_path, data) == "import.unpacked_too_big"


@pytest.mark.parametrize(("body", "code"), [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), "import.unreadable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + bytes(512),
     "import.password"),
])
def test_ole_files_are_refused(ws: Workspace, tmp_path: Path, body: bytes, code: str) -> None:
    assert refused_quickly(ws, tmp_path, body) == code
