"""The case engine: the state machine every 异动 case and transfer follows, and its rows.

A case is open until a party refuses it (rejected), its initiator withdraws it (withdrawn)
or the last step agrees (approved). Only `act` changes a case, and only for the party of
the current step; the initiator may withdraw while it is open. Each step opens with a
working-day deadline; `note_overdue` marks a step whose deadline passed. The row is the
saga log: steps and history say what happened, when, and who did it. A pupil has at most
one open case, held as a claim (kind `case`) on the record id.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from central.cases import deadlines
from central.cases.kinds import SCHOOL_ROLES, Step
from central.context import iso
from central.store.db import case_parties, cases, id_claims, insert_ignore
from central.store.records import Refusal

OPEN, APPROVED, REJECTED, WITHDRAWN = "open", "approved", "rejected", "withdrawn"
STATE_LABELS = {OPEN: "办理中", APPROVED: "已办结", REJECTED: "未通过", WITHDRAWN: "已撤回"}
SUBMIT, APPROVE, REJECT, WITHDRAW, OVERDUE = "submit", "approve", "reject", "withdraw", "overdue"
ACTION_LABELS = {SUBMIT: "提交申请", APPROVE: "同意", REJECT: "不同意", WITHDRAW: "撤回申请",
                 OVERDUE: "逾期未办理", "completed": "学籍已转入"}
CLOSING = {REJECT: REJECTED, WITHDRAW: WITHDRAWN}  # (open, action) -> state; approve: next step


@dataclass
class Case:
    case_id: str
    kind: str  # transfer | approval
    change_type: str
    record_id: str
    code: str | None
    state: str
    step: int
    steps: list[dict[str, Any]]
    history: list[dict[str, Any]]
    parties: dict[str, dict[str, Any]]  # role -> {"party": id, …}
    args: dict[str, Any]
    version: int
    opened_at: int
    closed_at: int | None = None

    @property
    def current(self) -> dict[str, Any] | None:
        return self.steps[self.step] if self.state == OPEN else None

    @property
    def initiator(self) -> str:
        party: str = self.parties[self.steps[0]["role"]]["party"]
        return party

    def roles_of(self, party: str) -> list[str]:
        return [role for role, who in self.parties.items() if who["party"] == party]

    def school_ids(self) -> list[str]:
        return sorted({who["party"] for role, who in self.parties.items() if role in SCHOOL_ROLES})


@dataclass(frozen=True)
class Opening:
    """What a new case is: who opens it, about which record, through which steps."""

    kind: str  # transfer | approval
    change_type: str
    case_id: str
    record_id: str
    steps: tuple[Step, ...]
    parties: dict[str, dict[str, Any]]
    args: dict[str, Any]
    code: str | None = None


def new(opening: Opening, now: int, by: str) -> Case:
    """A case whose opening step is done (submitted) and whose second step has started."""
    plan = [{"role": s.role, "label": s.label, "days": s.days, "started_on": None, "due": None,
             "estimated": False, "decided_on": None, "outcome": None, "by": None, "reason": None,
             "overdue": False} for s in opening.steps]
    case = Case(case_id=opening.case_id, kind=opening.kind, change_type=opening.change_type,
                record_id=opening.record_id, code=opening.code, state=OPEN, step=0, steps=plan,
                history=[], parties=opening.parties, args=opening.args, version=1, opened_at=now)
    _start(case, 0, now)
    _decide_step(case, now, SUBMIT, by, opening.args.get("reason") or None)
    _start(case, 1, now)
    return case


def _start(case: Case, index: int, now: int) -> None:
    step, today = case.steps[index], deadlines.local_date(now)
    step["started_on"] = today.isoformat()
    if step["days"]:
        deadline = deadlines.due_after(today, step["days"])
        step["due"], step["estimated"] = deadline.due.isoformat(), deadline.estimated
    case.step = index


def _decide_step(case: Case, now: int, action: str, by: str, reason: str | None) -> None:
    step = case.steps[case.step]
    step.update(decided_on=deadlines.local_date(now).isoformat(), outcome=action, by=by,
                reason=reason)
    _log(case, now, action, by, reason)


def _log(case: Case, now: int, action: str, by: str, reason: str | None) -> None:
    step = case.steps[case.step]
    case.history.append({"at": iso(now), "step": step["label"], "role": step["role"],
                         "action": action, "action_label": ACTION_LABELS[action], "by": by,
                         "reason": reason})


def act(case: Case, now: int, party: str, action: str, by: str, reason: str | None = None,
        expect_step: str | None = None) -> str:
    """Apply a party's action (approve, reject, withdraw); returns the case's new state."""
    if case.state != OPEN:
        raise Refusal("case_closed", f"这项{case.change_type}已{STATE_LABELS[case.state]}，不能再办理。",
                      current_state=case.state)
    if action == WITHDRAW:
        _check_initiator(case, party)
    else:
        _check_turn(case, party, expect_step)
    if action == REJECT and not (reason or "").strip():
        raise Refusal("reason_required", "不同意时请填写理由。", field="reason")
    _decide_step(case, now, action, by, reason)
    case.version += 1
    if action in CLOSING:
        _close(case, now, CLOSING[action])
    elif case.step + 1 < len(case.steps):
        _start(case, case.step + 1, now)
    else:
        _close(case, now, APPROVED)
    return case.state


def _check_initiator(case: Case, party: str) -> None:
    if not case.roles_of(party):
        raise Refusal("out_of_scope", "这项申请与本单位无关。")
    if party != case.initiator:
        raise Refusal("not_initiator", "只有提出申请的学校可以撤回这项申请。",
                      current_state=case.steps[case.step]["role"])


def _check_turn(case: Case, party: str, expect_step: str | None) -> None:
    step = case.steps[case.step]
    if party == case.parties[step["role"]]["party"] and expect_step in (None, step["role"]):
        return
    roles = case.roles_of(party)
    if not roles:
        raise Refusal("out_of_scope", "这项申请与本单位无关。")
    done = {s["role"] for s in case.steps[:case.step]}
    if set(roles) & done or (expect_step and expect_step != step["role"]):
        raise Refusal("step_closed", f"本单位的环节已经办结，这项申请当前在“{step['label']}”环节。",
                      current_state=step["role"])
    raise Refusal("not_your_step", f"这项申请当前在“{step['label']}”环节，尚未轮到本单位办理。",
                  current_state=step["role"])


def _close(case: Case, now: int, state: str) -> None:
    case.state, case.closed_at = state, now


def overdue_unmarked(case: Case, now: int) -> bool:
    """The current step is past its deadline and not yet marked."""
    step = case.current
    return (step is not None and not step["overdue"]
            and deadlines.is_overdue(step["due"], deadlines.local_date(now)))


def note_overdue(case: Case, now: int) -> bool:
    """Mark the current step overdue once its deadline has passed; True when newly marked."""
    if not overdue_unmarked(case, now):
        return False
    case.steps[case.step]["overdue"] = True
    _log(case, now, OVERDUE, "中心", None)
    case.version += 1
    return True


def log_event(case: Case, now: int, action: str, by: str) -> None:
    """A history line that is no decision (e.g. the transfer's record moved)."""
    _log(case, now, action, by, None)


# --- rows -------------------------------------------------------------------------------


def load(conn: Connection, case_id: str, *, lock: bool = False) -> Case | None:
    stmt = select(cases).where(cases.c.case_id == case_id)
    row = conn.execute(stmt.with_for_update() if lock else stmt).first()
    if row is None:
        return None
    values = {f.name: getattr(row, f.name) for f in dataclasses.fields(Case)}
    return Case(**{**values, "steps": list(row.steps), "history": list(row.history)})


def insert(conn: Connection, case: Case) -> None:
    conn.execute(cases.insert().values(**dataclasses.asdict(case)))
    for role, who in case.parties.items():
        insert_ignore(conn, case_parties, {"party_id": who["party"], "case_id": case.case_id,
                                           "role": role, "awaiting": 0,
                                           "opened_at": case.opened_at})
    _mark_awaiting(conn, case)


def save(conn: Connection, case: Case) -> None:
    values = dataclasses.asdict(case)
    conn.execute(cases.update().where(cases.c.case_id == case.case_id).values(**values))
    _mark_awaiting(conn, case)
    if case.state != OPEN:
        release_pupil(conn, case)


def _mark_awaiting(conn: Connection, case: Case) -> None:
    step = case.current
    waiting = case.parties[step["role"]]["party"] if step else None
    for party in {who["party"] for who in case.parties.values()}:
        conn.execute(case_parties.update().where(
            case_parties.c.party_id == party, case_parties.c.case_id == case.case_id)
            .values(awaiting=int(party == waiting)))


def claim_pupil(conn: Connection, now: int, case: Case, school_id: str) -> None:
    """One open case per pupil: refused while another case of the record is open."""
    if not insert_ignore(conn, id_claims, {"kind": "case", "value": case.record_id,
                                           "record_id": case.case_id, "school_id": school_id,
                                           "claimed_at": now}):
        raise Refusal("case_open", "该生已有正在办理的学籍变动或转学，请待其办结后再申请。")


def release_pupil(conn: Connection, case: Case) -> None:
    conn.execute(id_claims.delete().where(id_claims.c.kind == "case",
                                          id_claims.c.value == case.record_id,
                                          id_claims.c.record_id == case.case_id))


def open_case_of(conn: Connection, record_id: str) -> str | None:
    """The id of the record's open case, if any."""
    return conn.scalar(select(id_claims.c.record_id).where(id_claims.c.kind == "case",
                                                           id_claims.c.value == record_id))


def case_ids_of(conn: Connection, party: str, *, awaiting: bool = False) -> list[str]:
    stmt = select(case_parties.c.case_id).where(case_parties.c.party_id == party)
    if awaiting:
        stmt = stmt.where(case_parties.c.awaiting == 1)
    return list(conn.scalars(stmt.order_by(case_parties.c.opened_at, case_parties.c.case_id)))


def open_case_ids(conn: Connection) -> list[str]:
    return list(conn.scalars(select(cases.c.case_id).where(cases.c.state == OPEN)
                             .order_by(cases.c.opened_at, cases.c.case_id)))
