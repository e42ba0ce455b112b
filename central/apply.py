"""The effect of one change on the server copy: create, patch, delete or command.

`decide` runs inside the caller's transaction (the one that also writes the receipt) and
wraps the effect in a savepoint, so a refused change leaves nothing behind but its result.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from central import approvals, case_feed, casework, commands, guardian, records, xjh
from central.context import DeviceScope
from central.db import students
from central.fanout import Fanout
from central.records import Refusal, label
from central.schools import school_by_id
from desktop.domain.status import Status
from desktop.sync.protocol import APPLIED, CONFLICT, Change, ChangeResult, FieldConflict


@dataclass(frozen=True)
class Effect:
    version: int
    assigned: dict[str, str] = field(default_factory=dict)


def decide(conn: Connection, now: int, scope: DeviceScope, change: Change) -> ChangeResult:
    """Apply the change or refuse it; the result is what its receipt stores."""
    base = {"change_id": change.change_id, "device_seq": change.device_seq}
    try:
        with conn.begin_nested():
            effect = _effect(conn, now, scope, change)
    except Refusal as refusal:
        return ChangeResult(**base, status=refusal.status, error=refusal.error)
    return ChangeResult(**base, status=APPLIED, version=effect.version, assigned=effect.assigned)


def _effect(conn: Connection, now: int, scope: DeviceScope, change: Change) -> Effect:
    others = {"case": casework.run_command, "guardian_request": guardian.answer_command}
    if change.record_type in others:
        version, assigned = others[change.record_type](conn, now, scope, change)
        return Effect(version, assigned)
    if change.record_type != "student":
        raise Refusal("unsupported_record", f"中心暂不接收这类记录（{change.record_type}）。")
    handlers = {"create": _create, "patch": _patch, "delete": _delete, "command": _command}
    return handlers[change.op](conn, now, scope, change)


def _create(conn: Connection, now: int, scope: DeviceScope, change: Change) -> Effect:
    existing = records.load(conn, change.record_id)
    if existing is not None and existing.school_id != scope.school_id:
        raise Refusal("out_of_scope", "这条学生记录不属于本校，不能新建。")
    if existing is not None:
        raise Refusal("record_exists", "这条学生记录已经上报过，不能重复新建。")
    data = _kept(change.payload)
    _check_record(data)
    who = xjh.Holder(change.record_id, scope.school_id)
    school = school_by_id(conn, scope.school_id)
    assignment = xjh.assign_new(conn, now, school, who, data)
    conn.execute(students.insert().values(
        record_id=change.record_id, school_id=scope.school_id, version=1, xjh=assignment.number,
        status=_initial_status(change.payload), name=data["name"], data=data,
        created_at=now, updated_at=now))
    records.add_history(conn, now, scope.device_id, change, 1, list(data), scope.school_id)
    _report(conn, now, assignment, who)
    records.publish(conn, now, change.record_id)
    return Effect(1, {"xjh": assignment.number})


def _patch(conn: Connection, now: int, scope: DeviceScope, change: Change) -> Effect:
    row = records.load_own(conn, scope.school_id, change.record_id)
    read_only = sorted(records.SERVER_KEYS & change.payload.keys())
    if read_only:
        raise Refusal("read_only_field", f"{label(read_only[0])}由中心维护，不能在本机修改。",
                      field=read_only[0])
    edits = _kept(change.payload)
    _check_conflicts(conn, row, change.base_version, edits)
    after = {**row.data, **edits}
    _check_record(after)
    who = xjh.Holder(change.record_id, scope.school_id)
    school = school_by_id(conn, scope.school_id)
    assignment = xjh.reassess(conn, now, school, who, row.data, after, row.xjh)
    version = row.version + 1
    conn.execute(students.update().where(students.c.record_id == row.record_id).values(
        data=after, name=after["name"], xjh=assignment.number, version=version, updated_at=now))
    records.add_history(conn, now, scope.device_id, change, version, list(edits), scope.school_id)
    _report(conn, now, assignment, who)
    records.publish(conn, now, change.record_id)
    return Effect(version, {"xjh": assignment.number} if assignment.number != row.xjh else {})


def _delete(conn: Connection, _now: int, scope: DeviceScope, change: Change) -> Effect:
    records.load_own(conn, scope.school_id, change.record_id)
    raise Refusal("delete_not_allowed", "已分配学籍号的记录不能删除，请办理学籍注销。")


def _command(conn: Connection, now: int, scope: DeviceScope, change: Change) -> Effect:
    row = records.load_own(conn, scope.school_id, change.record_id)
    fan = Fanout()
    outcome = commands.run(conn, now, scope, row, change.payload.get("command"), fan)
    data = {**row.data, **outcome.data}
    version = row.version + 1
    conn.execute(students.update().where(students.c.record_id == row.record_id).values(
        status=outcome.status, data=data, version=version, updated_at=now))
    payload = {**change.payload, "prior": {"status": row.status,
                                           "class_name": row.data.get("class_name")}}
    records.add_history(conn, now, scope.device_id, change, version, outcome.fields,
                        scope.school_id, payload)
    records.publish(conn, now, change.record_id)
    if outcome.opens_case:
        case = approvals.open_case(conn, now, scope, row, change.payload["command"])
        case_feed.notify(conn, now, case, fan)
    fan.flush(conn, now)
    return Effect(version)


def _kept(payload: dict[str, Any]) -> dict[str, Any]:
    """The items the server keeps: not its own (学籍号, status …), not the desk's notes."""
    dropped = records.SERVER_KEYS | records.LOCAL_HINTS
    return {key: value for key, value in payload.items() if key not in dropped}


def _check_record(data: dict[str, Any]) -> None:
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        raise Refusal("invalid_record", "缺少学生姓名。", field="name")
    try:
        dt.date.fromisoformat(str(data.get("birth_date")))
    except ValueError as exc:
        raise Refusal("invalid_record", "出生日期缺失或格式不正确。", field="birth_date") from exc


def _initial_status(payload: dict[str, Any]) -> str:
    status = payload.get("status")
    return status if status in Status.__members__ else Status.ACTIVE.name


def _check_conflicts(conn: Connection, row: Any, base_version: int, edits: dict[str, Any]) -> None:
    """Items changed centrally since the desk's base and edited to another value: conflict."""
    if base_version >= row.version:
        return
    touched = records.fields_changed_since(conn, row.record_id, base_version)
    clashes = tuple(FieldConflict(field=key, local_value=value, server_value=row.data.get(key))
                    for key, value in edits.items()
                    if key in touched and row.data.get(key) != value)
    if clashes:
        names = "、".join(label(clash.field) for clash in clashes)
        raise Refusal("conflict", f"{names}在中心已被修改，本次修改未保存，请核对中心的值后重新提交。",
                      status=CONFLICT, field=clashes[0].field, conflicts=clashes)


def _report(conn: Connection, now: int, assignment: xjh.Assignment, who: xjh.Holder) -> None:
    """Before the record is published: feeds are then locked in one global order (no deadlock)."""
    if assignment.duplicate_of is not None and assignment.resident_id:
        xjh.report_duplicate(conn, now, assignment.resident_id, [assignment.duplicate_of, who])
