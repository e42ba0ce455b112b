"""Declarative base with a naming convention, shared column types and the time source."""

from __future__ import annotations

import datetime as dt
import time
from typing import ClassVar

from sqlalchemy import MetaData, String, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    __table__: ClassVar[Table]  # every model here is declared on one table (SQLAlchemy says FromClause)


def uuid_pk() -> Mapped[str]:
    return mapped_column(String(36), primary_key=True)


def utc_now() -> dt.datetime:
    """Naive UTC, second precision: what SQLite stores and gives back unchanged. The value of
    the current second is made once (a batch asks for it for every row it writes)."""
    second = int(time.time())
    made, value = _NOW[0]
    if made != second:
        value = dt.datetime.fromtimestamp(second, dt.UTC).replace(tzinfo=None)
        _NOW[0] = (second, value)
    return value


_NOW = [(0, dt.datetime(1970, 1, 1))]  # [(POSIX second, its naive UTC datetime)], swapped whole
