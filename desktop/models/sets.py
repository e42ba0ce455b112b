"""A column compared with many values in one statement: the values travel as one JSON array
parameter read by SQLite's json_each, instead of a statement per 500 bound values (SQLite's
limit on parameters) each compiled anew."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
from sqlalchemy import ColumnElement, func, literal_column, select


def among(column: Any, values: Iterable[str]) -> ColumnElement[bool]:
    """`column IN (values)` for text values, as one parameter however many there are."""
    each = func.json_each(orjson.dumps(sorted(set(values))).decode()).table_valued("value")
    condition: ColumnElement[bool] = column.in_(select(each.c.value))
    return condition


def rowid(table: str) -> Any:
    """The rowid of `table`: the order rows come back in by an index on equal values."""
    return literal_column(f"{table}.rowid")
