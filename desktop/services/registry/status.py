"""Where each student stands with the registry, in the registrar's words, and the counts the
status bar and the 同步 page show.

A student is 待上报 while a change of it has not been sent; 已上报待确认 while one is sent and
not decided, or decided but not yet seen back in the feed (a change counts as confirmed when
a pulled snapshot's version reaches the version the registry gave it); 冲突 while a conflict
of it is open; 被退回（原因） when its latest decided change was rejected; 已确认 otherwise.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.outbox import APPLIED, CONFLICT, PENDING, REJECTED, UNACKNOWLEDGED, OutboxEntry
from desktop.models.school import SchoolClass
from desktop.models.student import Student
from desktop.models.sync_state import SyncConflict, SyncFinding, SyncResult, SyncShadow
from desktop.services.context import Workspace

TO_SEND, AWAITING, CONFIRMED, RETURNED, CONFLICTING = "待上报", "已上报待确认", "已确认", "被退回", "冲突"
STATES = (TO_SEND, AWAITING, RETURNED, CONFLICTING, CONFIRMED)


@dataclass(frozen=True)
class StudentSyncRow:
    student_id: str
    name: str
    class_name: str
    xjh: str | None
    state: str  # one of STATES
    reason: str  # why it was returned ("" otherwise)

    @property
    def label(self) -> str:
        return f"{self.state}（{self.reason}）" if self.state == RETURNED and self.reason else self.state


@dataclass(frozen=True)
class SyncCounts:
    """Changes by where they stand, and students by state (for the status bar and page)."""

    to_send: int
    awaiting: int  # sent or held, no final decision yet
    held: int
    applied: int
    rejected: int
    conflicts_open: int
    findings: int
    students: dict[str, int]

    @property
    def unacknowledged(self) -> int:
        """Nothing counts as done while the registry has not decided it."""
        return self.to_send + self.awaiting


@dataclass(frozen=True)
class FindingRow:
    finding_id: str
    title: str
    message: str
    students: tuple[dict[str, Any], ...]
    received_at: dt.datetime


def student_sync_states(ws: Workspace, state: str | None = None) -> list[StudentSyncRow]:
    """Every student with its sync state, in roster order; only `state` when given."""
    with ws.store.reading() as session:
        facts = _Facts(session)
        students = session.execute(select(Student.id, Student.name, SchoolClass.name, Student.xjh)
                                   .join(SchoolClass).order_by(Student.name_key, Student.id))
        rows = [StudentSyncRow(sid, name, klass, xjh, *facts.state_of(sid))
                for sid, name, klass, xjh in students]
    return [row for row in rows if state is None or row.state == state]


def sync_counts(ws: Workspace) -> SyncCounts:
    with ws.store.reading() as session:
        states = Counter(state for state, in session.execute(select(OutboxEntry.state)))
        facts = _Facts(session)
        ids = session.scalars(select(Student.id))
        students = Counter(facts.state_of(sid)[0] for sid in ids)
        findings = len(session.scalars(select(SyncFinding.finding_id)).all())
    awaiting = sum(states[s] for s in UNACKNOWLEDGED if s != PENDING)
    return SyncCounts(states[PENDING], awaiting, states["HELD"], states[APPLIED], states[REJECTED],
                      len(facts.conflicted), findings, dict(students))


def list_findings(ws: Workspace) -> list[FindingRow]:
    with ws.store.reading() as session:
        rows = session.scalars(select(SyncFinding).order_by(SyncFinding.received_at.desc()))
        return [FindingRow(f.finding_id, f.title, f.message,
                           tuple(s for s in f.body.get("students", []) if isinstance(s, dict)),
                           f.received_at) for f in rows]


class _Facts:
    """What decides each record's state, read once for all records."""

    def __init__(self, session: Session) -> None:
        self.changes: dict[str, list[tuple[str, str | None, str]]] = {}
        for record_id, state, error, change_id in session.execute(
                select(OutboxEntry.record_id, OutboxEntry.state, OutboxEntry.last_error,
                       OutboxEntry.change_id).order_by(OutboxEntry.device_seq)):
            self.changes.setdefault(record_id, []).append((state, error, change_id))
        self.versions = dict(session.execute(select(SyncResult.change_id, SyncResult.version)
                                             .where(SyncResult.status == "applied")).all())
        self.shadows = dict(session.execute(select(SyncShadow.record_id,
                                                   SyncShadow.server_version)).all())
        self.conflicted = set(session.scalars(select(SyncConflict.record_id)
                                              .where(SyncConflict.resolved_at.is_(None))))

    def state_of(self, record_id: str) -> tuple[str, str]:
        changes = self.changes.get(record_id, [])
        states = {state for state, _error, _id in changes}
        if PENDING in states:
            return TO_SEND, ""
        if states & set(UNACKNOWLEDGED):
            return AWAITING, ""
        if record_id in self.conflicted:
            return CONFLICTING, ""
        decided = [c for c in changes if c[0] in (APPLIED, REJECTED, CONFLICT)]
        if decided and decided[-1][0] == REJECTED:
            return RETURNED, decided[-1][1] or ""
        seen = self.shadows.get(record_id, 0)
        if any((self.versions.get(cid) or 0) > seen for state, _e, cid in decided if state == APPLIED):
            return AWAITING, ""
        return CONFIRMED, ""
