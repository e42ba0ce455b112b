"""A look at a legacy .xls (Excel 97-2003) before calamine reads it.

Many provinces still hand out the national template as .xls. It is an OLE2 compound file
whose "Workbook" stream is a run of BIFF records; calamine builds each sheet as a dense grid
from its first to its last cell, so the cell records are walked here (row and column of each)
and a sheet whose extent would exhaust memory is refused, as a file with an open password
(a FILEPASS record) is. The stream size is capped like the unpacked parts of an .xlsx.
"""

from __future__ import annotations

import struct
from pathlib import Path

import olefile

from desktop.services.errors import ServiceError

_BOF, _FILEPASS = 0x0809, 0x002F
# Records that address one cell: row (u16) and column (u16) first.
_CELLS = frozenset((0x0006, 0x00FD, 0x0203, 0x027E, 0x0201, 0x0205, 0x0204, 0x00D6))
_MULTI = frozenset((0x00BD, 0x00BE))  # MULRK, MULBLANK: row, first column … last column
_STREAMS = ("Workbook", "Book")


def check_legacy_workbook(path: Path, max_cells: int, max_bytes: int) -> None:
    """ServiceError unless `path` is a readable, unencrypted .xls of bounded sheets."""
    try:
        with olefile.OleFileIO(str(path)) as ole:
            stream = next((s for s in _STREAMS if ole.exists(s)), None)
            if stream is None:
                raise ServiceError("import.unreadable", name=path.name)
            if ole.get_size(stream) > max_bytes:
                raise ServiceError("import.unpacked_too_big", name=path.name,
                                   max_mb=max_bytes // (1024 * 1024))
            data = ole.openstream(stream).read()
    except (OSError, ValueError, struct.error) as exc:
        raise ServiceError("import.unreadable", name=path.name) from exc
    rows, columns, encrypted = biff_extent(data)
    if encrypted:
        raise ServiceError("import.password", name=path.name)
    if rows * columns > max_cells:
        raise ServiceError("import.too_big", name=path.name, rows=rows, columns=columns)


def biff_extent(data: bytes) -> tuple[int, int, bool]:
    """(rows, columns) of the largest sheet a BIFF stream addresses, and whether it is
    encrypted."""
    best = (0, 0)
    rows = columns = 0
    offset, end = 0, len(data) - 4
    while offset <= end:
        kind, length = struct.unpack_from("<HH", data, offset)
        body = offset + 4
        if kind == _FILEPASS:
            return 0, 0, True
        if kind == _BOF:
            rows = columns = 0
        elif kind in _CELLS and length >= 4:
            row, column = struct.unpack_from("<HH", data, body)
            rows, columns = max(rows, row + 1), max(columns, column + 1)
        elif kind in _MULTI and length >= 6:
            row = struct.unpack_from("<H", data, body)[0]
            (last,) = struct.unpack_from("<H", data, body + length - 2)
            rows, columns = max(rows, row + 1), max(columns, last + 1)
        if rows * columns > best[0] * best[1]:
            best = (rows, columns)
        offset = body + length
    return best[0], best[1], False
