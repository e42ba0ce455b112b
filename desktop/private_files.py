"""Files only their owner may read: the database, its key slots (`.keys`), the failed-login
counts (`.logins`), backups and the error log are created 0600, the folders made for them
0700, and a file an older version left readable by others is tightened when it is next
opened. The key slots hold the data key wrapped by each password: a copy lets anyone with a
graphics card guess passwords offline, so "other local users" must not read them.

On Windows the user's profile already keeps them private (chmod only sets read-only there),
so these calls do nothing.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

FILE_MODE = 0o600
FOLDER_MODE = 0o700
POSIX = os.name == "posix"


def tighten(path: Path) -> None:
    """Take group and other access away from `path` if it has any (missing: nothing)."""
    if not POSIX:
        return
    with contextlib.suppress(FileNotFoundError, PermissionError):
        mode = path.stat().st_mode & 0o777
        if mode & 0o077:
            os.chmod(path, mode & 0o700)


def tighten_database(db_path: Path) -> None:
    """The database and the files SQLite and the desk keep beside it."""
    for suffix in ("", "-wal", "-shm", ".keys", ".logins"):
        tighten(db_path.with_name(db_path.name + suffix))


def private_folder(path: Path) -> None:
    """Create `path` (and its parents) for the program's own files, owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=FOLDER_MODE)
    tighten(path)


def create_private(path: Path, flags: int = os.O_WRONLY | os.O_CREAT | os.O_TRUNC) -> int:
    """A file descriptor for `path`, created 0600 (an existing file is tightened)."""
    fd = os.open(path, flags, FILE_MODE)
    if POSIX:
        with contextlib.suppress(PermissionError):
            os.fchmod(fd, os.fstat(fd).st_mode & 0o700)
    return fd
