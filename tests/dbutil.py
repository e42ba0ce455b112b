"""Small helpers for tests that look at real database files: row counts, file digests."""

from __future__ import annotations

import hashlib
from pathlib import Path

from sqlalchemy import text

from desktop.services.context import Workspace


def count(ws: Workspace, table: str) -> int:
    """Rows of `table` as the open workspace sees them."""
    with ws.store.reading() as session:
        return int(session.execute(text(f"SELECT count(*) FROM {table}")).scalar_one())


def counts(ws: Workspace, *tables: str) -> dict[str, int]:
    return {table: count(ws, table) for table in tables}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_beside(path: Path) -> list[Path]:
    """The database file and every file named after it (-wal, -shm, .keys, backups …)."""
    return sorted(p for p in path.parent.iterdir() if p.name.startswith(path.name))
