"""Raw sqlcipher3 floors: rows our services wrote, inserted again by the bare driver.

`copy_rows` reads the schema and the rows of chosen tables from an encrypted register;
`insert_raw` writes them into a new file with the same schema, indexes and pragmas in one
transaction, timed: what the same bytes cost SQLCipher without any of our layers.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

from benchmarks.common import Clock
from desktop.models.engine import connect_raw


def copy_rows(path: Path, key: bytes, *, tables: tuple[str, ...] | None = None,
              min_rows: int = 1) -> tuple[list[str], dict[str, list[tuple[Any, ...]]]]:
    """(the schema's statements, {table: rows}) of `tables` (None: every table holding at
    least `min_rows` rows)."""
    src = sqlcipher.connect(str(path))
    try:
        src.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        schema = [row[0] for row in src.execute(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND type IN ('table', 'index')")]
        names = tables or tuple(row[0] for row in src.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'"))
        data = {name: src.execute(f'SELECT * FROM "{name}"').fetchall() for name in names}
    finally:
        src.close()
    return schema, {name: rows for name, rows in data.items() if len(rows) >= min_rows}


def insert_raw(path: Path, schema: list[str], data: dict[str, list[tuple[Any, ...]]],
               ) -> tuple[Clock, sqlcipher.Connection]:
    """The rows inserted into a new file at `path` (executemany per table, one commit), timed;
    the open connection is returned for queries on the copy."""
    conn = connect_raw(path, secrets.token_bytes(32), create=True)  # the app's pragmas
    conn.execute("PRAGMA foreign_keys = OFF")  # the copy may leave out referenced tables
    for statement in schema:
        conn.execute(statement)
    with Clock() as clock:
        conn.execute("BEGIN")
        for name, rows in data.items():
            marks = ",".join("?" * len(rows[0]))
            conn.executemany(f'INSERT INTO "{name}" VALUES ({marks})', rows)
        conn.execute("COMMIT")
    return clock, conn
