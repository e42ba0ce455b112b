"""Writing files so a power cut never leaves half of one: write beside, fsync, rename, and make
the rename itself durable by syncing the folder."""

from __future__ import annotations

import os
from pathlib import Path

from desktop.private_files import create_private


def write_atomically(path: Path, data: bytes) -> None:
    """Write to a sibling temp file (readable by this user only), fsync, then rename over
    `path` (all or nothing)."""
    tmp = path.with_name(path.name + ".tmp")
    with os.fdopen(create_private(tmp), "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    """Make a rename inside `folder` durable (a power cut right after keeps the new name)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
