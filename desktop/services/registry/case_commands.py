"""What the registrar asks of the registry's case engine, queued in the outbox as commands.

- 申请转入 (`request_transfer_in`): this school asks for a pupil of another school; the
  registry checks the pupil and opens the transfer case.
- 同意 / 不同意转出 (`answer_transfer`): this school's step of a transfer case.
- 撤回申请 (`withdraw_case`): this school withdraws a transfer it asked for.
- 答复家长申请 (`answer_guardian_request`): accept or refuse each requested item.

Nothing here decides a case or writes a 学籍状态: the registry does, and its answer comes
back through the feed (docs/protocol.md, "Cases"). Each command is checked here against
what the desk last heard, so a mistake gets a Chinese sentence before anything is queued.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import xjh
from desktop.domain.errors import DomainError
from desktop.domain.grades import SchoolSystem, parse_class_name
from desktop.domain.idnumber import parse_resident_id
from desktop.domain.ids import new_id
from desktop.domain.status import Status
from desktop.models.school import School, SchoolClass
from desktop.models.student import Student
from desktop.models.sync_cases import SyncCase, SyncGuardianRequest
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.journal import Journal

SENDING, RECEIVING = "sending_school", "receiving_school"
_GONE = (Status.TRANSFERRED_OUT.name, Status.GRADUATED.name, Status.DECEASED.name)


@dataclass(frozen=True)
class TransferIn:
    """申请转入: the pupil as the other school knows them, and where they will study here."""

    pupil: str  # resident ID number or 学籍号
    name: str
    from_school_code: str
    class_name: str
    reason: str


def request_transfer_in(ws: Workspace, request: TransferIn, today: dt.date | None = None) -> str:
    """Queue `request_transfer_in`; returns the new case id (its code arrives by sync)."""
    ws.require(Role.REGISTRAR)
    with ws.store.writing() as session:
        school = session.scalars(select(School)).one()
        args = _transfer_args(session, school, request, today or dt.date.today())
        case_id = new_id()
        change_id = _queue(session, ws, "case", case_id, "request_transfer_in", args)
        session.add(SyncCase(
            case_id=case_id, kind="transfer", change_type="转学", state="open", code=None,
            record_id="", version=0, action_needed=False, answer_change_id=change_id,
            body={"type": "transfer", "change_type": "转学", "state": "open",
                  "state_label": "待上报", "student": {"name": args["name"]},
                  "your_roles": [RECEIVING], "args": args, "steps": [], "history": []}))
        return case_id


def _transfer_args(session: Session, school: School, request: TransferIn,
                   today: dt.date) -> dict[str, str]:
    name, reason = request.name.strip(), request.reason.strip()
    code, class_name = request.from_school_code.strip(), request.class_name.strip()
    if not name:
        raise ServiceError("case.name_required")
    if not (len(code) == 10 and code.isdigit()):
        raise ServiceError("case.school_code", value=code)
    if code == school.code:
        raise ServiceError("case.own_school")
    if not reason:
        raise ServiceError("case.reason_required")
    _check_class(session, school, class_name, today)
    pupil = _pupil_ref(request.pupil, today)
    if "id_number" in pupil:
        _not_here(session, pupil["id_number"])
    return {**pupil, "name": name, "from_school_code": code, "reason": reason,
            "class_name": class_name}


def _pupil_ref(text: str, today: dt.date) -> dict[str, str]:
    value = text.strip().upper()
    if value[:1] in ("G", "L", "J"):
        try:
            return {"xjh": xjh.parse(value)}
        except DomainError as error:
            raise ServiceError(error.code) from error
    try:
        return {"id_number": parse_resident_id(value, today).number}
    except DomainError as error:
        raise ServiceError(error.code, **error.params) from error


def _check_class(session: Session, school: School, name: str, today: dt.date) -> None:
    if not name:
        raise ServiceError("case.class_required")
    if session.scalar(select(SchoolClass.id).where(SchoolClass.name == name)) is not None:
        return
    system = SchoolSystem.parse(school.system, school.stages)
    try:
        ref, _number = parse_class_name(name, system, today)
    except DomainError as error:
        raise ServiceError("case.class_unknown", class_name=name) from error
    if ref.stage not in system.stages:
        raise ServiceError("case.class_unknown", class_name=name)


def _not_here(session: Session, id_number: str) -> None:
    here = session.scalars(select(Student).where(Student.id_number == id_number)).first()
    if here is not None and here.status not in _GONE:
        raise ServiceError("case.already_here", name=here.name)


def answer_transfer(ws: Workspace, case_id: str, agree: bool, reason: str = "") -> str:
    """This school's answer (同意 / 不同意) to a transfer out; returns the change id."""
    ws.require(Role.REGISTRAR)
    reason = reason.strip()
    if not agree and not reason:
        raise ServiceError("case.refusal_reason")
    with ws.store.writing() as session:
        case = _open_case(session, case_id)
        step = case.body.get("current_step") or {}
        if not case.action_needed or step.get("role") != SENDING:
            raise ServiceError("case.not_your_step")
        args = {"decision": "agree" if agree else "refuse", "reason": reason,
                "expect_step": SENDING}
        case.answer_change_id = _queue(session, ws, "case", case_id, "answer_transfer", args)
        return case.answer_change_id


def withdraw_case(ws: Workspace, case_id: str, reason: str) -> str:
    """Withdraw a transfer this school asked for; returns the change id."""
    ws.require(Role.REGISTRAR)
    reason = reason.strip()
    if not reason:
        raise ServiceError("case.reason_required")
    with ws.store.writing() as session:
        case = _open_case(session, case_id)
        if RECEIVING not in (case.body.get("your_roles") or []) or case.version == 0:
            raise ServiceError("case.not_initiator")
        case.answer_change_id = _queue(session, ws, "case", case_id, "withdraw_case",
                                       {"reason": reason})
        return case.answer_change_id


def _open_case(session: Session, case_id: str) -> SyncCase:
    case = session.get(SyncCase, case_id)
    if case is None:
        raise ServiceError("case.not_found")
    if case.state != "open":
        raise ServiceError("case.closed", state=str(case.body.get("state_label") or case.state))
    if case.answer_change_id is not None:
        raise ServiceError("case.answer_queued")
    return case


def answer_guardian_request(ws: Workspace, request_id: str, accepted: dict[str, bool],
                            reasons: dict[str, str] | None = None) -> str:
    """Accept or refuse every item of a guardian's request; returns the change id."""
    ws.require(Role.REGISTRAR)
    reasons = {k: v.strip() for k, v in (reasons or {}).items() if v and v.strip()}
    with ws.store.writing() as session:
        row = session.get(SyncGuardianRequest, request_id)
        if row is None:
            raise ServiceError("case.not_found")
        if row.state != "open" or row.answer_change_id is not None:
            raise ServiceError("guardian.answered")
        fields = [str(item.get("field")) for item in row.body.get("items") or []]
        missing = [f for f in fields if f not in accepted]
        if missing:
            raise ServiceError("guardian.unanswered", items=_labels(row, missing))
        unexplained = [f for f in fields if not accepted[f] and f not in reasons]
        if unexplained:
            raise ServiceError("guardian.reason_required", items=_labels(row, unexplained))
        args = {"answers": {f: "accept" if accepted[f] else "reject" for f in fields},
                "reasons": {f: reasons[f] for f in fields if not accepted[f]}}
        row.answer_change_id = _queue(session, ws, "guardian_request", request_id,
                                      "answer_guardian_request", args)
        return row.answer_change_id


def _labels(row: SyncGuardianRequest, fields: list[str]) -> str:
    labels = {str(i.get("field")): str(i.get("label") or i.get("field"))
              for i in row.body.get("items") or []}
    return "、".join(labels.get(f, f) for f in fields)


def _queue(session: Session, ws: Workspace, record_type: str, record_id: str, name: str,
           args: Mapping[str, object]) -> str:
    payload = {"command": {"name": name, "case_id": record_id, "args": args}}
    return Journal(session, ws.actor).change(f"{record_type}.{name}", record_type, record_id,
                                             op="command", payload=payload)
