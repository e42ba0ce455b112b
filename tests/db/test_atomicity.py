"""All or nothing: a batch with one invalid record, or a failure in the middle of writing it,
leaves no student, family, history, audit or outbox row behind; a successful batch has one
audit row per outbox row with the same payload, and device_seq counts 1..N without gaps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import select

from desktop.models.audit import AuditEntry
from desktop.models.outbox import OutboxEntry
from desktop.services import journal
from desktop.services.context import Workspace
from desktop.services.errors import RecordsRejected
from desktop.services.safekeeping.integrity import check_database
from desktop.services.students import add as student_write
from desktop.services.students.add import add_students
from tests.dbutil import counts
from tests.factories import valid_row

TABLES = ("student", "family_member", "student_number_history", "status_change",
          "school_class", "grade", "audit_log", "outbox")


def three_rows() -> list[dict[str, str]]:
    return [valid_row(name="王小明", seq=11), valid_row(name="李小红", seq=12),
            valid_row(name="张小刚", seq=13, class_name="初一3班")]


class Injected(RuntimeError):
    """The failure a test injects into a write."""


def failing_after(calls: int, real: Callable[..., None]) -> Callable[..., None]:
    """insert_rows that does its first `calls` inserts, then fails."""
    done = {"n": 0}

    def insert(session: Any, table: Any, rows: Any) -> None:
        if done["n"] >= calls:
            raise Injected(table.name)
        done["n"] += 1
        real(session, table, rows)

    return insert


def test_one_invalid_record_rejects_the_whole_batch(ws: Workspace, today: dt.date) -> None:
    before = counts(ws, *TABLES)
    rows = three_rows()
    rows[1]["身份证件号"] = rows[1]["身份证件号"][:17] + "0"
    with pytest.raises(RecordsRejected) as caught:
        add_students(ws, rows, today=today)
    assert set(caught.value.problems) == {1}
    assert [e.code for e in caught.value.problems[1]] == ["id.checksum"]
    assert counts(ws, *TABLES) == before
    assert before["student"] == 0 and before["outbox"] == 0


def test_failure_after_the_student_rows_leaves_nothing(ws: Workspace, today: dt.date,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    before = counts(ws, *TABLES)
    monkeypatch.setattr(student_write, "insert_rows",
                        failing_after(1, student_write.insert_rows))
    with pytest.raises(Injected, match="family_member"):
        add_students(ws, three_rows(), today=today)
    assert counts(ws, *TABLES) == before


def test_failure_between_audit_and_outbox_leaves_nothing(ws: Workspace, today: dt.date,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    before = counts(ws, *TABLES)
    monkeypatch.setattr(journal, "insert_rows", failing_after(1, journal.insert_rows))
    with pytest.raises(Injected, match="outbox"):
        add_students(ws, three_rows(), today=today)
    assert counts(ws, *TABLES) == before


def test_database_is_usable_after_a_failed_write(ws: Workspace, today: dt.date,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(journal, "insert_rows", failing_after(1, journal.insert_rows))
        with pytest.raises(Injected):
            add_students(ws, three_rows(), today=today)
    add_students(ws, three_rows(), today=today)
    with ws.store.reading() as session:
        assert list(session.scalars(select(OutboxEntry.device_seq))) == [1, 2, 3]
    assert check_database(ws).ok


def test_every_outbox_row_has_its_audit_row(ws: Workspace, today: dt.date) -> None:
    result = add_students(ws, three_rows(), today=today)
    with ws.store.reading() as session:
        outbox = list(session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq)))
        audit = {a.seq: a for a in session.scalars(select(AuditEntry))}
    assert [o.record_id for o in outbox] == list(result.ids)
    for entry in outbox:
        row = audit[entry.audit_seq]
        assert row.action == "student.create"
        assert row.entity_id == entry.record_id
        assert row.after == entry.payload
        assert entry.payload["name"] in ("王小明", "李小红", "张小刚")
        assert entry.op == "create" and entry.state == "PENDING"


def test_device_seq_is_gapless_across_batches(ws: Workspace, today: dt.date) -> None:
    rows = [*three_rows(), valid_row(name="赵小燕", seq=14), valid_row(name="钱小东", seq=15)]
    add_students(ws, rows[:2], today=today)
    add_students(ws, rows[2:], today=today)
    with ws.store.reading() as session:
        seqs = list(session.scalars(select(OutboxEntry.device_seq).order_by(OutboxEntry.device_seq)))
        audit_seqs = list(session.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq)))
    assert seqs == [1, 2, 3, 4, 5]
    assert audit_seqs == list(range(1, len(audit_seqs) + 1))
    assert len(audit_seqs) == 2 + 5  # account and school creation, then one per student


def test_each_student_gets_family_history_and_event(ws: Workspace, today: dt.date) -> None:
    add_students(ws, three_rows(), today=today)
    assert counts(ws, "student", "family_member", "student_number_history", "status_change") == {
        "student": 3, "family_member": 6, "student_number_history": 3, "status_change": 3}
