"""A look at an import file before calamine reads it, so a hostile workbook is refused in
Chinese instead of exhausting memory or aborting the process.

calamine builds each sheet as a dense grid from its first to its last cell: one cell written
at XFD1048576 in a 5 KB file asks for half a terabyte and aborts the process; a sheet or a
shared-strings part that unpacks to gigabytes (a zip bomb) fills memory. So .xlsx/.xlsm zips
are read with the unpacked size capped, and a legacy .xls (how many provinces still hand out
the template) has its cell records walked first (desktop.exchange.xls_guard); an .ods is not
the national template.

Every part of the package is measured, whatever its name: the workbook's relationships may
point a worksheet at any part (`xl/a.bin`, `/data`), so a guard that picked parts by name
would skip the one calamine reads. A cell reference is read as calamine reads it: either
quote, spaces around `=`, lower-case letters. `bounded_sheet` then checks calamine's own view
of a loaded sheet before it is turned into a grid.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook

from desktop.exchange.ref_bounds import column_number, plain_extent
from desktop.exchange.xls_guard import check_legacy_workbook
from desktop.services.errors import ServiceError

MAX_CELLS = 3_000_000  # rows × columns of one sheet's extent (10,000 × 71 is 710,000)
MAX_UNPACKED = 256 * 1024 * 1024  # worksheets and shared strings together
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_CELL_TAG = re.compile(rb"<(?:\w+:)?c[\s/>]")
_CELL_REF = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]+\d+)["']""")
_LETTERS, _DIGITS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"0123456789"
_ROW_TAG = re.compile(rb"<(?:\w+:)?(row|c)[\s/>][^>]*>")
_REF = re.compile(rb"""\sr\s*=\s*["']([A-Za-z]*)(\d+)["']""")
_MAX_TAG = 1 << 20
_UTF16 = (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")  # BOMs, or '<' as UTF-16
_T = TypeVar("_T")
_CHUNK = 1 << 20
_BAD_ZIP = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
            ValueError, OSError)


def check_workbook(path: Path) -> None:
    """ServiceError unless `path` is an .xlsx whose sheets calamine can hold in memory."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_OLE2))
    except OSError as exc:
        raise ServiceError("import.unreadable", name=path.name) from exc
    if head == _OLE2:
        if _encrypted(path):
            raise ServiceError("import.password", name=path.name)
        check_legacy_workbook(path, MAX_CELLS, MAX_UNPACKED)  # a legacy .xls
        return
    try:
        with zipfile.ZipFile(path) as archive:
            _check_parts(archive, path.name)
    except _BAD_ZIP as exc:
        raise ServiceError("import.unreadable", name=path.name) from exc


def _encrypted(path: Path) -> bool:
    """An OLE2 file holding an encrypted OOXML package (a workbook with an open password)."""
    with path.open("rb") as handle:
        return _ENCRYPTED in handle.read(64 * 1024 * 1024)


def _check_parts(archive: zipfile.ZipFile, name: str) -> None:
    if "xl/workbook.xml" not in set(archive.namelist()):
        raise ServiceError("import.unreadable", name=name)
    budget = MAX_UNPACKED
    for info in archive.infolist():  # every part: a relationship can name any of them
        if not info.is_dir():
            budget = _check_part(archive, info, budget, name)


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, name: str) -> int:
    """Measure one XML part; returns the unpacking budget left."""
    extent = _Extent(sequential=False)
    budget -= _stream(archive, info, budget, extent.feed)
    if budget < 0:
        raise ServiceError("import.unpacked_too_big", name=name,
                           max_mb=MAX_UNPACKED // (1024 * 1024))
    extent.finish()
    if extent.refless:  # cells placed after the one before: walk them in order
        extent = _Extent(sequential=True)
        _stream(archive, info, MAX_UNPACKED, extent.feed)
        extent.finish()
    if extent.rows * extent.columns > MAX_CELLS:
        raise ServiceError("import.too_big", name=name, rows=extent.rows, columns=extent.columns)
    return budget


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int,
            feed: Callable[[bytes], None]) -> int:
    """Unpack one part block by block into `feed`; returns the bytes read, stopping (with
    one byte over) once `budget` is spent."""
    used = 0
    with archive.open(info) as part:
        while block := part.read(_CHUNK):
            if not used and block.startswith(_UTF16):  # cells the byte scan cannot see
                raise ValueError("a UTF-16 part")
            used += len(block)
            if used > budget:
                return budget + 1
            feed(block)
    return used


class _Extent:
    """The last row and column a worksheet's cells address. The quick pass reads the `r`
    attributes of the cells; when some cell has none, the sequential pass walks rows and
    cells in order, each without `r` following the one before (as calamine places it)."""

    def __init__(self, *, sequential: bool) -> None:
        self.sequential = sequential
        self.rows = self.columns = 0
        self.refless = False
        self._row = self._column = 0
        self._tail = b""

    def feed(self, block: bytes) -> None:
        data = self._tail + block
        cut = data.rfind(b"<")
        if cut == -1 or data.find(b">", cut) != -1:
            cut = len(data)
        self._tail = data[cut:]
        if len(self._tail) > _MAX_TAG:
            raise ValueError("an XML tag longer than a megabyte")
        self._scan(data[:cut])

    def finish(self) -> None:
        self._scan(self._tail)
        self._tail = b""

    def _scan(self, data: bytes) -> None:
        if self.sequential:
            self._walk(data)
            return
        prefixed = b":c" in data  # tags such as <x:c>: only the exact count reads them
        quick = None if prefixed else plain_extent(data, self.rows, self.columns)
        if quick is not None:
            self.rows, self.columns = quick
            return
        cells = len(_CELL_TAG.findall(data)) if prefixed else _cell_tags(data)
        refs = _CELL_REF.findall(data)
        if cells != len(refs):
            self.refless = True
        if refs:  # C-level passes only: a 10,000-row sheet has 710,000 refs
            joined = b" ".join(refs).upper()
            self.rows = max(self.rows, *map(int, joined.translate(None, _LETTERS).split()))
            letters = set(joined.translate(None, _DIGITS).split())
            self.columns = max(self.columns, *map(column_number, letters))

    def _walk(self, data: bytes) -> None:
        for match in _ROW_TAG.finditer(data):
            ref = _REF.search(match.group(0))
            if match.group(1) == b"row":
                self._row, self._column = (int(ref.group(2)) if ref else self._row + 1), 0
            elif ref and ref.group(1):
                self._row = max(self._row, int(ref.group(2)))
                self._column = column_number(ref.group(1).upper())
            else:
                self._column += 1
            self.rows = max(self.rows, self._row)
            self.columns = max(self.columns, self._column)


def _cell_tags(data: bytes) -> int:
    """How many unprefixed cell tags `data` holds (<c followed by a space, >, / or a line
    break)."""
    spaced = data.count(b"<c ")
    if data.count(b"<c") == spaced:  # every "<c" is "<c ": the other endings are absent
        return spaced
    return sum(data.count(b"<c" + end) for end in (b" ", b">", b"/", b"\t", b"\n", b"\r"))


def load_sheet(book: CalamineWorkbook, sheet: str, name: str) -> CalamineSheet:
    """One sheet of `book`, refused when calamine's own view of its size is larger than the
    guard allows: checked after calamine has placed the cells (a range, not yet a grid) and
    before the sheet becomes a grid of Python objects."""
    loaded = _calamine(lambda: book.get_sheet_by_name(sheet), name)
    rows, columns = loaded.total_height + 1, loaded.total_width + 1
    if rows * columns > MAX_CELLS:
        raise ServiceError("import.too_big", name=name, rows=rows, columns=columns)
    return loaded


def sheet_grid(sheet: CalamineSheet, name: str, nrows: int | None = None) -> list[list[Any]]:
    """The cells of a sheet from `load_sheet`, empty area included."""
    if nrows is None:
        return _calamine(lambda: sheet.to_python(skip_empty_area=False), name)
    return _calamine(lambda: sheet.to_python(skip_empty_area=False, nrows=nrows), name)


def _calamine(call: Callable[[], _T], name: str) -> _T:
    """`call()`, with calamine's errors and its Rust panics (a BaseException named
    PanicException that cannot be imported) turned into a refusal."""
    try:
        return call()
    except CalamineError as exc:
        raise ServiceError("import.unreadable", name=name) from exc
    except BaseException as exc:
        if type(exc).__name__ != "PanicException":
            raise
        raise ServiceError("import.unreadable", name=name) from exc
