"""The frame of a workbook package, checked before Python's zipfile is trusted with it.

The guard reads a package with Python's zipfile and calamine with Rust's zip crate. They
agree on what the package holds only when its frame leaves no choice: the file starts with
an entry, ends with the one end-of-central-directory record there is (no second archive
hidden behind a comment, no record naming another disk, which one reader skips and the
other falls back from), and that record lists exactly the entries zipfile lists, right
after the central directory it points at.
"""

from __future__ import annotations

import struct
from typing import BinaryIO

_ENTRY = b"PK\x03\x04"
_END = b"PK\x05\x06"
_END_SIZE = 22
_SEARCH = 0xFFFF + _END_SIZE  # a record's comment is at most 65,535 bytes
_END_FIELDS = struct.Struct("<HHHHIIH")  # disk, directory's disk, entries here, in all,
# directory size, directory offset, comment length


def plain_frame(handle: BinaryIO, listed: int) -> bool:
    """Whether the package open in `handle` (of whose entries zipfile lists `listed`) has the
    one frame both readers see alike."""
    handle.seek(0)
    if handle.read(len(_ENTRY)) != _ENTRY:
        return False
    size = handle.seek(0, 2)
    start = max(0, size - _SEARCH)
    handle.seek(start)
    tail = handle.read()
    at = tail.find(_END)
    if at == -1 or tail.find(_END, at + 1) != -1 or len(tail) - at < _END_SIZE:
        return False
    disk, directory_disk, here, total, length, offset, comment = _END_FIELDS.unpack_from(
        tail, at + len(_END))
    return (at + _END_SIZE + comment == len(tail) and disk == directory_disk == 0
            and here == total == listed and offset + length == start + at)
