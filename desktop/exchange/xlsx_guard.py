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
would skip the one calamine reads. A part whose cell tags are all of the plain form every
writer uses is measured by one search per block (desktop.exchange.ref_bounds); any other is
read as XML, so that a tag is what calamine's reader takes it to be, and its cells placed as
calamine places them or further (desktop.exchange.cell_walk). The zip frame must be the one
Python's zipfile and calamine's zip crate both see (desktop.exchange.zip_frame), and calamine
is then given a copy of exactly the parts measured (desktop.exchange.package_copy), so that
no container trick leaves it another archive to read. `load_sheet` then checks calamine's
own view of a loaded sheet, and the cells all sheets load, before a grid is made.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from python_calamine import CalamineError, CalamineSheet, CalamineWorkbook

from desktop.exchange.cell_walk import MAX_TAG, careful_extent
from desktop.exchange.package_copy import PackageCopy
from desktop.exchange.ref_bounds import plain_extent
from desktop.exchange.xls_guard import check_legacy_workbook
from desktop.exchange.zip_frame import plain_frame
from desktop.services.errors import ServiceError

MAX_CELLS = 3_000_000  # rows × columns of one sheet's extent (10,000 × 71 is 710,000)
MAX_UNPACKED = 256 * 1024 * 1024  # worksheets and shared strings together
MAX_LOADED = 2 * MAX_CELLS  # cells of all the sheets one reading loads
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED = "EncryptedPackage".encode("utf-16-le")
_UTF16 = (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")  # BOMs, or '<' as UTF-16
_T = TypeVar("_T")
_CHUNK = 1 << 20
_BAD_ZIP = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError,
            ValueError, OSError)


def check_workbook(path: Path) -> io.BytesIO | None:
    """ServiceError unless `path` is an .xlsx whose sheets calamine can hold in memory; the
    copy of its parts calamine is to read (desktop.exchange.package_copy), or None for a
    legacy .xls, which calamine reads from `path`."""
    try:
        with path.open("rb") as handle:
            head = handle.read(len(_OLE2))
    except OSError as exc:
        raise ServiceError("import.unreadable", name=path.name) from exc
    if head == _OLE2:
        if _encrypted(path):
            raise ServiceError("import.password", name=path.name)
        check_legacy_workbook(path, MAX_CELLS, MAX_UNPACKED)  # a legacy .xls
        return None
    try:
        with path.open("rb") as handle, zipfile.ZipFile(handle) as archive:
            if not plain_frame(handle, len(archive.infolist())):
                raise ValueError("a package framed for one zip reader and not the other")
            return _check_parts(archive, path.name)
    except _BAD_ZIP as exc:
        raise ServiceError("import.unreadable", name=path.name) from exc


def _encrypted(path: Path) -> bool:
    """An OLE2 file holding an encrypted OOXML package (a workbook with an open password)."""
    with path.open("rb") as handle:
        return _ENCRYPTED in handle.read(64 * 1024 * 1024)


def _check_parts(archive: zipfile.ZipFile, name: str) -> io.BytesIO:
    if "xl/workbook.xml" not in set(archive.namelist()):
        raise ServiceError("import.unreadable", name=name)
    budget, copy = MAX_UNPACKED, PackageCopy()
    for info in archive.infolist():  # every entry: a relationship can name any, "dir/" too
        budget = _check_part(archive, info, budget, name, copy)
    return copy.package()


def _check_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int, name: str,
                copy: PackageCopy) -> int:
    """Measure one part and keep it for the copy; returns the unpacking budget left."""
    blocks: list[bytes] = []
    (rows, columns), used = measure_part(archive, info, budget, blocks)
    if used > budget:
        raise ServiceError("import.unpacked_too_big", name=name,
                           max_mb=MAX_UNPACKED // (1024 * 1024))
    if rows * columns > MAX_CELLS:
        raise ServiceError("import.too_big", name=name, rows=rows, columns=columns)
    copy.add(info.filename, blocks)
    return budget - used


def measure_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int = MAX_UNPACKED,
                 blocks: list[bytes] | None = None) -> tuple[tuple[int, int], int]:
    """((rows, columns) the cells of one part address, at least as far as calamine would
    place them; the bytes it unpacks to, one more than `budget` when that is spent). The
    blocks it unpacked to are added to `blocks`."""
    kept = [] if blocks is None else blocks
    quick = _Quick()

    def feed(block: bytes) -> None:
        kept.append(block)
        quick.feed(block)

    used = _stream(archive, info, budget, feed)
    if used > budget:
        return (0, 0), used
    extent = quick.finish()
    if extent is None:  # a cell tag of another shape: read the part as XML
        extent = careful_extent(partial(_replay, kept), MAX_CELLS)
    return extent, used


def _replay(blocks: list[bytes], feed: Callable[[bytes], None]) -> None:
    for block in blocks:
        feed(block)


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


class _Quick:
    """The last row and column a part's cells address, while every cell tag is of the plain
    form (desktop.exchange.ref_bounds); None from `finish` once one is not."""

    def __init__(self) -> None:
        self.extent: tuple[int, int] | None = (0, 0)
        self._tail = b""
        self._last = b""  # the byte before the block: a ":" there and a "c" in it are ":c"

    def feed(self, block: bytes) -> None:
        if self.extent is None:
            return  # the careful pass reads this part
        if block[:1] == b"c" and self._last == b":":
            self.extent = None
            return
        self._last = block[-1:]
        data = self._tail + block
        cut = data.rfind(b"<")
        if cut == -1 or data.find(b">", cut) != -1:
            cut = len(data)
        self._tail = data[cut:]
        if len(self._tail) > MAX_TAG:
            raise ValueError("an XML tag longer than a megabyte")
        self._scan(data[:cut])

    def finish(self) -> tuple[int, int] | None:
        self._scan(self._tail)
        self._tail = b""
        return self.extent

    def _scan(self, data: bytes) -> None:
        if self.extent is None:
            return
        if b":c" in data:  # tags such as <x:c>: only the careful pass reads them
            self.extent = None
            return
        self.extent = plain_extent(data, *self.extent)


class CellBudget:
    """The cells one reading of a workbook may load across its sheets: a workbook can list
    a thousand sheets that all point at one large part, each loaded anew."""

    def __init__(self) -> None:
        self.left = MAX_LOADED

    def spend(self, rows: int, columns: int, name: str) -> None:
        self.left -= rows * columns
        if self.left < 0:
            raise ServiceError("import.too_big", name=name, rows=rows, columns=columns)


def load_sheet(book: CalamineWorkbook, sheet: str, name: str,
               budget: CellBudget | None = None) -> CalamineSheet:
    """One sheet of `book`, refused when calamine's own view of its size is larger than the
    guard allows (or than what `budget` has left): checked after calamine has placed the
    cells (a range, not yet a grid) and before the sheet becomes a grid of Python objects."""
    loaded = _calamine(lambda: book.get_sheet_by_name(sheet), name)
    rows, columns = loaded.total_height + 1, loaded.total_width + 1
    if rows * columns > MAX_CELLS:
        raise ServiceError("import.too_big", name=name, rows=rows, columns=columns)
    (budget or CellBudget()).spend(rows, columns, name)
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
