"""The package calamine reads: a copy of the parts the workbook guard measured, written
afresh, uncompressed, in memory.

The guard reads a package with Python's zipfile and calamine would read it with Rust's zip
crate; the two can be made to see different archives in one file (a ZIP64 record one of
them trusts, two extra fields on one entry, an end record on another disk). Handing calamine
a copy of exactly the bytes the guard measured leaves no such choice. Each name is written
once, with the part zipfile reads by that name (the last of its duplicates); the copy also
spares calamine the decompression.
"""

from __future__ import annotations

import io
import re
import zipfile

_UNIQUE_COUNT = re.compile(rb"""uniqueCount\s*=\s*["']\s*\+?(\d+)""")
_SMALLEST_STRING = 5  # bytes of `<si/>`: no shared-strings part holds more strings than that


class PackageCopy:
    """Collects measured parts and gives them back as one stored zip."""

    def __init__(self) -> None:
        self._parts: dict[str, bytes] = {}

    def add(self, name: str, blocks: list[bytes]) -> None:
        """One part, as the blocks it unpacked to. Raises ValueError for a shared-strings
        count no part of its size can hold (calamine reserves room for that many at once)."""
        data = b"".join(blocks)
        counts = [_count(digits) for digits in _UNIQUE_COUNT.findall(data)]
        if counts and max(counts) > len(data) // _SMALLEST_STRING + 16:
            raise ValueError("a shared-strings count larger than its part")
        self._parts.pop(name, None)  # a later duplicate replaces it, as zipfile reads it
        self._parts[name] = data

    def package(self) -> io.BytesIO:
        """The copy, ready to read from its start (the parts are let go as they are written)."""
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as copy:
            while self._parts:
                name, data = next(iter(self._parts.items()))
                del self._parts[name]
                copy.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
        buffer.seek(0)
        return buffer


def _count(digits: bytes) -> int:
    return int(digits) if len(digits) <= 18 else 10**18
