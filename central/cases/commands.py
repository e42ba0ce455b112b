"""Commands a desk sends about a student's 学籍 status (status_change, record_decision).

The server checks that the status the desk started from is the one it holds (expect-state)
and mirrors the outcome, so its copy shows what the desk shows. A change whose type needs
the authority (central.cases.kinds.APPROVALS) also opens an approval case, and no status
change is taken while a case of the pupil is open. `record_decision` on a case the server
knows confirms the bureau's decision, or withdraws the application while it is open; on an
older change it restores the status and class from before the change it decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from central.cases import approvals
from central.cases import engine as cases
from central.context import DeviceScope, json_object, json_text
from central.store import records
from central.store.fanout import Fanout
from central.store.records import Refusal
from desktop.domain.status import Status


@dataclass(frozen=True)
class Outcome:
    status: str
    data: dict[str, Any] = field(default_factory=dict)  # items that change with it (班级)
    opens_case: bool = False  # the change needs the authority: an approval case opens

    @property
    def fields(self) -> list[str]:
        return ["status", *self.data]


def run(conn: Connection, now: int, scope: DeviceScope, row: Any, command: Any,
        fan: Fanout) -> Outcome:
    handlers = {"status_change": _status_change, "record_decision": _record_decision}
    given = json_object(command)  # {} when it is not an object: unknown
    handler = handlers.get(json_text(given.get("name")))
    if handler is None:
        raise Refusal("unknown_command", "中心不认识这项操作，请升级程序后重试。")
    return handler(conn, now, scope, row, given, json_object(given.get("args")), fan)


def _status_change(conn: Connection, _now: int, _scope: DeviceScope, row: Any,
                   _command: dict[str, Any], args: dict[str, Any], _fan: Fanout) -> Outcome:
    if args.get("from") != row.status:
        raise Refusal("invalid_transition",
                      f"中心记录的学籍状态是“{Status[row.status].label}”，本次变动未处理。",
                      current_state=row.status)
    target = json_text(args.get("to"))
    if target not in Status.__members__:
        raise Refusal("invalid_command", "变动后的学籍状态无效。", field="status")
    if cases.open_case_of(conn, row.record_id) is not None:
        raise Refusal("case_open", "该生有正在办理的学籍变动或转学，请待其办结后再办理。",
                      current_state=row.status)
    return Outcome(target, _class_item(row, args.get("class_name")),
                   opens_case=approvals.needs_case(args.get("change_type")))


def _record_decision(conn: Connection, now: int, scope: DeviceScope, row: Any,
                     command: dict[str, Any], args: dict[str, Any], fan: Fanout) -> Outcome:
    result = args.get("result")
    if result not in ("approved", "rejected"):
        raise Refusal("invalid_command", "审批结果只能是通过或未通过。")
    case_id = command.get("case_id")
    case = cases.load(conn, case_id, lock=True) if isinstance(case_id, str) else None
    if case is not None and case.record_id == row.record_id:
        prior = approvals.school_decision(conn, now, scope, case, result, fan)
        if prior is None:
            return Outcome(row.status)
        return Outcome(prior["status"], _class_item(row, prior.get("class_name")))
    prior = _prior_of_case(conn, row.record_id, case_id)
    if prior is None:
        raise Refusal("case_unknown", "中心找不到这项审批对应的学籍变动。")
    if result == "approved":
        return Outcome(row.status)
    return Outcome(prior["status"], _class_item(row, prior.get("class_name")))


def _prior_of_case(conn: Connection, record_id: str, case_id: Any) -> dict[str, Any] | None:
    for payload in records.history_payloads(conn, record_id, "command"):
        command = payload.get("command") or {}
        if command.get("name") == "status_change" and command.get("case_id") == case_id:
            prior: dict[str, Any] | None = payload["prior"]
            return prior
    return None


def _class_item(row: Any, class_name: Any) -> dict[str, Any]:
    if isinstance(class_name, str) and class_name and class_name != row.data.get("class_name"):
        return {"class_name": class_name}
    return {}
