"""What the registry decided for each pushed change, written back in one transaction.

applied (or duplicate of applied) -> APPLIED, the version and the 学籍号 it assigned written to
the student; rejected -> REJECTED with the registry's Chinese reason; conflict -> CONFLICT
plus one conflict row per clashing item (the desk keeps its value, the registry keeps its
own, until the registrar decides); held -> HELD. A change already decided is left alone, so
the same results can arrive twice (a retried push, a re-imported bundle) without effect.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import Session

from desktop.domain.ids import new_id
from desktop.models.base import utc_now
from desktop.models.bulk import insert_rows
from desktop.models.history import StudentNumberHistory
from desktop.models.outbox import APPLIED, CONFLICT, HELD, REJECTED, UNACKNOWLEDGED, OutboxEntry
from desktop.models.student import Student
from desktop.models.sync_state import SyncConflict, SyncResult, SyncShadow
from desktop.services.context import Workspace
from desktop.services.journal import Journal
from desktop.services.registry.outbox import mark_sent_in

_OUTBOX = OutboxEntry.__table__
_STATE_OF = {"applied": APPLIED, "rejected": REJECTED, "conflict": CONFLICT, "held": HELD}


@dataclass(frozen=True)
class FieldClash:
    field: str
    local_value: Any
    server_value: Any


@dataclass(frozen=True)
class ChangeOutcome:
    """One result of the registry, as the protocol's ChangeResult carries it."""

    change_id: str
    status: str  # applied | duplicate | rejected | conflict | held
    original_status: str | None = None
    version: int | None = None
    xjh: str | None = None
    error_code: str | None = None
    message: str | None = None
    clashes: tuple[FieldClash, ...] = ()

    @property
    def decided(self) -> str:
        """The status that counts: a duplicate stands for what the first delivery got."""
        if self.status == "duplicate":
            return self.original_status or "applied"
        return self.status


@dataclass(frozen=True)
class OutcomeCounts:
    counts: dict[str, int] = field(default_factory=dict)  # by the status the registry sent

    def __getitem__(self, status: str) -> int:
        return self.counts.get(status, 0)


def record_outcomes(ws: Workspace, outcomes: Sequence[ChangeOutcome]) -> OutcomeCounts:
    """Write every result into the outbox and the records it names (one transaction)."""
    if not outcomes:
        return OutcomeCounts({})
    with ws.store.writing() as session:
        return record_outcomes_in(session, ws, outcomes)


def record_outcomes_and_mark_sent(ws: Workspace, outcomes: Sequence[ChangeOutcome],
                                  next_ids: Sequence[str], batch_id: str) -> OutcomeCounts:
    """One transaction (one commit): the results of the batch the registry answered, then the
    next batch marked SENT before it leaves (a pipelined push prepares it meanwhile)."""
    with ws.store.writing() as session:
        counts = record_outcomes_in(session, ws, outcomes)
        if next_ids:
            mark_sent_in(session, next_ids, batch_id)
    return counts


def record_outcomes_in(session: Session, ws: Workspace,
                       outcomes: Sequence[ChangeOutcome]) -> OutcomeCounts:
    """`record_outcomes` inside the caller's transaction."""
    if outcomes:
        _Recorder(session, ws, outcomes).record(outcomes)
    return OutcomeCounts(dict(Counter(outcome.status for outcome in outcomes)))


def _final(outcomes: Sequence[ChangeOutcome]) -> list[ChangeOutcome]:
    """One outcome per change: a decision overrides `held` (a change held in `results` and
    released in the same answer), and the first decision stands."""
    final: dict[str, ChangeOutcome] = {}
    for outcome in outcomes:
        known = final.get(outcome.change_id)
        if known is None or known.decided == "held":
            final[outcome.change_id] = outcome
    return list(final.values())


class _Recorder:
    """Collects the writes of a batch of results and issues them as a few executemany calls."""

    def __init__(self, session: Session, ws: Workspace, outcomes: Sequence[ChangeOutcome]) -> None:
        self.session, self.ws = session, ws
        self.journal: Journal | None = None
        self.rows = {r.change_id: r for r in session.execute(
            select(_OUTBOX.c.change_id, _OUTBOX.c.record_id, _OUTBOX.c.record_type,
                   _OUTBOX.c.state, _OUTBOX.c.base_version, _OUTBOX.c.device_seq)
            .where(_OUTBOX.c.change_id.in_([o.change_id for o in outcomes])))}
        records = list({r.record_id for r in self.rows.values()})
        self.shadows: dict[str, int] = dict(session.execute(
            select(SyncShadow.record_id, SyncShadow.server_version)
            .where(SyncShadow.record_id.in_(records))).all())
        self.numbers = {sid: (xjh, provisional) for sid, xjh, provisional in session.execute(
            select(Student.id, Student.xjh, Student.xjh_provisional).where(Student.id.in_(records)))}
        self.known_shadows = set(self.shadows)
        self.states: list[dict[str, Any]] = []
        self.results: list[dict[str, Any]] = []
        self.assigned: dict[str, str] = {}

    def record(self, outcomes: Sequence[ChangeOutcome]) -> None:
        for outcome in sorted(_final(outcomes), key=self._seq):
            row = self.rows.get(outcome.change_id)
            if row is not None and row.state in UNACKNOWLEDGED:
                self._one(row, outcome)
        self._write()

    def _seq(self, outcome: ChangeOutcome) -> int:
        row = self.rows.get(outcome.change_id)
        return row.device_seq if row is not None else 0

    def _one(self, row: Any, outcome: ChangeOutcome) -> None:
        decided = outcome.decided
        self.states.append({"b_id": row.change_id, "b_state": _STATE_OF.get(decided, HELD),
                            "b_error": outcome.message if decided != "applied" else None})
        self.results.append({
            "change_id": row.change_id, "record_id": row.record_id, "status": decided,
            "version": outcome.version, "xjh": outcome.xjh, "error_code": outcome.error_code,
            "message": outcome.message, "decided_at": utc_now()})
        if decided == "applied":
            self._applied(row, outcome)
        elif decided == "conflict":
            self._conflict(row, outcome)

    def _applied(self, row: Any, outcome: ChangeOutcome) -> None:
        if outcome.xjh and self.numbers.get(row.record_id, (outcome.xjh, False)) != (outcome.xjh, False):
            self.assigned[row.record_id] = outcome.xjh
            self.numbers[row.record_id] = (outcome.xjh, False)
        known = self.shadows.get(row.record_id, 0)
        version = outcome.version
        if version is not None and known == row.base_version and version == known + 1:
            self.shadows[row.record_id] = version  # applied straight onto the desk's base

    def _conflict(self, row: Any, outcome: ChangeOutcome) -> None:
        known = self.session.scalar(select(SyncConflict.id)
                                    .where(SyncConflict.change_id == row.change_id).limit(1))
        if known is not None:
            return
        for clash in outcome.clashes:
            self.session.add(SyncConflict(
                id=new_id(), change_id=row.change_id, record_id=row.record_id, field=clash.field,
                local_value=clash.local_value, server_value=clash.server_value))

    def _write(self) -> None:
        session = self.session
        if self.states:
            session.execute(update(_OUTBOX).where(_OUTBOX.c.change_id == bindparam("b_id"))
                            .values(state=bindparam("b_state"), last_error=bindparam("b_error")),
                            self.states)
        results = SyncResult.__table__
        session.execute(delete(results).where(results.c.change_id.in_(
            [r["change_id"] for r in self.results])))
        insert_rows(session, results, self.results)
        self._write_numbers()
        self._write_shadows()

    def _write_numbers(self) -> None:
        if not self.assigned:
            return
        students = Student.__table__
        self.session.execute(update(students).where(students.c.id == bindparam("b_id"))
                             .values(xjh=bindparam("b_xjh"), xjh_provisional=False),
                             [{"b_id": sid, "b_xjh": xjh} for sid, xjh in self.assigned.items()])
        now = utc_now()
        insert_rows(self.session, StudentNumberHistory.__table__, [
            {"id": new_id(), "student_id": sid, "number": xjh, "kind": xjh[0], "provisional": False,
             "source": "central", "reason": "学籍中心分配", "recorded_at": now}
            for sid, xjh in self.assigned.items()])
        journal = Journal(self.session, self.ws.actor)
        for sid, xjh in self.assigned.items():
            journal.audit("sync.xjh_assigned", "student", sid, after={"xjh": xjh})

    def _write_shadows(self) -> None:
        table, now = SyncShadow.__table__, utc_now()
        record_types = {r.record_id: r.record_type for r in self.rows.values()}
        fresh = [{"record_id": rid, "record_type": record_types.get(rid, "student"),
                  "server_version": version, "updated_at": now}
                 for rid, version in self.shadows.items() if rid not in self.known_shadows]
        moved = [{"b_id": rid, "b_version": version} for rid, version in self.shadows.items()
                 if rid in self.known_shadows]
        insert_rows(self.session, table, fresh)
        if moved:
            self.session.execute(update(table).where(table.c.record_id == bindparam("b_id"))
                                 .values(server_version=bindparam("b_version"), updated_at=now), moved)
