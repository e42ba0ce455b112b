"""Fast multi-row inserts for large batches: one DBAPI executemany per table.

Values go through each column's own SQLAlchemy bind processor (dates, booleans, JSON), so
rows read back exactly as if the ORM had written them, without the per-row statement
machinery that dominates when a whole roster is written at once. The parameters are made a
column at a time, in C where possible: each column's values are picked from every row by
`map`, a date, time or boolean column formats each distinct value once (a batch repeats the
same second and the same days thousands of times), and the columns are zipped into rows.

The callers hold Python's cyclic garbage collector off while a batch is read and its rows
are built (desktop.domain.collector).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Table
from sqlalchemy.orm import Session

from desktop.models.engine import EncodedJSON


def _default(column: Any) -> Any:
    arg = column.default.arg
    return arg(None) if callable(arg) else arg


_REMEMBERED = (Boolean, Date, DateTime)  # few distinct values, each formatted once
_ENCODED = {EncodedJSON}


def insert_rows(session: Session, table: Table, rows: Sequence[dict[str, Any]]) -> None:
    """INSERT every dict of `rows` into `table`, in the session's transaction. A column no
    row names is left out unless it has a default; a row without a key that another row has
    stores NULL there, or the column's default."""
    if not rows:
        return
    conn = session.connection()
    named, params = _picked(table, rows)
    taken = {c.name for c in named}
    absent = [c for c in table.columns if c.default is not None and c.name not in taken]
    processors = [(i, column, process) for i, column in enumerate([*named, *absent])
                  if (process := column.type._cached_bind_processor(conn.dialect)) is not None]
    if absent or processors:
        columns: list[Sequence[Any]] = list(zip(*params, strict=True))
        columns += [[_default(column)] * len(rows) for column in absent]
        for i, column, process in processors:
            columns[i] = _processed(columns[i], column, process)
        params = list(zip(*columns, strict=True))
    names = ", ".join(c.name for c in [*named, *absent])
    marks = ", ".join("?" * (len(named) + len(absent)))
    conn.exec_driver_sql(f"INSERT INTO {table.name} ({names}) VALUES ({marks})", params)


def _picked(table: Table, rows: Sequence[dict[str, Any]]) -> tuple[list[Any], list[Any]]:
    """The columns the rows name, and each row's values of them: in one C call per row when
    every row has the first row's keys, all of them columns (the usual batch); else with
    NULL, or the column's default, where a row lacks a key another row has."""
    first = rows[0]
    named = [c for c in table.columns if c.name in first]
    if len(named) == len(first) > 1 and set(map(len, rows)) == {len(first)}:
        try:
            return named, list(map(itemgetter(*(c.name for c in named)), rows))
        except KeyError:
            pass
    present = set().union(*rows)
    named = [c for c in table.columns if c.name in present]
    names = [c.name for c in named]
    defaults = {c.name: _default(c) for c in named if c.default is not None}
    return named, [tuple(row[n] if n in row else defaults.get(n) for n in names)
                   for row in rows]


def _processed(values: Sequence[Any], column: Any, process: Callable[[Any], Any]) -> list[Any]:
    """The column's bind processor applied to every value but None. A date, time or boolean
    column formats each distinct value once; values of different classes are told apart
    (True and 1 are equal but may format apart). JSON text encoded already (`encode_json`: a
    payload kept in two columns) is bound as it is, which is what the processor gives it."""
    kinds = set(map(type, values))
    if kinds == _ENCODED and isinstance(column.type, JSON):
        return list(map(str, values))
    if not isinstance(column.type, _REMEMBERED):
        return [None if value is None else process(value) for value in values]
    kinds.discard(type(None))
    if len(kinds) <= 1:
        made = {value: process(value) for value in set(values) if value is not None}
        made[None] = None
        return list(map(made.__getitem__, values))
    keys = list(zip(map(type, values), values, strict=True))
    by_key = {key: None if key[1] is None else process(key[1]) for key in set(keys)}
    return list(map(by_key.__getitem__, keys))


