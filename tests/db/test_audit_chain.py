"""The audit hash chain: check_database passes on an untouched database; changing, deleting
or reordering an audit row with raw SQL is found at the first row that no longer verifies."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.models.engine import connect_raw
from desktop.services.context import Workspace
from desktop.services.safekeeping.integrity import check_database
from desktop.services.students.add import add_students
from tests.factories import valid_row


@pytest.fixture
def filled(ws: Workspace, today: dt.date) -> Workspace:
    """Audit rows 1-2 (account, school), 3-4 (first batch), 5 (second batch)."""
    add_students(ws, [valid_row(name="王小明", seq=11), valid_row(name="李小红", seq=12)],
                 today=today)
    add_students(ws, [valid_row(name="张小刚", seq=13)], today=today)
    return ws


def raw_sql(ws: Workspace, *statements: str) -> None:
    """Change the file behind the application's back (foreign keys off, as a tamperer would)."""
    conn = connect_raw(Path(ws.store.path), ws.store.key)
    try:
        conn.execute("PRAGMA foreign_keys = OFF")
        for statement in statements:
            conn.execute(statement)
    finally:
        conn.close()


def test_untouched_database_passes(filled: Workspace) -> None:
    report = check_database(filled)
    assert report.ok
    assert report.audit_break_at is None
    assert report.audit_rows == 5
    assert report.storage == []


def test_changed_after_value_is_found(filled: Workspace) -> None:
    raw_sql(filled, """UPDATE audit_log SET after = '{"code":"4406040002"}' WHERE seq = 2""")
    report = check_database(filled)
    assert report.audit_break_at == 2
    assert not report.ok


def test_changed_student_payload_is_found(filled: Workspace) -> None:
    raw_sql(filled, "UPDATE audit_log SET after = json_set(after, '$.name', '王大明') WHERE seq = 4")
    assert check_database(filled).audit_break_at == 4


def test_changed_actor_of_last_row_is_found(filled: Workspace) -> None:
    raw_sql(filled, "UPDATE audit_log SET actor = 'someone-else' WHERE seq = 5")
    assert check_database(filled).audit_break_at == 5


def test_rehashed_row_still_breaks_the_next_link(filled: Workspace) -> None:
    raw_sql(filled, "UPDATE audit_log SET hash = '" + "a" * 64 + "' WHERE seq = 3")
    assert check_database(filled).audit_break_at == 3


def test_deleted_middle_row_is_found(filled: Workspace) -> None:
    raw_sql(filled, "DELETE FROM audit_log WHERE seq = 2")
    report = check_database(filled)
    assert report.audit_break_at == 3
    assert not report.ok


def test_deleted_row_with_outbox_entry_is_found_twice(filled: Workspace) -> None:
    raw_sql(filled, "DELETE FROM audit_log WHERE seq = 4")
    report = check_database(filled)
    assert report.audit_break_at == 5
    assert len(report.outbox_without_audit) == 1


def test_swapped_rows_are_found(filled: Workspace) -> None:
    raw_sql(filled,
            "UPDATE audit_log SET seq = -3 WHERE seq = 3",
            "UPDATE audit_log SET seq = 3 WHERE seq = 4",
            "UPDATE audit_log SET seq = 4 WHERE seq = -3")
    assert check_database(filled).audit_break_at == 3


def test_student_without_entry_event_is_found(filled: Workspace) -> None:
    raw_sql(filled, "DELETE FROM status_change WHERE seq = 1 AND rowid = (SELECT min(rowid) FROM "
                    "status_change)")
    report = check_database(filled)
    assert len(report.students_without_event) == 1
    assert not report.ok


def test_status_that_is_not_the_result_of_the_events_is_reported(ws):
    from desktop.models.student import Student
    from desktop.services.safekeeping.integrity import check_database
    from desktop.services.students.add import add_students
    from tests.factories import valid_row

    add_students(ws, [valid_row(name="王小明", seq=11)])
    assert check_database(ws).status_not_from_events == []
    with ws.store.writing() as session:  # a status edited behind the event log's back
        session.query(Student).update({Student.status: "SUSPENDED"})
    report = check_database(ws)
    assert len(report.status_not_from_events) == 1 and not report.ok
