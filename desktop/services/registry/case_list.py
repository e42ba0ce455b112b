"""Reading the registry's cases and guardian requests as the registrar sees them.

Everything shown comes from the registry's last word (states, steps, deadlines, overdue
marks); the desk adds only what it knows itself: an answer queued and not yet reported, or
a request of this school the registry refused (with the registry's reason).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from desktop.models.outbox import UNACKNOWLEDGED, OutboxEntry
from desktop.models.sync_cases import SyncCase, SyncGuardianRequest
from desktop.services.context import Workspace
from desktop.services.students.id_policy import mask_xjh

ROLE_LABELS = {"sending_school": "转出学校", "receiving_school": "转入学校", "school": "申请学校"}
KIND_LABELS = {"transfer": "转学", "approval": "审批"}


@dataclass(frozen=True)
class CaseStep:
    label: str
    state: str  # done | refused | withdrawn | current | waiting
    due: str
    decided_on: str
    by: str
    reason: str
    overdue: bool


@dataclass(frozen=True)
class CaseRow:
    case_id: str
    kind: str  # 转学 | 审批
    change_type: str
    state: str  # open | approved | rejected | withdrawn
    state_label: str
    code: str
    student_name: str
    student_detail: str  # class, masked ID number, masked 学籍号
    role: str  # 转出学校 / 转入学校 / 申请学校
    other_school: str
    current_step: str
    due: str
    overdue: bool
    action_needed: bool  # this school's step, not answered yet
    answer_queued: bool  # answered here, waiting to be reported
    refused_reason: str  # the registry refused this school's request
    reason: str
    steps: tuple[CaseStep, ...]


@dataclass(frozen=True)
class GuardianItem:
    field: str
    label: str
    current: str
    requested: str
    outcome: str  # pending | accepted | rejected
    reason: str


@dataclass(frozen=True)
class GuardianRow:
    request_id: str
    code: str
    state: str  # open | answered
    student_name: str
    xjh: str
    guardian_phone: str
    submitted_at: str
    answer_queued: bool
    items: tuple[GuardianItem, ...]


def list_cases(ws: Workspace) -> list[CaseRow]:
    """Open cases first (those waiting for this school on top), then closed ones, newest first."""
    with ws.store.reading() as session:
        rows = list(session.scalars(select(SyncCase)))
        waiting = _waiting(session, [r.answer_change_id for r in rows if r.answer_change_id])
    shown = [_case_row(r, waiting.get(r.answer_change_id or "")) for r in rows]
    shown.sort(key=lambda c: c.case_id, reverse=True)  # UUIDv7: newest first
    shown.sort(key=lambda c: (c.state != "open", not c.action_needed))
    return shown


def cases_needing_action(ws: Workspace) -> int:
    """Transfers waiting for this school's answer and guardian requests to answer."""
    with ws.store.reading() as session:
        cases = session.scalar(select(func.count()).select_from(SyncCase).where(
            SyncCase.state == "open", SyncCase.action_needed.is_(True),
            SyncCase.answer_change_id.is_(None))) or 0
        requests = session.scalar(select(func.count()).select_from(SyncGuardianRequest).where(
            SyncGuardianRequest.state == "open",
            SyncGuardianRequest.answer_change_id.is_(None))) or 0
    return int(cases) + int(requests)


def list_guardian_requests(ws: Workspace) -> list[GuardianRow]:
    """Open requests first, then answered ones, newest first."""
    with ws.store.reading() as session:
        rows = list(session.scalars(select(SyncGuardianRequest)))
    shown = [_guardian_row(r) for r in rows]
    shown.sort(key=lambda g: g.submitted_at, reverse=True)
    shown.sort(key=lambda g: g.state != "open")
    return shown


def _waiting(session: Any, change_ids: list[str]) -> dict[str, tuple[str, str | None]]:
    """change id -> (outbox state, the registry's reason) of queued answers and requests."""
    rows = session.execute(select(OutboxEntry.change_id, OutboxEntry.state, OutboxEntry.last_error)
                           .where(OutboxEntry.change_id.in_(change_ids)))
    return {cid: (state, error) for cid, state, error in rows}


def _case_row(row: SyncCase, queued: tuple[str, str | None] | None) -> CaseRow:
    body = row.body or {}
    refused = queued is not None and queued[0] == "REJECTED" and row.version == 0
    step = body.get("current_step") or {}
    roles = body.get("your_roles") or []
    role = ROLE_LABELS.get(roles[0], "") if roles else ""
    return CaseRow(
        case_id=row.case_id, kind=KIND_LABELS.get(row.kind, row.kind),
        change_type=row.change_type, state="rejected" if refused else row.state,
        state_label="被退回" if refused else str(body.get("state_label") or ""),
        code=row.code or "", student_name=str((body.get("student") or {}).get("name") or ""),
        student_detail=_student_detail(body.get("student") or {}), role=role,
        other_school=_other_school(body, roles), current_step=str(step.get("label") or ""),
        due=str(step.get("due") or ""), overdue=bool(step.get("overdue")),
        action_needed=row.action_needed and row.state == "open" and row.answer_change_id is None,
        answer_queued=queued is not None and queued[0] in UNACKNOWLEDGED,
        refused_reason=(queued[1] or "") if refused and queued else "",
        reason=str((body.get("args") or {}).get("reason") or ""),
        steps=tuple(_step(s) for s in body.get("steps") or []))


def _student_detail(student: dict[str, Any]) -> str:
    parts = [student.get("class_name"), student.get("id_number_masked"), mask_xjh(student.get("xjh"))]
    return "  ".join(str(p) for p in parts if p)


def _other_school(body: dict[str, Any], roles: list[str]) -> str:
    parties = body.get("parties") or {}
    for role in ("sending_school", "receiving_school"):
        party = parties.get(role) or {}
        if role not in roles and party.get("school_name"):
            return f"{party['school_name']}（{party.get('school_code', '')}）"
    return ""


def _step(step: dict[str, Any]) -> CaseStep:
    return CaseStep(label=str(step.get("label") or ""), state=str(step.get("state") or ""),
                    due=str(step.get("due") or ""), decided_on=str(step.get("decided_on") or ""),
                    by=str(step.get("by") or ""), reason=str(step.get("reason") or ""),
                    overdue=bool(step.get("overdue")))


def _guardian_row(row: SyncGuardianRequest) -> GuardianRow:
    body = row.body or {}
    answers = body.get("answers") or {}
    items = tuple(
        GuardianItem(field=str(i.get("field")), label=str(i.get("label") or i.get("field")),
                     current=_text(i.get("current")), requested=_text(i.get("requested")),
                     outcome=str((answers.get(i.get("field")) or {}).get("outcome") or "pending"),
                     reason=str((answers.get(i.get("field")) or {}).get("reason") or ""))
        for i in body.get("items") or [])
    student = body.get("student") or {}
    return GuardianRow(
        request_id=row.request_id, code=str(body.get("code") or ""), state=row.state,
        student_name=str(student.get("name") or ""), xjh=str(student.get("xjh") or ""),
        guardian_phone=str(body.get("guardian_phone") or ""),
        submitted_at=_when(body.get("submitted_at")),
        answer_queued=row.answer_change_id is not None, items=items)


def _text(value: Any) -> str:
    return "（空）" if value in (None, "") else str(value)


def _when(value: Any) -> str:
    """An ISO timestamp as a Beijing date and minute."""
    try:
        moment = dt.datetime.fromisoformat(str(value))
    except ValueError:
        return str(value or "")
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.timezone(dt.timedelta(hours=8)))
    return moment.strftime("%Y-%m-%d %H:%M")
