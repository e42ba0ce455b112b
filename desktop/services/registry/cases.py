"""The registry's case items as they reach this desk (docs/protocol.md, "Feed kinds").

- `case`: the newest view of a transfer or an approval the school is a party of, kept as a
  read-only timeline. An approval case the bureau decided is recorded on the change it
  approves (审批通过 / 审批未通过), which queues the `record_decision` the registry confirms.
- `guardian_request`: a guardian's request to update contact items, kept for the registrar
  to answer item by item. Accepted items come back later as an ordinary record snapshot.
- `tombstone`: the pupil has moved to another school. The record turns 已转出 as of the
  day the move completed and stays here, read-only, as the archive copy.

Each item applies by version per (kind, id), inside the feed page's transaction; an older or
repeated item changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.ids import new_id
from desktop.domain.status import Status
from desktop.models.base import utc_now
from desktop.models.history import StatusChange
from desktop.models.student import Student
from desktop.models.sync_cases import SyncCase, SyncGuardianRequest
from desktop.services.changes.status import Decision, decide, decision_of
from desktop.services.journal import Journal

CASE, GUARDIAN, TOMBSTONE = "case", "guardian_request", "tombstone"
Row = TypeVar("Row", SyncCase, SyncGuardianRequest)
APPROVAL = "approval"
CASEWORK = ("cases", "decisions", "guardian_requests", "transferred_out")  # feed counts
TRANSFER_OUT, TRANSFER_DONE, REGISTRY_UPDATE = "转出", "转出完成", "学籍中心更新"


def store_case(session: Session, record_id: str, version: int, body: dict[str, Any],
               journal: Journal) -> str:
    """Keep the newest view of a case; record a bureau's decision on an approval case."""
    row = _newer(session, SyncCase, record_id, version)
    if row is None:
        return "unchanged"
    row.kind = str(body.get("type") or "")
    row.change_type = str(body.get("change_type") or "")
    row.state = str(body.get("state") or "open")
    row.code = body.get("code")
    row.record_id = str(body.get("record_id") or "")
    row.version, row.body, row.received_at = version, body, utc_now()
    row.action_needed = bool(body.get("action_needed"))
    row.answer_change_id = None  # the registry's newer view supersedes a queued answer
    if row.kind == APPROVAL and _record_bureau_decision(session, row, journal):
        return "decisions"
    return "cases"


def _newer(session: Session, model: type[Row], key: str, version: int) -> Row | None:
    """The stored row to overwrite with `version` (a new one if none), or None when the
    stored one is as new already."""
    row = session.get(model, key)
    if row is not None and version <= row.version:
        return None
    if row is None:
        row = model(**{model.__mapper__.primary_key[0].name: key})
        session.add(row)
    return row


def _record_bureau_decision(session: Session, case: SyncCase, journal: Journal) -> bool:
    """True when the decision was new here (a `record_decision` is now queued)."""
    decision = case.body.get("decision") or {}
    if decision.get("result") not in ("approved", "rejected"):
        return False  # still open, or withdrawn by this school itself
    event = session.get(StatusChange, case.case_id)
    student = session.get(Student, case.record_id)
    if event is None or student is None or decision_of(session, event) != "awaiting":
        return False
    date = _date(decision.get("date")) or dt.date.today()
    decide(session, journal, student, event, Decision(
        decision["result"], str(decision.get("opinion") or ""), date,
        unit=str(decision.get("unit") or "")))
    return True


def store_guardian_request(session: Session, record_id: str, version: int,
                           body: dict[str, Any]) -> str:
    """Keep the newest view of a guardian's request."""
    row = _newer(session, SyncGuardianRequest, record_id, version)
    if row is None:
        return "unchanged"
    row.record_id = str(body.get("record_id") or "")
    row.state = str(body.get("state") or "open")
    row.version, row.body, row.received_at = version, body, utc_now()
    row.answer_change_id = None
    return "guardian_requests"


def apply_tombstone(session: Session, student: Student | None, body: dict[str, Any],
                    journal: Journal, today: dt.date) -> str:
    """The pupil moved to another school: 已转出 here, as of the day the move completed."""
    if student is None or student.status == Status.TRANSFERRED_OUT.name:
        return "unchanged"
    before = student.status
    effective = _date(body.get("effective_on")) or today
    details = {"source": "central", "case": body.get("case_id"),
               "to_school_code": body.get("to_school_code"),
               "to_school_name": body.get("to_school_name")}
    _add_event(session, student, StatusChange(
        change_type=TRANSFER_DONE, from_status=before, to_status=Status.TRANSFERRED_OUT.name,
        effective_date=effective, reason=f"转入{body.get('to_school_name') or '他校'}",
        details=details))
    student.status = Status.TRANSFERRED_OUT.name
    student.updated_at = utc_now()
    journal.audit("sync.transferred_out", "student", student.id, before={"status": before},
                  after={"status": student.status, **details})
    return "transferred_out"


def log_registry_status(session: Session, student: Student, before: str, today: dt.date) -> None:
    """A status the registry set (a transfer requested by another school, a refusal giving
    the prior status back) gets its event in the pupil's log, like any other change."""
    pending = student.status == Status.TRANSFER_OUT_PENDING.name
    _add_event(session, student, StatusChange(
        change_type=TRANSFER_OUT if pending else REGISTRY_UPDATE, from_status=before,
        to_status=student.status, effective_date=today,
        reason="他校申请转入" if pending else "学籍中心更新", details={"source": "central"}))


def _add_event(session: Session, student: Student, event: StatusChange) -> None:
    event.id, event.student_id = new_id(), student.id
    event.seq = 1 + (session.scalar(select(func.max(StatusChange.seq))
                                    .where(StatusChange.student_id == student.id)) or 0)
    event.recorded_by, event.recorded_at = "sync", utc_now()
    session.add(event)


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
