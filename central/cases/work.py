"""Running cases: a party's decision (desk command, bureau console or CLI), the commands a
desk sends about a case (record_type `case`), and the overdue sweep.

Lock order, everywhere: the pupil's record, then the case, then the feeds (by recipient
id), so a desk's push and a bureau's decision on the same case never deadlock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import Connection, select

from central.cases import approvals, codes, transfer
from central.cases import delivery as case_feed
from central.cases import engine as cases
from central.cases.engine import APPROVE, OPEN, REJECT, WITHDRAW, Case
from central.context import DeviceScope, json_object, json_text
from central.store import records
from central.store.db import case_parties
from central.store.db import cases as case_table
from central.store.fanout import Fanout
from central.store.records import Refusal
from central.store.schools import school_by_id
from desktop.sync.wire.protocol import Change

CLOSERS: dict[str, Callable[[Connection, int, Case, Fanout], None]] = {
    "transfer": transfer.on_closed, approvals.APPROVAL: approvals.on_closed}
ANSWERS = {"agree": APPROVE, "refuse": REJECT}


def decide(conn: Connection, now: int, case_id: str, party: str, action: str, *, by: str,
           reason: str | None = None, expect_step: str | None = None) -> Case:
    """A party acts on a case; the effects of a closing decision run in the same transaction."""
    first = cases.load(conn, case_id)
    if first is None:
        raise Refusal("case_unknown", "中心没有这项申请。")
    records.load(conn, first.record_id, lock=True)
    case = cases.load(conn, case_id, lock=True)
    assert case is not None
    cases.act(case, now, party, action, by, reason, expect_step)
    fan = Fanout()
    if case.state != OPEN:
        CLOSERS[case.kind](conn, now, case, fan)
    cases.save(conn, case)
    case_feed.notify(conn, now, case, fan)
    fan.flush(conn, now)
    return case


def run_command(conn: Connection, now: int, scope: DeviceScope,
                change: Change) -> tuple[int, dict[str, str]]:
    """A desk's command about a case: (the case's version, what the server assigned)."""
    command = json_object(change.payload.get("command"))  # {} when it is not an object: unknown
    handlers = {"request_transfer_in": _request, "answer_transfer": _answer,
                "withdraw_case": _withdraw}
    handler = handlers.get(json_text(command.get("name")))
    if change.op != "command" or handler is None:
        raise Refusal("unknown_command", "中心不认识这项操作，请升级程序后重试。")
    if command.get("case_id") not in (None, change.record_id):
        raise Refusal("invalid_command", "命令中的申请编号与记录编号不一致。", field="case_id")
    args = json_object(command.get("args"))
    return handler(conn, now, scope, change, args)


def _request(conn: Connection, now: int, scope: DeviceScope, change: Change,
             args: dict[str, Any]) -> tuple[int, dict[str, str]]:
    fan = Fanout()
    case = transfer.request(conn, now, scope, change, args, fan)
    case_feed.notify(conn, now, case, fan)
    fan.flush(conn, now)
    return case.version, {"case_code": codes.printed(case.code or "")}


def _answer(conn: Connection, now: int, scope: DeviceScope, change: Change,
            args: dict[str, Any]) -> tuple[int, dict[str, str]]:
    action = ANSWERS.get(json_text(args.get("decision")))
    if action is None:
        raise Refusal("invalid_command", "办理意见只能是同意（agree）或不同意（refuse）。",
                      field="decision")
    _transfer_case(conn, change.record_id)
    case = decide(conn, now, change.record_id, scope.school_id, action, by=_name(conn, scope),
                  reason=_reason(args), expect_step=_expect(args))
    return case.version, {}


def _withdraw(conn: Connection, now: int, scope: DeviceScope, change: Change,
              args: dict[str, Any]) -> tuple[int, dict[str, str]]:
    case = decide(conn, now, change.record_id, scope.school_id, WITHDRAW, by=_name(conn, scope),
                  reason=_reason(args) or "学校撤回申请")
    return case.version, {}


def _transfer_case(conn: Connection, case_id: str) -> None:
    case = cases.load(conn, case_id)
    if case is None:
        raise Refusal("case_unknown", "中心没有这项申请。")
    if case.kind != "transfer":
        raise Refusal("invalid_command", "这项申请不是转学，不能用 answer_transfer 办理。")


def _name(conn: Connection, scope: DeviceScope) -> str:
    name: str = school_by_id(conn, scope.school_id).name
    return name


def _reason(args: dict[str, Any]) -> str | None:
    reason = args.get("reason")
    return reason.strip()[:200] if isinstance(reason, str) and reason.strip() else None


def _expect(args: dict[str, Any]) -> str | None:
    expect = args.get("expect_step")
    return expect if isinstance(expect, str) else None


def sweep(conn: Connection, now: int, party: str | None = None) -> int:
    """Mark open cases whose current step is past its deadline; returns how many."""
    stmt = select(case_table.c.case_id).where(case_table.c.state == OPEN)
    if party is not None:
        stmt = stmt.join(case_parties, case_parties.c.case_id == case_table.c.case_id).where(
            case_parties.c.party_id == party)
    marked = 0
    for case_id in conn.scalars(stmt.order_by(case_table.c.case_id)).all():
        marked += _sweep_one(conn, now, case_id)
    return marked


def _sweep_one(conn: Connection, now: int, case_id: str) -> int:
    case = cases.load(conn, case_id)
    if case is None or not cases.overdue_unmarked(case, now):
        return 0  # nothing to mark: no lock taken
    case = cases.load(conn, case_id, lock=True)
    if case is None or not cases.note_overdue(case, now):
        return 0
    cases.save(conn, case)
    fan = Fanout()
    case_feed.notify(conn, now, case, fan)
    fan.flush(conn, now)
    return 1
