"""Conflicts the registry reported: an item changed centrally since the version the desk
edited, and edited here to another value. The registry kept its value; the desk keeps its
own until the registrar decides, item by item:

- 用我的 (keep mine): a new patch of that item goes to the outbox with the newest server
  version the desk knows as its base, so the registry applies it without a new conflict;
- 用服务器的 (take the server's): the server value is written to the desk's record, and
  nothing is sent (the registry already holds it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.codes import table
from desktop.domain.fields import ALL_STUDENT_FIELDS
from desktop.domain.status import Status
from desktop.models.base import utc_now
from desktop.models.outbox import UNACKNOWLEDGED, OutboxEntry
from desktop.models.school import School
from desktop.models.student import Student
from desktop.models.sync_state import SyncConflict, SyncShadow
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.journal import Journal
from desktop.services.registry.records import MEMBERS, STATUS, differing, write_items
from desktop.services.students.classes import ClassResolver

MINE, SERVER = "mine", "server"
_SPECS = {spec.key: spec for spec in ALL_STUDENT_FIELDS}
_EXTRA_LABELS = {MEMBERS: "家庭成员", STATUS: "学籍状态", "xjh": "学籍号"}


@dataclass(frozen=True)
class ConflictRow:
    id: str
    change_id: str
    record_id: str
    student_name: str
    class_name: str
    field: str
    field_label: str
    local_text: str  # the desk's value, as the registrar reads it
    server_text: str
    created_at: dt.datetime
    resolution: str | None  # None while open; mine | server


@dataclass(frozen=True)
class Resolution:
    conflict_id: str
    record_id: str
    kept: str  # mine | server
    change_id: str | None  # the new outbox patch for "mine"


def item_label(key: str) -> str:
    spec = _SPECS.get(key)
    return spec.header if spec else _EXTRA_LABELS.get(key, key)


def value_text(key: str, value: Any) -> str:
    """A stored value in words: code names, member names, 空 for nothing."""
    if value is None or value in ("", []):
        return "（空）"
    if key == MEMBERS and isinstance(value, list):
        return "、".join(str(m.get("name") or "") for m in value if isinstance(m, dict))
    if key == STATUS and value in Status.__members__:
        return Status[value].label
    spec = _SPECS.get(key)
    if spec is not None and spec.table:
        return table(spec.table).name_of(str(value))
    return str(value)


def list_conflicts(ws: Workspace, include_resolved: bool = False) -> list[ConflictRow]:
    """Open conflicts (and decided ones if asked), oldest first."""
    stmt = select(SyncConflict, Student).join(Student, Student.id == SyncConflict.record_id)
    if not include_resolved:
        stmt = stmt.where(SyncConflict.resolved_at.is_(None))
    with ws.store.reading() as session:
        rows = session.execute(stmt.order_by(SyncConflict.created_at, SyncConflict.id)).all()
        return [_row(conflict, student) for conflict, student in rows]


def open_conflict_count(ws: Workspace) -> int:
    with ws.store.reading() as session:
        return session.scalar(select(func.count()).select_from(SyncConflict)
                              .where(SyncConflict.resolved_at.is_(None))) or 0


def resolve_conflict(ws: Workspace, conflict_id: str, keep: str) -> Resolution:
    """Decide one conflicting item (one transaction: the record, the outbox, the conflict)."""
    ws.require(Role.REGISTRAR)
    if keep not in (MINE, SERVER):
        raise ValueError(keep)
    with ws.store.writing() as session:
        conflict = session.get(SyncConflict, conflict_id)
        if conflict is None:
            raise ServiceError("sync.conflict_not_found")
        if conflict.resolved_at is not None:
            raise ServiceError("sync.conflict_resolved")
        student = session.get(Student, conflict.record_id)
        if student is None:
            raise ServiceError("student.not_found")
        base = _server_version(session, student)
        journal = Journal(session, ws.actor)
        change_id = None
        if keep == MINE:
            change_id = _keep_mine(session, journal, student, conflict, base)
        else:
            _take_server(session, journal, student, conflict, base)
        conflict.resolution, conflict.resolved_change_id = keep, change_id
        conflict.resolved_by, conflict.resolved_at = ws.actor.account_id, utc_now()
        return Resolution(conflict.id, conflict.record_id, keep, change_id)


def _keep_mine(session: Session, journal: Journal, student: Student, conflict: SyncConflict,
               base: int) -> str:
    item = {conflict.field: conflict.local_value}
    if differing(student, item):
        write_items(student, item, _classes(session))
    student.version = base + 1
    return journal.change("sync.keep_mine", "student", student.id, op="patch", payload=item,
                          before={conflict.field: conflict.server_value}, base_version=base)


def _take_server(session: Session, journal: Journal, student: Student, conflict: SyncConflict,
                 base: int) -> None:
    item = {conflict.field: conflict.server_value}
    changed = differing(student, item)
    if changed:
        journal.audit("sync.take_server", "student", student.id,
                      before={conflict.field: conflict.local_value}, after=changed)
        write_items(student, changed, _classes(session))
    if not _has_unacknowledged(session, student.id):
        student.version = base


def _server_version(session: Session, student: Student) -> int:
    shadow = session.get(SyncShadow, student.id)
    return shadow.server_version if shadow is not None else student.version


def _has_unacknowledged(session: Session, record_id: str) -> bool:
    return session.scalar(select(OutboxEntry.change_id).where(
        OutboxEntry.record_id == record_id, OutboxEntry.state.in_(UNACKNOWLEDGED)).limit(1)) is not None


def _classes(session: Session) -> ClassResolver:
    return ClassResolver(session, session.scalars(select(School)).one(), dt.date.today())


def _row(conflict: SyncConflict, student: Student) -> ConflictRow:
    return ConflictRow(conflict.id, conflict.change_id, conflict.record_id, student.name,
                       student.school_class.name, conflict.field, item_label(conflict.field),
                       value_text(conflict.field, conflict.local_value),
                       value_text(conflict.field, conflict.server_value), conflict.created_at,
                       conflict.resolution)
