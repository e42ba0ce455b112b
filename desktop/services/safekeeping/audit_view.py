"""Reading the audit log for inspections: filtered by date range, account and record.

Dates are calendar days of the desk's local time (the log stores UTC). A record is named by
its id, or for a student by ID number or 学籍号. Lines come back in log order with the
account's name, and the before/after content with every ID number and 学籍号 masked (an
inspector sees what changed, not whole identity numbers). Registrars and approvers may read
the log; a viewer may not.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session

from desktop.models.accounts import Account
from desktop.models.audit import AuditEntry
from desktop.models.student import Student
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.students.id_policy import mask_number, mask_xjh

_ID_KEYS = frozenset({"id_number", "身份证件号"})
_XJH_KEYS = frozenset({"xjh", "学籍号", "number"})


@dataclass(frozen=True)
class AuditQuery:
    start: dt.date | None = None  # first day, inclusive
    end: dt.date | None = None  # last day, inclusive
    user: str = ""  # account name
    record: str = ""  # record id, or a student's ID number or 学籍号


@dataclass(frozen=True)
class AuditLine:
    seq: int
    at: dt.datetime  # local time
    user: str
    action: str  # e.g. student.update (worded by desktop.exchange.audit_export)
    entity: str
    entity_id: str
    content: str  # {"before": …, "after": …} as compact JSON, ID numbers masked
    hash: str


def audit_lines(ws: Workspace, query: AuditQuery, offset: int = 0,
                limit: int | None = None) -> list[AuditLine]:
    """The matching lines in log order (`limit` None: all of them)."""
    ws.require(Role.REGISTRAR, Role.APPROVER)
    with ws.store.reading() as session:
        names = {row[0]: row[1] for row in session.execute(select(Account.id, Account.username))}
        stmt = _select(session, query).order_by(AuditEntry.seq).offset(offset)
        if limit is not None:
            stmt = stmt.limit(limit)
        return [_line(entry, names) for entry in session.scalars(stmt)]


def count_audit(ws: Workspace, query: AuditQuery) -> int:
    ws.require(Role.REGISTRAR, Role.APPROVER)
    with ws.store.reading() as session:
        stmt = _select(session, query).with_only_columns(func.count()).select_from(AuditEntry)
        return session.scalar(stmt) or 0


def account_names(ws: Workspace) -> list[str]:
    """Every account's name, for the user filter."""
    ws.require(Role.REGISTRAR, Role.APPROVER)
    with ws.store.reading() as session:
        return sorted(session.scalars(select(Account.username)))


def _select(session: Session, query: AuditQuery) -> Select[AuditEntry]:
    if query.start and query.end and query.start > query.end:
        raise ServiceError("audit.range", start=query.start.isoformat(), end=query.end.isoformat())
    stmt = select(AuditEntry)
    if query.start:
        stmt = stmt.where(AuditEntry.at >= _utc(query.start))
    if query.end:
        stmt = stmt.where(AuditEntry.at < _utc(query.end + dt.timedelta(days=1)))
    if query.user.strip():
        account = session.scalar(select(Account.id).where(Account.username == query.user.strip()))
        if account is None:
            raise ServiceError("audit.user_unknown", user=query.user.strip())
        stmt = stmt.where(AuditEntry.actor == account)
    if query.record.strip():
        stmt = stmt.where(AuditEntry.entity_id.in_(_record_ids(session, query.record.strip())))
    return stmt


def _record_ids(session: Session, ref: str) -> set[str]:
    """The record itself, or the student whose ID number or 学籍号 it is."""
    found = set(session.scalars(select(Student.id).where(
        or_(Student.id_number == ref.upper(), Student.xjh == ref.upper()))))
    return found | {ref, ref.lower()}


def _utc(day: dt.date) -> dt.datetime:
    """Local midnight of `day` as naive UTC, the way the log stores times."""
    local = dt.datetime.combine(day, dt.time()).astimezone()
    return local.astimezone(dt.UTC).replace(tzinfo=None)


def _local(at: dt.datetime) -> dt.datetime:
    return at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def _line(entry: AuditEntry, names: dict[str, str]) -> AuditLine:
    content = {key: masked(value) for key, value in (("before", entry.before),
                                                     ("after", entry.after)) if value}
    return AuditLine(entry.seq, _local(entry.at), names.get(entry.actor, entry.actor),
                     entry.action, entry.entity, entry.entity_id,
                     json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str),
                     entry.hash)


def masked(value: Any, key: str = "") -> Any:
    """`value` with every ID number and 学籍号 inside it masked, at any depth."""
    if isinstance(value, dict):
        return {k: masked(v, str(k)) for k, v in value.items()}
    if isinstance(value, list):
        return [masked(v, key) for v in value]
    if isinstance(value, str) and value:
        if key in _ID_KEYS or key.endswith("身份证件号"):
            return mask_number(value)
        if key in _XJH_KEYS:
            return mask_xjh(value)
    return value
