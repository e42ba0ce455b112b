"""Fast multi-row inserts for large batches: one DBAPI executemany per table.

Values go through each column's own SQLAlchemy bind processor (dates, booleans, JSON), so
rows read back exactly as if the ORM had written them, without the per-row statement
machinery that dominates when a whole roster is written at once. Columns without a bind
processor (text, integers: most of a student row) are picked from each dict in C
(`map(row.get, …)`); only the few others are touched in Python.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Boolean, Date, DateTime, Table
from sqlalchemy.orm import Session


def _default(column: Any) -> Any:
    arg = column.default.arg
    return arg(None) if callable(arg) else arg


_REMEMBERED = (Boolean, Date, DateTime)  # few distinct values, each formatted in Python


def _remembering(column: Any, process: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`process`, remembering what it made of each value of a date, time or boolean column
    (a batch repeats the same second and the same days thousands of times)."""
    if not isinstance(column.type, _REMEMBERED):
        return process
    seen: dict[Any, Any] = {}

    def remembered(value: Any) -> Any:
        key = (value.__class__, value)  # True and 1 are equal but may format apart
        found = seen.get(key, _MISS)
        if found is _MISS:
            found = seen[key] = process(value)
        return found

    return remembered


_MISS = object()


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT every dict of `rows` (same keys in each) into `table`, in the session's txn."""
    if not rows:
        return
    conn = session.connection()
    present = set().union(*rows)
    columns = [c for c in table.columns if c.name in present or c.default is not None]
    names = [c.name for c in columns]
    defaults = [(i, c.name, _default(c)) for i, c in enumerate(columns) if c.default is not None]
    processors = [(i, _remembering(c, process)) for i, c in enumerate(columns)
                  if (process := c.type._cached_bind_processor(conn.dialect)) is not None]
    params = []
    for row in rows:
        values = list(map(row.get, names))
        for i, name, default in defaults:
            if name not in row:
                values[i] = default
        for i, convert in processors:
            if values[i] is not None:
                values[i] = convert(values[i])
        params.append(tuple(values))
    marks = ", ".join("?" * len(names))
    sql = f'INSERT INTO {table.name} ({", ".join(names)}) VALUES ({marks})'
    conn.exec_driver_sql(sql, params)
