"""Recording 学籍变动: one event per change, appended to the student's log; the student's
status is the result of the log. Changes that others must approve are recorded as awaiting
and queued in the outbox as commands (sync protocol §2.6); a reversal is a new event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.changes import DROPPED_OUT, RULES, PlannedChange, StudentState, plan_change
from desktop.domain.errors import DomainError
from desktop.domain.grades import SchoolSystem
from desktop.domain.ids import new_id
from desktop.domain.status import DECISION_EVENT, ENTRY_EVENT, Status
from desktop.models.base import utc_now
from desktop.models.history import StatusChange
from desktop.models.school import School
from desktop.models.student import Student
from desktop.services.changed import Changed
from desktop.services.changes.dropout_ledger import close_dropout_case, open_dropout_case
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.journal import Journal
from desktop.services.students.classes import ClassResolver
from desktop.services.students.lookup import find_student

# Change -> (fewest, most) grades moved within the stage.
CLASS_MOVES = {"调班": (0, 0), "升级": (1, 1), "留级": (0, 0), "跳级": (2, 99), "降级": (-99, -1),
               "特教升级": (1, 1), "特教降级": (-99, -1)}


@dataclass(frozen=True)
class ChangeRequest:
    student: str  # ID number, 学籍号 or record id
    change: str  # 休学, 转出 …
    effective: dt.date
    until: dt.date | None = None
    reason: str = ""
    class_name: str = ""
    applicant: dict[str, str] | None = None
    unit: str = ""  # 审批通过/审批未通过: the deciding unit (default: the one the rule names)


@dataclass(frozen=True)
class ChangeResult:
    student_id: str
    name: str
    change: str
    from_status: str
    to_status: str
    awaiting: str  # who still has to approve ("" if nobody)
    documents: tuple[str, ...]

    @property
    def changed(self) -> Changed:
        """The pupil's row, the 学籍变动 lists and 待办 (what the window shows again)."""
        return Changed(students=frozenset({self.student_id}), status=True, tasks=True)


DECISIONS = {"审批通过": "approved", "审批未通过": "rejected"}


def apply_change(ws: Workspace, request: ChangeRequest) -> ChangeResult:
    """Record one change, or refuse it (DomainError/ServiceError) and change nothing.

    审批通过 / 审批未通过 record the outcome of the latest change still awaiting approval
    (from sync, or arrived on paper); a refusal restores the status from before that change.
    """
    ws.require(Role.REGISTRAR)
    if request.change in DECISIONS:
        return record_decision(ws, request)
    with ws.store.writing() as session:
        student = find_student(session, request.student)
        if moved_away(session, student):
            raise ServiceError("student.transferred_out", name=student.name)
        school = session.scalars(select(School)).one()
        plan = plan_change(request.change, _state(session, student, school), request.effective,
                           request.until)
        prior = {"away_flag": student.away_flag, "class_id": student.class_id}
        if request.change in CLASS_MOVES:
            _move_class(session, student, school, request)
        _apply(student, plan)
        _keep_ledger(session, student, plan, request)
        event = _event(session, ws, student, plan, request)
        event.details = {**event.details, "prior": prior}  # restored if the change is refused
        session.add(event)
        Journal(session, ws.actor).change(
            "student.status_change", "student", student.id, op="command",
            payload={"command": {"name": "status_change", "case_id": event.id,
                                 "args": _command_args(event, student)}},
            base_version=student.version - 1)
        return ChangeResult(student.id, student.name, plan.rule.name, plan.from_status.label,
                            plan.to_status.label, plan.rule.approver, plan.rule.documents)


def _state(session: Session, student: Student, school: School) -> StudentState:
    grade = student.school_class.grade
    system = SchoolSystem.parse(school.system, school.stages)
    return StudentState(status=Status[student.status], stage=grade.stage,
                        final_grade=grade.level >= system.years[grade.stage],
                        flag=student.away_flag, suspended_until=_suspended_until(session, student),
                        just_entered=_event_count(session, student) == 1,
                        last_event=_last_change_date(session, student))


def _last_change_date(session: Session, student: Student) -> dt.date | None:
    """Date of the latest real change; entering the record into this desk is not one."""
    return session.scalar(select(StatusChange.effective_date)
                          .where(StatusChange.student_id == student.id,
                                 StatusChange.change_type.not_in((DECISION_EVENT, ENTRY_EVENT)))
                          .order_by(StatusChange.seq.desc()).limit(1))


def _event_count(session: Session, student: Student) -> int:
    return session.scalar(select(func.count()).select_from(StatusChange)
                          .where(StatusChange.student_id == student.id)) or 0


def _suspended_until(session: Session, student: Student) -> dt.date | None:
    if student.status != Status.SUSPENDED.name:
        return None
    return session.scalar(select(StatusChange.end_date)
                          .where(StatusChange.student_id == student.id,
                                 StatusChange.to_status == Status.SUSPENDED.name,
                                 StatusChange.change_type != DECISION_EVENT)
                          .order_by(StatusChange.seq.desc()).limit(1))


def _move_class(session: Session, student: Student, school: School, request: ChangeRequest) -> None:
    if not request.class_name:
        raise DomainError("change.class_required", change=request.change)
    classes = ClassResolver(session, school, request.effective)
    target = classes.resolve(request.class_name)
    old, new = student.school_class.grade, target.grade
    step = (new.level - old.level) if new.stage == old.stage else None
    fewest, most = CLASS_MOVES[request.change]
    fits = step is not None and fewest <= step <= most
    if not fits:
        raise DomainError("change.class_mismatch", change=request.change,
                          class_name=request.class_name)
    student.school_class = target


def _apply(student: Student, plan: PlannedChange) -> None:
    student.status = plan.to_status.name
    student.away_flag = plan.flag
    if plan.rule.name == "回国":
        student.studied_abroad = True
    student.version += 1
    student.updated_at = utc_now()


def _event(session: Session, ws: Workspace, student: Student, plan: PlannedChange,
           request: ChangeRequest) -> StatusChange:
    seq = (session.scalar(select(func.max(StatusChange.seq))
                          .where(StatusChange.student_id == student.id)) or 0) + 1
    details: dict[str, Any] = {"documents": list(plan.rule.documents),
                               "class_name": student.school_class.name}
    if request.applicant:
        details["applicant"] = request.applicant
    if plan.rule.approver:
        details["approval"] = {"approver": plan.rule.approver, "state": "awaiting", "steps": []}
    reverses = _last_event(session, student).id if plan.rule.name == "恢复学籍" else None
    return StatusChange(id=new_id(), student_id=student.id, seq=seq, change_type=plan.rule.name,
                        from_status=plan.from_status.name, to_status=plan.to_status.name,
                        effective_date=plan.effective, end_date=plan.until,
                        reason=request.reason or None, details=details, reverses=reverses,
                        recorded_by=ws.actor.account_id, recorded_at=utc_now())


def _last_event(session: Session, student: Student) -> StatusChange:
    """The student's latest change (outcomes of approvals are not changes of their own)."""
    return session.scalars(select(StatusChange)
                           .where(StatusChange.student_id == student.id,
                                  StatusChange.change_type != DECISION_EVENT)
                           .order_by(StatusChange.seq.desc()).limit(1)).one()


def moved_away(session: Session, student: Student) -> bool:
    """The registry moved the pupil to another school: this record is the archive copy."""
    if student.status != Status.TRANSFERRED_OUT.name:
        return False
    return (_last_event(session, student).details or {}).get("source") == "central"


def _command_args(event: StatusChange, student: Student) -> dict[str, Any]:
    return {"change_type": event.change_type, "from": event.from_status, "to": event.to_status,
            "effective": event.effective_date.isoformat(),
            "until": event.end_date.isoformat() if event.end_date else None,
            "reason": event.reason, "class_name": student.school_class.name,
            "approval": event.details.get("approval")}


@dataclass(frozen=True)
class HistoryEntry:
    """One line of a student's 学籍变动 timeline."""

    seq: int
    student_id: str
    student_name: str
    change: str
    from_status: str
    to_status: str
    effective: dt.date
    until: dt.date | None
    reason: str
    approval: str  # awaiting / approved / rejected / ""
    approver: str
    recorded_at: dt.datetime


def _entry(event: StatusChange, name: str, decisions: dict[str, str]) -> HistoryEntry:
    details = event.details or {}
    approval = details.get("approval") or {}
    state = decisions.get(event.id, "awaiting") if approval else ""
    change = event.change_type
    if change == DECISION_EVENT:  # the outcome names the change it decided
        change, state = f"{DECISION_EVENT}：{details.get('case_change', '')}", details.get("result", "")
    return HistoryEntry(
        event.seq, event.student_id, name, change,
        Status[event.from_status].label if event.from_status else "",
        Status[event.to_status].label, event.effective_date, event.end_date, event.reason or "",
        state, approval.get("approver", ""), event.recorded_at)


def _decisions(events: list[StatusChange]) -> dict[str, str]:
    return {e.details["case"]: e.details.get("result", "") for e in events
            if e.change_type == DECISION_EVENT and e.details and "case" in e.details}


def history(ws: Workspace, student_id: str) -> list[HistoryEntry]:
    """The student's events, oldest first."""
    with ws.store.reading() as session:
        student = session.get(Student, student_id)
        if student is None:
            raise ServiceError("student.not_found")
        events = list(session.scalars(select(StatusChange)
                                      .where(StatusChange.student_id == student_id)
                                      .order_by(StatusChange.seq)))
        decisions = _decisions(events)
        return [_entry(event, student.name, decisions) for event in events]


def recent_changes(ws: Workspace, limit: int = 200) -> list[HistoryEntry]:
    """The school's latest changes (entries into the desk left out), newest first."""
    with ws.store.reading() as session:
        rows = session.execute(select(StatusChange, Student.name).join(Student)
                               .where(StatusChange.change_type != "录入")
                               .order_by(StatusChange.recorded_at.desc(), StatusChange.seq.desc())
                               .limit(limit)).all()
        decisions = _decisions([event for event, _name in rows])
        return [_entry(event, name, decisions) for event, name in rows]


def possible_changes(ws: Workspace, student_id: str) -> list[str]:
    """The change types whose status rule allows them for this student now."""
    with ws.store.reading() as session:
        student = session.get(Student, student_id)
        if student is None:
            raise ServiceError("student.not_found")
        if moved_away(session, student):
            return []
        school = session.scalars(select(School)).one()
        state = _state(session, student, school)
    allowed = []
    for name, rule in RULES.items():
        try:
            plan_change(name, state, dt.date.today(),
                        dt.date.today() if rule.needs_until else None)
        except DomainError as error:
            if error.code in ("change.not_from_status", "change.no_transfer_while_suspended",
                              "change.compulsory_forbidden", "change.not_final_grade",
                              "change.flag_missing", "change.flag_present"):
                continue
        allowed.append(name)
    return allowed


@dataclass(frozen=True)
class AwaitingApproval:
    change: str  # 休学 …
    effective: dt.date
    approver: str  # the unit the rule names


def awaiting_approval(ws: Workspace, student_id: str) -> AwaitingApproval | None:
    """The student's change still waiting for a decision (审批通过/审批未通过), if any."""
    with ws.store.reading() as session:
        student = session.get(Student, student_id)
        if student is None:
            raise ServiceError("student.not_found")
        case = None if moved_away(session, student) else awaiting_case(session, student)
        if case is None:
            return None
        approver = ((case.details or {}).get("approval") or {}).get("approver", "")
        return AwaitingApproval(case.change_type, case.effective_date, approver)


def rule_of(name: str) -> tuple[bool, bool, tuple[str, ...], str]:
    """(needs an end date, needs a class, documents, approver) of a change type, for forms."""
    rule = RULES[name]
    return rule.needs_until, name in CLASS_MOVES, rule.documents, rule.approver


def awaiting_case(session: Session, student: Student) -> StatusChange | None:
    """The student's latest change, if it needs approval and has no recorded outcome yet."""
    events = list(session.scalars(select(StatusChange)
                                  .where(StatusChange.student_id == student.id)
                                  .order_by(StatusChange.seq.desc())))
    decided = {(e.details or {}).get("case") for e in events if e.change_type == DECISION_EVENT}
    latest = next((e for e in events if e.change_type != DECISION_EVENT), None)
    if latest is None or not (latest.details or {}).get("approval") or latest.id in decided:
        return None
    return latest


def decision_of(session: Session, event: StatusChange) -> str:
    """'approved', 'rejected' or 'awaiting' for an event that needed approval."""
    decisions = session.scalars(select(StatusChange).where(
        StatusChange.student_id == event.student_id,
        StatusChange.change_type == DECISION_EVENT)).all()
    for decision in decisions:
        if (decision.details or {}).get("case") == event.id:
            result: str = decision.details.get("result", "awaiting")
            return result
    return "awaiting"


def record_decision(ws: Workspace, request: ChangeRequest) -> ChangeResult:
    """Record 审批通过/审批未通过 of the change awaiting approval (as apply_change does)."""
    ws.require(Role.REGISTRAR)
    result = DECISIONS[request.change]
    with ws.store.writing() as session:
        student = find_student(session, request.student)
        case = awaiting_case(session, student)
        if case is None:
            raise ServiceError("change.nothing_awaiting", name=student.name)
        decision = Decision(result, request.reason, request.effective, request.unit.strip())
        return decide(session, Journal(session, ws.actor), student, case, decision)


@dataclass(frozen=True)
class Decision:
    result: str  # approved | rejected
    opinion: str
    date: dt.date
    unit: str = ""  # the deciding unit; by default the approver the rule names


def decide(session: Session, journal: Journal, student: Student, case: StatusChange,
           decision: Decision) -> ChangeResult:
    """Append the decision event on `case`, restore what a refusal gives back, and queue the
    `record_decision` command (inside the caller's transaction)."""
    before = Status[student.status]
    approved = decision.result == "approved"
    after = before if approved else Status[case.from_status or before.name]
    seq = (session.scalar(select(func.max(StatusChange.seq))
                          .where(StatusChange.student_id == student.id)) or 0) + 1
    unit = decision.unit or (case.details or {}).get("approval", {}).get("approver", "")
    details = {"case": case.id, "case_change": case.change_type, "result": decision.result,
               "unit": unit, "opinion": decision.opinion}
    if not approved:
        _restore_prior(student, case)
    session.add(StatusChange(id=new_id(), student_id=student.id, seq=seq,
                             change_type=DECISION_EVENT, from_status=before.name,
                             to_status=after.name, effective_date=decision.date,
                             reason=decision.opinion or None, details=details,
                             reverses=None if approved else case.id,
                             recorded_by=journal.actor.account_id, recorded_at=utc_now()))
    student.status = after.name
    student.version += 1
    journal.change(
        "student.status_change", "student", student.id, op="command",
        payload={"command": {"name": "record_decision", "case_id": case.id,
                             "args": {"result": decision.result, "opinion": decision.opinion,
                                      "date": decision.date.isoformat()}}},
        base_version=student.version - 1)
    label = "审批通过" if approved else "审批未通过"
    return ChangeResult(student.id, student.name, f"{case.change_type}{label}", before.label,
                        after.label, "", ())


def _restore_prior(student: Student, case: StatusChange) -> None:
    """A refused change gives back the flag and the class the pupil had before it."""
    prior = (case.details or {}).get("prior") or {}
    student.away_flag = prior.get("away_flag")
    if prior.get("class_id"):
        student.class_id = prior["class_id"]


def _keep_ledger(session: Session, student: Student, plan: PlannedChange,
                 request: ChangeRequest) -> None:
    """辍学登记 opens a 控辍保学 case; 劝返复学 closes it (销号)."""
    if plan.rule.sets_flag == DROPPED_OUT:
        open_dropout_case(session, student, request.effective, request.reason)
    elif plan.rule.clears_flag == DROPPED_OUT:
        close_dropout_case(session, student, request.effective, request.reason or "返校复学")
