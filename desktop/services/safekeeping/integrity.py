"""`check`: the database is whole and its records agree with each other.

SQLCipher's page HMAC check and SQLite's integrity check; the audit hash chain; every
outbox row has its audit row and its record; every student has its first status event.
Stored text that today's rules refuse (from an older version) is listed for correction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.models.audit import AuditEntry, first_break
from desktop.models.history import StatusChange
from desktop.models.outbox import OutboxEntry
from desktop.models.store import check_integrity
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.safekeeping.unsafe_text import UnsafeItem, unsafe_items

_CHAIN_BATCH = 5000


@dataclass
class CheckReport:
    storage: list[str] = field(default_factory=list)
    audit_break_at: int | None = None
    audit_rows: int = 0
    outbox_without_audit: list[str] = field(default_factory=list)
    outbox_without_record: list[str] = field(default_factory=list)
    students_without_event: list[str] = field(default_factory=list)
    status_not_from_events: list[str] = field(default_factory=list)
    # text an older version let in (control characters, direction overrides, escapes):
    # reported for correction, not a fault of the file
    unsafe_text: list[UnsafeItem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.storage or self.audit_break_at or self.outbox_without_audit
                    or self.outbox_without_record or self.students_without_event
                    or self.status_not_from_events)


def check_database(ws: Workspace) -> CheckReport:
    report = CheckReport(storage=check_integrity(ws.store.path, ws.store.key))
    with ws.store.reading() as session:
        report.audit_break_at, report.audit_rows = _verify_chain(session)
        audit_seqs = set(session.scalars(select(AuditEntry.seq)))
        students = set(session.scalars(select(Student.id)))
        for entry in session.scalars(select(OutboxEntry)):
            if entry.audit_seq not in audit_seqs:
                report.outbox_without_audit.append(entry.change_id)
            if entry.record_type == "student" and entry.record_id not in students:
                report.outbox_without_record.append(entry.change_id)
        with_event = set(session.scalars(select(StatusChange.student_id)))
        report.students_without_event = sorted(students - with_event)
        report.status_not_from_events = _status_mismatches(session)
        report.unsafe_text = unsafe_items(session)
    return report


def _status_mismatches(session: Session) -> list[str]:
    """Students whose stored status is not the result of their event log."""
    latest = (select(StatusChange.student_id, func.max(StatusChange.seq).label("seq"))
              .group_by(StatusChange.student_id).subquery())
    rows = session.execute(
        select(Student.id).join(latest, latest.c.student_id == Student.id)
        .join(StatusChange, (StatusChange.student_id == Student.id)
              & (StatusChange.seq == latest.c.seq))
        .where(StatusChange.to_status != Student.status))
    return [row[0] for row in rows]


def _verify_chain(session: Session) -> tuple[int | None, int]:
    prev, last_seq, count = None, 0, 0
    while True:
        batch = list(session.scalars(select(AuditEntry).where(AuditEntry.seq > last_seq)
                                     .order_by(AuditEntry.seq).limit(_CHAIN_BATCH)))
        if not batch:
            return None, count
        broken = first_break(batch, prev) if prev else first_break(batch)
        if broken is not None:
            return broken, count
        prev, last_seq, count = batch[-1].hash, batch[-1].seq, count + len(batch)
