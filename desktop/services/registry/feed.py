"""Applying what the registry's feed (or a snapshot restore) sends: one page, one transaction.

Record snapshots are applied by version: a snapshot no newer than what the desk already
reflects is skipped, so re-applying a page changes nothing. Items the desk changed and has
not had acknowledged keep the desk's value (the snapshot is rebased under them); items with
an open conflict keep the desk's value too, and the conflict row takes the new server value:
nothing the registrar has not decided is overwritten. Findings (疑似一人多籍) are stored for
the registrar. The page's cursor is stored in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence, Set
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, selectinload

from desktop.domain.errors import DomainError
from desktop.domain.text_rules import record_problems
from desktop.models.outbox import UNACKNOWLEDGED, OutboxEntry
from desktop.models.school import School
from desktop.models.student import Student
from desktop.models.sync_state import SyncConflict, SyncFinding, SyncShadow
from desktop.services.context import Role, Workspace
from desktop.services.journal import Journal
from desktop.services.registry.cases import (
    CASE,
    GUARDIAN,
    TOMBSTONE,
    apply_tombstone,
    log_registry_status,
    store_case,
    store_guardian_request,
)
from desktop.services.registry.device import store_cursor
from desktop.services.registry.records import (
    CLASS_NAME,
    STATUS,
    create_student,
    differing,
    local_items,
    server_items,
    set_number,
    write_items,
)
from desktop.services.students.classes import ClassResolver

RECORD, FINDING = "record", "finding"
EVERYTHING = frozenset({"*"})  # an unacknowledged create: the desk's record stands as it is


@dataclass(frozen=True)
class FeedEntry:
    """One feed item (or snapshot item) as the protocol's FeedItem carries it."""

    kind: str
    record_type: str
    record_id: str
    version: int
    snapshot: dict[str, Any]
    seq: int = 0


@dataclass(frozen=True)
class FeedCounts:
    counts: dict[str, int] = field(default_factory=dict)
    # received, applied, created, rebased, kept, unchanged, findings, refused

    def __getitem__(self, key: str) -> int:
        return self.counts.get(key, 0)


def apply_feed_page(ws: Workspace, entries: Sequence[FeedEntry], *, cursor: str | None = None,
                    epoch: str | None = None, today: dt.date | None = None) -> FeedCounts:
    """Apply a page of items and, when given, store the cursor after it (one transaction)."""
    ws.require(Role.REGISTRAR)
    with ws.store.writing() as session:
        applier = _Applier(session, ws, today or dt.date.today(), entries)
        newest = {e.record_id: e.version for e in entries if e.kind == RECORD}
        for entry in entries:
            if entry.kind == RECORD and entry.version < newest[entry.record_id]:
                applier.counts["unchanged"] += 1  # a newer snapshot of it follows in the page
                continue
            applier.apply(entry)
        if cursor is not None:
            store_cursor(session, cursor, epoch)
    return FeedCounts(dict(applier.counts))


def forget_server_versions(ws: Workspace) -> None:
    """Before restoring from a registry with a new epoch: every snapshot applies afresh."""
    with ws.store.writing() as session:
        session.execute(delete(SyncShadow))


class _Applier:
    def __init__(self, session: Session, ws: Workspace, today: dt.date,
                 entries: Sequence[FeedEntry]) -> None:
        self.session, self.ws, self.today = session, ws, today
        self.counts: Counter[str] = Counter(received=len(entries))
        self.journal: Journal | None = None
        self.classes: ClassResolver | None = None
        records = [e for e in entries if e.kind in (RECORD, TOMBSTONE)
                   and e.record_type == "student"]
        self.shadows = {s.record_id: s for s in session.scalars(
            select(SyncShadow).where(SyncShadow.record_id.in_({e.record_id for e in records})))}
        newer = [e for e in records if e.version > self._known(e.record_id)]
        ids = list({e.record_id for e in newer})  # only what the page may change is loaded
        self.protected = _unacknowledged_items(session, ids)
        self.conflicts = _open_conflicts(session, ids)
        self.students = {s.id: s for s in session.scalars(
            select(Student).where(Student.id.in_(ids))
            .options(selectinload(Student.members), selectinload(Student.school_class)))}
        self.numbers = _holders(session, newer)

    def _known(self, record_id: str) -> int:
        shadow = self.shadows.get(record_id)
        return shadow.server_version if shadow is not None else 0

    def apply(self, entry: FeedEntry) -> None:
        if entry.kind == FINDING:
            self._finding(entry)
        elif entry.kind == RECORD and entry.record_type == "student":
            self._record(entry)
        elif entry.kind == CASE:
            self.counts[store_case(self.session, entry.record_id, entry.version,
                                   entry.snapshot, self._journal())] += 1
        elif entry.kind == GUARDIAN:
            self.counts[store_guardian_request(self.session, entry.record_id, entry.version,
                                               entry.snapshot)] += 1
        elif entry.kind == TOMBSTONE:
            self._tombstone(entry)
        else:
            self.counts["unchanged"] += 1  # kinds this desk does not know yet

    def _tombstone(self, entry: FeedEntry) -> None:
        if entry.version <= self._known(entry.record_id):
            self.counts["unchanged"] += 1
            return
        student = self.students.get(entry.record_id) or self.session.get(Student, entry.record_id)
        self.counts[apply_tombstone(self.session, student, entry.snapshot, self._journal(),
                                    self.today)] += 1
        if student is not None:
            student.version = entry.version
        self._shadow(entry, self.shadows.get(entry.record_id))

    def _record(self, entry: FeedEntry) -> None:
        shadow = self.shadows.get(entry.record_id)
        if entry.version <= self._known(entry.record_id):
            self.counts["unchanged"] += 1
            return
        if self._clashing_number(entry) or record_problems(entry.snapshot):
            self.counts["refused"] += 1  # unsafe text is refused here as on every way in
            return
        try:
            outcome = self._write(entry)
        except DomainError:
            self.counts["refused"] += 1
            return
        self.counts[outcome] += 1
        if outcome != "kept":  # the desk's own record stands; a later snapshot applies
            self._shadow(entry, shadow)

    def _write(self, entry: FeedEntry) -> str:
        student = self.students.get(entry.record_id)
        if student is None:
            student = create_student(self.session, entry.record_id, entry.snapshot,
                                     self._classes(), self.today)
            student.version = entry.version
            self.students[student.id] = student
            self._journal().audit("sync.received", "student", student.id,
                                  after=server_items(entry.snapshot))
            return "created"
        return self._update(student, entry)

    def _update(self, student: Student, entry: FeedEntry) -> str:
        protected = self.protected.get(student.id, set())
        if protected == EVERYTHING:
            return "kept"
        items = server_items(entry.snapshot)
        for key, rows in self.conflicts.get(student.id, {}).items():
            for row in rows:
                row.server_value = items.get(key)
            items.pop(key, None)
        for key in protected:
            items.pop(key, None)
        changes = differing(student, items)
        if changes:
            before = local_items(student, set(changes))
            write_items(student, changes, self._classes())
            self._journal().audit("sync.received", "student", student.id, before=before,
                                  after=changes)
            if STATUS in changes:
                log_registry_status(self.session, student, before[STATUS], self.today)
        set_number(self.session, student, entry.snapshot.get("xjh"),
                   bool(entry.snapshot.get("xjh_provisional")))
        if protected:
            return "rebased"
        student.version = entry.version
        return "applied" if changes else "unchanged"

    def _shadow(self, entry: FeedEntry, shadow: SyncShadow | None) -> None:
        if shadow is None:
            shadow = SyncShadow(record_id=entry.record_id, record_type=entry.record_type,
                                server_version=entry.version)
            self.session.add(shadow)
            self.shadows[entry.record_id] = shadow
        shadow.server_version = entry.version

    def _clashing_number(self, entry: FeedEntry) -> bool:
        """Another record of this desk already holds the snapshot's ID number (unique here):
        the registry sends a 一人多籍 finding for it; the snapshot waits for the fix."""
        number = entry.snapshot.get("id_number")
        holder = self.numbers.get(number) if number else None
        if holder is not None and holder != entry.record_id:
            return True
        if number:
            self.numbers[number] = entry.record_id
        return False

    def _finding(self, entry: FeedEntry) -> None:
        body = entry.snapshot
        finding = self.session.get(SyncFinding, entry.record_id) or SyncFinding(
            finding_id=entry.record_id)
        finding.code = str(body.get("code") or "")
        finding.title = str(body.get("title") or "疑似一人多籍")
        finding.message = str(body.get("message") or "")
        finding.body = body
        self.session.add(finding)
        self.counts["findings"] += 1

    def _classes(self) -> ClassResolver:
        if self.classes is None:
            school = self.session.scalars(select(School)).one()
            self.classes = ClassResolver(self.session, school, self.today)
        return self.classes

    def _journal(self) -> Journal:
        if self.journal is None:
            self.journal = Journal(self.session, self.ws.actor)
        return self.journal


def _unacknowledged_items(session: Session, ids: list[str]) -> dict[str, Set[str]]:
    """Per record, the items its unacknowledged changes set (EVERYTHING for a create)."""
    touched: dict[str, set[str]] = {}
    rows = session.execute(select(OutboxEntry.record_id, OutboxEntry.op, OutboxEntry.payload)
                           .where(OutboxEntry.record_id.in_(ids),
                                  OutboxEntry.state.in_(UNACKNOWLEDGED)))
    for record_id, op, payload in rows:
        items = touched.setdefault(record_id, set())
        if op in ("create", "delete"):
            items.update(EVERYTHING)
        elif op == "command":
            items.update((STATUS, CLASS_NAME))
        else:
            items.update(payload or {})
    return {rid: (EVERYTHING if "*" in items else items) for rid, items in touched.items()}


def _open_conflicts(session: Session, ids: list[str]) -> dict[str, dict[str, list[SyncConflict]]]:
    found: dict[str, dict[str, list[SyncConflict]]] = {}
    for row in session.scalars(select(SyncConflict).where(SyncConflict.record_id.in_(ids),
                                                          SyncConflict.resolved_at.is_(None))):
        found.setdefault(row.record_id, {}).setdefault(row.field, []).append(row)
    return found


def _holders(session: Session, entries: Sequence[FeedEntry]) -> dict[str, str]:
    """ID number -> the local record holding it, for the numbers the page carries."""
    numbers = list({e.snapshot.get("id_number") for e in entries
                    if e.kind == RECORD and e.snapshot.get("id_number")})
    rows = session.execute(select(Student.id_number, Student.id)
                           .where(Student.id_number.in_(numbers)))
    return {number: record_id for number, record_id in rows if number is not None}  # IN () matched it
