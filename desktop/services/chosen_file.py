"""Reading a file the user chose (a photo, a scan, a bundle, a JSON batch): its size and that
it is a regular file are checked before any byte is read, so `/dev/zero`, a FIFO or a
device cannot hang the app or fill its memory, and a file that grows while it is read is cut
off at the limit rather than read to the end."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any

from desktop.services.errors import ServiceError

_CHUNK = 1 << 20


def read_chosen_file(path: Path, max_bytes: int, too_big: str, **params: Any) -> bytes:
    """The bytes of `path`; ServiceError(`too_big`, **params) over `max_bytes`,
    ServiceError("file.not_regular") for anything but a regular file. OSError passes."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ServiceError("file.not_regular", name=path.name)
        if info.st_size > max_bytes:
            raise ServiceError(too_big, **params)
        data = _read_at_most(fd, max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise ServiceError(too_big, **params)
    return data


def _read_at_most(fd: int, limit: int) -> bytes:
    parts, left = [], limit
    while left > 0:
        block = os.read(fd, min(_CHUNK, left))
        if not block:
            break
        parts.append(block)
        left -= len(block)
    return b"".join(parts)
