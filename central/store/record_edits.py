"""Server-side edits of a student record that no desk change carries (a bureau decision,
a transfer, an accepted guardian request): a new version and its history row."""

from __future__ import annotations

from typing import Any, NamedTuple

from sqlalchemy import Connection

from central.store.db import student_history, students


class Place(NamedTuple):
    """Where a version of a record lives: its school and its id."""

    school_id: str
    record_id: str


def bump(conn: Connection, now: int, row: Any, values: dict[str, Any], *, op: str,
         fields: list[str], payload: dict[str, Any], actor: str = "") -> int:
    """Write `values` into the record (same school), one version up; returns the version."""
    version: int = row.version + 1
    conn.execute(students.update().where(students.c.school_id == row.school_id,
                                         students.c.record_id == row.record_id)
                 .values(**values, version=version, updated_at=now))
    add_history(conn, now, Place(row.school_id, row.record_id), version, op=op, fields=fields,
                payload=payload, actor=actor)
    return version


def add_history(conn: Connection, now: int, place: Place, version: int, *, op: str,
                fields: list[str], payload: dict[str, Any], actor: str = "") -> None:
    conn.execute(student_history.insert().values(
        record_id=place.record_id, version=version, school_id=place.school_id, device_id=None,
        change_id=None, op=op, fields=sorted(fields), payload=payload, actor=actor[:36], at=now))
