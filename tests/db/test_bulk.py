"""Bulk inserts (desktop.models.bulk) store what the ORM stores: dates, times and booleans go
through each column's own bind processor, remembered per value within a batch, so True and
1, a date and a datetime of the same day, and repeated values read back as the ORM's rows."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, text

from desktop.domain.ids import new_id
from desktop.models.bulk import insert_rows
from desktop.models.history import StudentNumberHistory
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from tests.factories import valid_row

_SECOND = dt.datetime(2026, 12, 7, 8, 30, 5)
_VALUES = [(True, _SECOND), (1, _SECOND), (False, dt.datetime(2026, 12, 7)), (0, _SECOND),
           (True, dt.datetime(2026, 12, 7, 8, 30, 5, 250)), (False, _SECOND)]


def _rows(student_id: str, tag: str) -> list[dict[str, object]]:
    return [{"id": new_id(), "student_id": student_id, "number": f"{tag}{i}", "kind": "G",
             "provisional": flag, "source": "local", "reason": "测试", "recorded_at": at}
            for i, (flag, at) in enumerate(_VALUES)]


def test_bulk_rows_are_stored_as_the_orm_stores_them(ws: Workspace) -> None:
    add_students(ws, [valid_row(name="王小明", seq=11)])
    with ws.store.writing() as session:
        student_id = session.scalars(select(Student.id)).one()
        insert_rows(session, StudentNumberHistory.__table__, _rows(student_id, "B"))
        session.add_all(StudentNumberHistory(**row) for row in _rows(student_id, "O"))
    with ws.store.reading() as session:
        stored = session.execute(text(
            "SELECT number, provisional, recorded_at FROM student_number_history"
            " WHERE source = 'local' AND reason = '测试' ORDER BY number")).all()
    bulk = [(n[1:], p, at) for n, p, at in stored if n.startswith("B")]
    orm = [(n[1:], p, at) for n, p, at in stored if n.startswith("O")]
    assert len(bulk) == len(_VALUES) and bulk == orm
    assert [p for _n, p, _at in bulk] == [1, 1, 0, 0, 1, 0]


def _uneven_rows(student_id: str, tag: str) -> list[dict[str, object]]:
    """Rows whose keys differ: one lacks a column with a default (provisional), one a column
    without (reason), one has a key no column has; no row names recorded_at (a default)."""
    rows: list[dict[str, object]] = [
        {"id": new_id(), "student_id": student_id, "number": f"{tag}0", "kind": "G",
         "provisional": False, "source": "local", "reason": "测试"},
        {"id": new_id(), "student_id": student_id, "number": f"{tag}1", "kind": "L",
         "source": "local", "reason": "测试"},
        {"id": new_id(), "student_id": student_id, "number": f"{tag}2", "kind": "J",
         "provisional": 0, "source": "local"},
    ]
    return rows


def test_rows_with_different_keys_are_stored_as_the_orm_stores_them(ws: Workspace) -> None:
    add_students(ws, [valid_row(name="王小明", seq=11)])
    with ws.store.writing() as session:
        student_id = session.scalars(select(Student.id)).one()
        insert_rows(session, StudentNumberHistory.__table__,
                    [*_uneven_rows(student_id, "B"), {**_uneven_rows(student_id, "B")[0],
                                                      "number": "B3", "not_a_column": 1}])
        session.add_all(StudentNumberHistory(**row) for row in _uneven_rows(student_id, "O"))
        session.add(StudentNumberHistory(**_uneven_rows(student_id, "O")[0] | {"number": "O3"}))
    with ws.store.reading() as session:
        stored = session.execute(text(
            "SELECT number, kind, provisional, reason, recorded_at IS NOT NULL"
            " FROM student_number_history WHERE source = 'local' AND kind != 'X'"
            " AND number NOT LIKE 'G%' ORDER BY number")).all()
    bulk = [(n[1:], *rest) for n, *rest in stored if n.startswith("B")]
    orm = [(n[1:], *rest) for n, *rest in stored if n.startswith("O")]
    assert bulk == orm
    assert bulk == [("0", "G", 0, "测试", 1), ("1", "L", 1, "测试", 1), ("2", "J", 0, None, 1),
                    ("3", "G", 0, "测试", 1)]
