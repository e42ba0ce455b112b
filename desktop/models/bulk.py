"""Fast multi-row inserts for large batches: one DBAPI executemany per table.

Values go through each column's own SQLAlchemy bind processor (dates, booleans, JSON), so
rows read back exactly as if the ORM had written them, without the per-row statement
machinery that dominates when a whole roster is written at once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.orm import Session


def _processors(table: Table, dialect: Any, columns: Sequence[str]) -> list[Callable | None]:
    return [table.c[name].type._cached_bind_processor(dialect) for name in columns]


def _default(column: Any) -> Any:
    arg = column.default.arg
    return arg(None) if callable(arg) else arg


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT every dict of `rows` (same keys in each) into `table`, in the session's txn."""
    if not rows:
        return
    conn = session.connection()
    present = set().union(*rows)
    columns = [c.name for c in table.columns if c.name in present or c.default is not None]
    defaults = {c.name: _default(c) for c in table.columns if c.default is not None}
    processors = _processors(table, conn.dialect, columns)
    params = []
    for row in rows:
        values = []
        for name, process in zip(columns, processors, strict=True):
            value = row.get(name, defaults.get(name))
            values.append(process(value) if process and value is not None else value)
        params.append(values)
    marks = ", ".join("?" * len(columns))
    sql = f'INSERT INTO {table.name} ({", ".join(columns)}) VALUES ({marks})'
    conn.exec_driver_sql(sql, [tuple(p) for p in params])
