"""The effect of one change on the server copy: create, patch, delete or command.

`decide` runs inside the push batch's transaction, which also writes the receipt, and wraps
the effect in a savepoint, so a refused change leaves nothing behind but its result. What
the batch's changes write at its end is gathered in a `Batch`: the feed items of the
applied changes, and the rows of the records they create (see `Batch`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

from sqlalchemy import Connection, bindparam, select

from central.cases import approvals, commands, guardian
from central.cases import delivery as case_feed
from central.cases import work as casework
from central.context import DeviceScope, json_text
from central.store import records, xjh
from central.store.db import student_history, students
from central.store.fanout import Fanout
from central.store.records import Refusal, label
from desktop.domain.status import Status
from desktop.domain.text_rules import record_problems
from desktop.sync.wire.protocol import APPLIED, CONFLICT, Change, ChangeResult, FieldConflict

_UPDATE = students.update().where(students.c.record_id == bindparam("key")).returning(*students.c)


@dataclass(frozen=True)
class Effect:
    version: int
    assigned: dict[str, str] = field(default_factory=dict)


class Batch:
    """What one push batch writes at its end: the feed items of its applied changes, and the
    records its creates made.

    A created record's rows (student and first history row) wait until the batch ends or a
    change other than a create comes up: until then only a later create of the batch asks
    about the record, and `created` answers it. The findings such records raise are reported
    once they are written. `absent` holds the records the batch creates that the registry did
    not have when the batch began, read in one query.
    """

    def __init__(self, absent: set[str]) -> None:
        self.fan = Fanout()
        self.absent = absent
        self.created: set[str] = set()
        self.students: list[dict[str, Any]] = []
        self.history: list[dict[str, Any]] = []
        self.findings: list[tuple[str, list[xjh.Holder]]] = []

    @classmethod
    def of(cls, conn: Connection, changes: Iterable[Change]) -> Batch:
        new = {change.record_id for change in changes if _creates(change)}
        if not new:
            return cls(set())
        held = conn.scalars(select(students.c.record_id).where(students.c.record_id.in_(new)))
        return cls(new - set(held))

    def add_created(self, student: dict[str, Any], history: dict[str, Any],
                    finding: tuple[str, list[xjh.Holder]] | None) -> None:
        self.students.append(student)
        self.history.append(history)
        self.created.add(student["record_id"])
        if finding is not None:
            self.findings.append(finding)

    def write(self, conn: Connection, now: int) -> None:
        """The created records, then their findings."""
        if self.students:
            conn.execute(students.insert(), self.students)
            conn.execute(student_history.insert(), self.history)
        for resident_id, parties in self.findings:
            xjh.report_duplicate(conn, now, resident_id, parties, self.fan)
        self.students, self.history, self.findings = [], [], []

    def finish(self, conn: Connection, now: int) -> None:
        self.write(conn, now)
        self.fan.flush(conn, now)


def decide(conn: Connection, now: int, scope: DeviceScope, change: Change,
           batch: Batch) -> ChangeResult:
    """Apply the change or refuse it; the result is what its receipt stores. The change's feed
    items join the batch's only when it applies."""
    if not _creates(change):
        batch.write(conn, now)  # so that what the change reads is in the tables
    own = Fanout()
    try:
        with _savepoint(conn):
            effect = _effect(conn, now, scope, change, own, batch)
    except Refusal as refusal:
        return ChangeResult(change_id=change.change_id, device_seq=change.device_seq,
                            status=refusal.status, error=refusal.error)
    batch.fan.extend(own)
    return ChangeResult(change_id=change.change_id, device_seq=change.device_seq,
                        status=APPLIED, version=effect.version, assigned=effect.assigned)


def _creates(change: Change) -> bool:
    return change.record_type == "student" and change.op == "create"


@contextmanager
def _savepoint(conn: Connection) -> Iterator[None]:
    """The block in a savepoint, rolled back to it on any exception. Plain SQL sent to the
    driver itself, because `Connection.begin_nested` compiles its two statements anew for
    every change, and even `exec_driver_sql` costs several times the statement on SQLite."""
    driver = conn.connection.driver_connection
    assert driver is not None
    driver.execute("SAVEPOINT change")
    try:
        yield
    except BaseException:
        driver.execute("ROLLBACK TO SAVEPOINT change")
        driver.execute("RELEASE SAVEPOINT change")
        raise
    driver.execute("RELEASE SAVEPOINT change")


def _effect(conn: Connection, now: int, scope: DeviceScope, change: Change, fan: Fanout,
            batch: Batch) -> Effect:
    others = {"case": casework.run_command, "guardian_request": guardian.answer_command}
    if change.record_type in others:
        version, assigned = others[change.record_type](conn, now, scope, change)
        return Effect(version, assigned)
    if change.record_type != "student":
        raise Refusal("unsupported_record", f"中心暂不接收这类记录（{change.record_type}）。")
    if change.op == "create":
        return _create(conn, now, scope, change, fan, batch)
    handlers = {"patch": _patch, "delete": _delete, "command": _command}
    return handlers[change.op](conn, now, scope, change, fan)


def _create(conn: Connection, now: int, scope: DeviceScope, change: Change, fan: Fanout,
            batch: Batch) -> Effect:
    """Checks first, then the claims (the only writes here), then the rows go to the batch."""
    holder = _school_holding(conn, scope, change.record_id, batch)
    if holder is not None and holder != scope.school_id:
        raise Refusal("out_of_scope", "这条学生记录不属于本校，不能新建。")
    if holder is not None:
        raise Refusal("record_exists", "这条学生记录已经上报过，不能重复新建。")
    data = _kept(change.payload)
    _check_record(data)
    who = xjh.Holder(change.record_id, scope.school_id)
    assignment = xjh.assign_new(conn, now, who, data)
    row = SimpleNamespace(
        record_id=change.record_id, school_id=scope.school_id, version=1, xjh=assignment.number,
        status=_initial_status(change.payload), name=data["name"], data=data, created_at=now,
        updated_at=now)
    fan.add(row.school_id, records.record_item(row))
    finding = None
    if assignment.duplicate_of is not None and assignment.resident_id:
        finding = (assignment.resident_id, [assignment.duplicate_of, who])
    batch.add_created(vars(row), records.history_row(now, scope.device_id, change, 1, list(data),
                                                     scope.school_id), finding)
    return Effect(1, {"xjh": assignment.number})


def _school_holding(conn: Connection, scope: DeviceScope, record_id: str, batch: Batch) -> str | None:
    if record_id in batch.created:
        return scope.school_id
    if record_id in batch.absent:
        return None
    row = records.load(conn, record_id)
    return None if row is None else row.school_id


def _patch(conn: Connection, now: int, scope: DeviceScope, change: Change, fan: Fanout) -> Effect:
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
    assignment = xjh.reassess(conn, now, who, row.data, after, row.xjh)
    version = row.version + 1
    updated = conn.execute(_UPDATE, {
        "key": row.record_id, "data": after, "name": after["name"], "xjh": assignment.number,
        "version": version, "updated_at": now}).one()
    records.add_history(conn, now, scope.device_id, change, version, list(edits), scope.school_id)
    _report(conn, now, assignment, who, fan)
    fan.add(updated.school_id, records.record_item(updated))
    return Effect(version, {"xjh": assignment.number} if assignment.number != row.xjh else {})


def _delete(conn: Connection, _now: int, scope: DeviceScope, change: Change, _fan: Fanout) -> Effect:
    records.load_own(conn, scope.school_id, change.record_id)
    raise Refusal("delete_not_allowed", "已分配学籍号的记录不能删除，请办理学籍注销。")


def _command(conn: Connection, now: int, scope: DeviceScope, change: Change, fan: Fanout) -> Effect:
    row = records.load_own(conn, scope.school_id, change.record_id)
    outcome = commands.run(conn, now, scope, row, change.payload.get("command"), fan)
    data = {**row.data, **outcome.data}
    version = row.version + 1
    updated = conn.execute(_UPDATE, {
        "key": row.record_id, "status": outcome.status, "data": data, "version": version,
        "updated_at": now}).one()
    payload = {**change.payload, "prior": {"status": row.status,
                                           "class_name": row.data.get("class_name")}}
    records.add_history(conn, now, scope.device_id, change, version, outcome.fields,
                        scope.school_id, payload)
    fan.add(updated.school_id, records.record_item(updated))
    if outcome.opens_case:
        case = approvals.open_case(conn, now, scope, row, change.payload["command"])
        case_feed.notify(conn, now, case, fan)
    return Effect(version)


def _kept(payload: dict[str, Any]) -> dict[str, Any]:
    """The items the server keeps: not its own (学籍号, status …), not the desk's notes."""
    dropped = records.SERVER_KEYS | records.LOCAL_HINTS
    return {key: value for key, value in payload.items() if key not in dropped}


def _check_record(data: dict[str, Any]) -> None:
    if not isinstance(data.get("name"), str) or not data["name"].strip():
        raise Refusal("invalid_record", "缺少学生姓名。", field="name")
    for key, _problem in record_problems(data)[:1]:
        raise Refusal("invalid_record", f"“{key}”含有控制字符、改变文字方向的字符或转义写法"
                      "（姓名只能是文字、间隔号和空格），没有保存。", field=key)
    try:
        dt.date.fromisoformat(str(data.get("birth_date")))
    except ValueError as exc:
        raise Refusal("invalid_record", "出生日期缺失或格式不正确。", field="birth_date") from exc


def _initial_status(payload: dict[str, Any]) -> str:
    status = json_text(payload.get("status"))
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


def _report(conn: Connection, now: int, assignment: xjh.Assignment, who: xjh.Holder,
            fan: Fanout) -> None:
    if assignment.duplicate_of is not None and assignment.resident_id:
        xjh.report_duplicate(conn, now, assignment.resident_id, [assignment.duplicate_of, who], fan)
