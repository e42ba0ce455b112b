"""Approval cases for a school's own 异动 (休学, 死亡 …): which change opens one, what a
bureau's decision does to the record, and how the desk's `record_decision` is read.

The desk's `status_change` is mirrored at once (the desk shows the change as awaiting);
when its type needs the authority (central.cases.kinds.APPROVALS) a case opens with the
desk's case id. A refusal by the bureau, or a withdrawal by the school, restores the status
and class from before the change. The desk learns the decision from the `case` item and
records it; its `record_decision` then only confirms what the server holds.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from central.cases import delivery as case_feed
from central.cases import engine as cases
from central.cases.engine import APPROVED, OPEN, REJECTED, WITHDRAW, Case, Opening
from central.cases.kinds import BUREAU, SCHOOL, approval_steps, county_party
from central.context import DeviceScope
from central.store import records
from central.store.fanout import Fanout
from central.store.record_edits import bump
from central.store.records import Refusal
from central.store.schools import school_by_id

APPROVAL = "approval"


def needs_case(change_type: Any) -> bool:
    return isinstance(change_type, str) and approval_steps(change_type) is not None


def open_case(conn: Connection, now: int, scope: DeviceScope, row: Any,
              command: dict[str, Any]) -> Case:
    """The approval case of a mirrored status change; `row` is the record before it."""
    args = command.get("args") or {}
    case_id = command.get("case_id")
    if not isinstance(case_id, str) or not 1 <= len(case_id) <= 36:
        raise Refusal("invalid_command", "缺少变动编号（case_id）。", field="case_id")
    if cases.load(conn, case_id) is not None:
        raise Refusal("case_exists", "这项学籍变动已经上报过。")
    school = school_by_id(conn, scope.school_id)
    steps = approval_steps(args["change_type"])
    assert steps is not None
    parties = {SCHOOL: {"party": school.school_id, "school_code": school.code,
                        "school_name": school.name},
               BUREAU: {"party": county_party(school.region), "county": school.region}}
    kept = ("change_type", "from", "to", "effective", "until", "reason", "class_name")
    case_args = {**{key: args.get(key) for key in kept},
                 "prior": {"status": row.status, "class_name": row.data.get("class_name")}}
    case = cases.new(Opening(kind=APPROVAL, change_type=args["change_type"], case_id=case_id,
                             record_id=row.record_id, steps=steps, parties=parties,
                             args=case_args), now, by=school.name)
    cases.claim_pupil(conn, now, case, scope.school_id)
    cases.insert(conn, case)
    return case


def on_closed(conn: Connection, now: int, case: Case, fan: Fanout) -> None:
    """A bureau's refusal (or a withdrawal) gives the record back its prior status."""
    if case.state == APPROVED:
        return
    row = records.load(conn, case.record_id, lock=True)
    school_id = case.parties[SCHOOL]["party"]
    if row.school_id != school_id or row.status != case.args.get("to"):
        return  # the record moved on since: nothing to give back
    values, fields = prior_values(case, row)
    bump(conn, now, row, values, op="case", fields=fields,
         payload={"case_id": case.case_id, "event": f"approval_{case.state}"})
    fan.add(school_id, records.record_item(records.load(conn, row.record_id)))


def prior_values(case: Case, row: Any) -> tuple[dict[str, Any], list[str]]:
    """Columns and item names that restore the record to before the case's change."""
    prior = case.args["prior"]
    values: dict[str, Any] = {"status": prior["status"]}
    fields = ["status"]
    if prior.get("class_name") and prior["class_name"] != row.data.get("class_name"):
        values["data"] = {**row.data, "class_name": prior["class_name"]}
        fields.append("class_name")
    return values, fields


def school_decision(conn: Connection, now: int, scope: DeviceScope, case: Case,
                    result: str, fan: Fanout) -> dict[str, Any] | None:
    """The desk's `record_decision` on a case the server knows.

    Returns the prior state to restore (a withdrawal), or None when the record stays.
    """
    if case.kind != APPROVAL:
        raise Refusal("invalid_command", "转学申请请用 answer_transfer 或 withdraw_case 办理。")
    if case.state == OPEN and result == "rejected":
        school = school_by_id(conn, scope.school_id)
        cases.act(case, now, scope.school_id, WITHDRAW, by=school.name, reason="学校撤回申请")
        cases.save(conn, case)
        case_feed.notify(conn, now, case, fan)
        prior: dict[str, Any] | None = case.args["prior"]
        return prior
    if case.state == OPEN:
        raise Refusal("case_pending", "这项变动尚待学籍主管部门审批，审批结果会随同步下发，请勿自行登记。",
                      current_state=case.state)
    if (result == "approved") != (case.state == APPROVED):
        word = "通过" if case.state == APPROVED else ("未通过" if case.state == REJECTED else "已撤回")
        raise Refusal("decision_mismatch",
                      f"中心记录的审批结果是“{word}”，与本机登记的不同，请按中心结果更正。",
                      current_state=case.state)
    return None
