"""How a case is shown: the `case` feed item a school receives, and the public progress a
guardian may see (steps and dates only: no names, no ID numbers, no school names)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from central.cases import codes, deadlines
from central.cases.engine import APPROVE, OPEN, REJECT, STATE_LABELS, SUBMIT, WITHDRAW, Case
from desktop.domain.errors import DomainError
from desktop.domain.idnumber import mask
from desktop.sync.wire.protocol import FeedItem

CASE = "case"
_STEP_STATES = {SUBMIT: "done", APPROVE: "done", REJECT: "refused", WITHDRAW: "withdrawn"}
STEP_STATE_LABELS = {"done": "已办理", "refused": "未同意", "withdrawn": "已撤回",
                     "current": "办理中", "waiting": "待办理"}


def student_summary(row: Any) -> dict[str, Any]:
    """What every party of a case may see of the pupil."""
    data = row.data
    return {"name": row.name, "xjh": row.xjh, "sex": data.get("sex"),
            "birth_date": data.get("birth_date"), "class_name": data.get("class_name"),
            "id_number_masked": _masked(data.get("id_number"))}


def _masked(number: Any) -> str:
    if not number:
        return ""
    try:
        return mask(str(number))
    except DomainError:
        return "已登记"


def _steps(case: Case, today: dt.date) -> list[dict[str, Any]]:
    shown = []
    for index, step in enumerate(case.steps):
        live = case.state == OPEN and index == case.step
        overdue = live and deadlines.is_overdue(step["due"], today)
        shown.append({**step, "overdue": overdue or bool(step["overdue"]), "state": _state(case, index)})
    return shown


def _state(case: Case, index: int) -> str:
    step = case.steps[index]
    if step["outcome"]:
        return _STEP_STATES[step["outcome"]]
    return "current" if case.state == OPEN and index == case.step else "waiting"


def _parties(case: Case) -> dict[str, dict[str, Any]]:
    return {role: {k: v for k, v in who.items() if k != "party"} for role, who in case.parties.items()}


def snapshot(case: Case, record: Any, school_id: str, today: dt.date) -> dict[str, Any]:
    """The case as school `school_id` receives it (docs/protocol.md, "Feed kind case")."""
    steps = _steps(case, today)
    current = steps[case.step] if case.state == OPEN else None
    return {
        "case_id": case.case_id, "type": case.kind, "change_type": case.change_type,
        "code": codes.printed(case.code) if case.code else None,
        "state": case.state, "state_label": STATE_LABELS[case.state],
        "record_id": case.record_id, "student": student_summary(record),
        "parties": _parties(case), "your_roles": case.roles_of(school_id),
        "action_needed": bool(current and case.parties[current["role"]]["party"] == school_id),
        "current_step": current, "steps": steps, "history": case.history,
        "args": {k: v for k, v in case.args.items() if k != "prior"},
        "decision": _decision(case), "opened_at": case.history[0]["at"],
        "closed_on": deadlines.local_date(case.closed_at).isoformat() if case.closed_at else None,
    }


def _decision(case: Case) -> dict[str, Any] | None:
    if case.state == OPEN:
        return None
    last = case.steps[case.step]
    return {"result": case.state, "unit": last["by"], "opinion": last["reason"],
            "date": last["decided_on"]}


def item(case: Case, record: Any, school_id: str, today: dt.date) -> FeedItem:
    return FeedItem(seq=0, kind=CASE, record_type=CASE, record_id=case.case_id,
                    version=case.version, snapshot=snapshot(case, record, school_id, today))


def public(case: Case, today: dt.date) -> dict[str, Any]:
    """The progress a guardian sees with the case code."""
    steps = [{"label": s["label"], "state": s["state"], "state_label": STEP_STATE_LABELS[s["state"]],
              "started_on": s["started_on"], "due": s["due"], "decided_on": s["decided_on"],
              "overdue": s["overdue"]} for s in _steps(case, today)]
    current = steps[case.step] if case.state == OPEN else None
    return {"code": codes.printed(case.code or ""), "type": case.change_type, "state": case.state,
            "state_label": STATE_LABELS[case.state], "current_step": current, "steps": steps,
            "opened_on": case.steps[0]["started_on"],
            "closed_on": deadlines.local_date(case.closed_at).isoformat() if case.closed_at else None}
