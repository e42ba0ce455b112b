"""The server copy of a student: loading it within a school's scope, its history, and the
snapshot the feed carries (the desk's own keys plus 学籍号, status and version)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, bindparam, select

from central.store import feed
from central.store.db import student_history, students
from desktop.domain.fields import ALL_STUDENT_FIELDS
from desktop.sync.wire.protocol import RECORD, REJECTED, Change, ChangeError, FeedItem, ResultStatus

SERVER_KEYS = frozenset({"xjh", "xjh_provisional", "status", "version", "id", "record_id"})
LOCAL_HINTS = frozenset({"possible_duplicate_of"})  # the desk's own notes, not kept centrally
_LABELS = {spec.key: spec.header for spec in ALL_STUDENT_FIELDS} | {
    "members": "家庭成员", "xjh": "学籍号", "xjh_provisional": "学籍号", "status": "学籍状态",
    "version": "版本号", "id": "记录编号", "record_id": "记录编号",
}


class Refusal(Exception):
    """A change the server decided not to apply (rejected or conflict); terminal for it."""

    def __init__(self, code: str, message: str, status: ResultStatus = REJECTED,
                 **details: Any) -> None:
        super().__init__(code)
        self.status: ResultStatus = status
        self.error = ChangeError(code=code, message=message, **details)


def label(key: str) -> str:
    """The Chinese name of an item, for messages."""
    return _LABELS.get(key, key)


_BY_ID = select(students).where(students.c.record_id == bindparam("record_id"))
_BY_ID_LOCKED = _BY_ID.with_for_update()
_ADD_HISTORY = student_history.insert()


def load(conn: Connection, record_id: str, *, lock: bool = False) -> Any:
    return conn.execute(_BY_ID_LOCKED if lock else _BY_ID, {"record_id": record_id}).first()


def load_own(conn: Connection, school_id: str, record_id: str) -> Any:
    """The record for a change of this school; refused when missing or another school's."""
    row = load(conn, record_id, lock=True)
    if row is None:
        raise Refusal("not_found", "中心没有这条学生记录，请先上报新建。")
    if row.school_id != school_id:
        raise Refusal("out_of_scope", "这条学生记录不属于本校，不能修改。")
    return row


def snapshot_of(row: Any) -> dict[str, Any]:
    return {**row.data, "xjh": row.xjh, "xjh_kind": row.xjh[0] if row.xjh else "",
            "xjh_provisional": row.xjh is None, "status": row.status}


def record_item(row: Any, seq: int = 0) -> FeedItem:
    return FeedItem(seq=seq, kind=RECORD, record_type="student", record_id=row.record_id,
                    version=row.version, snapshot=snapshot_of(row))


def publish(conn: Connection, now: int, record_id: str) -> None:
    """Put the record's current snapshot in its school's feed."""
    row = load(conn, record_id)
    feed.append(conn, now, row.school_id, record_item(row))


def add_history(conn: Connection, now: int, device_id: str, change: Change, version: int,
                fields: list[str], school_id: str, payload: dict[str, Any] | None = None) -> None:
    conn.execute(_ADD_HISTORY, history_row(now, device_id, change, version, fields, school_id,
                                           payload))


def history_row(now: int, device_id: str, change: Change, version: int, fields: list[str],
                school_id: str, payload: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"record_id": change.record_id, "version": version, "school_id": school_id,
            "device_id": device_id, "change_id": change.change_id, "op": change.op,
            "fields": sorted(fields), "payload": change.payload if payload is None else payload,
            "actor": change.actor, "at": now}


def fields_changed_since(conn: Connection, record_id: str, version: int) -> set[str]:
    touched: set[str] = set()
    for fields in conn.scalars(select(student_history.c.fields).where(
            student_history.c.record_id == record_id, student_history.c.version > version)):
        touched.update(fields)
    return touched


def history_payloads(conn: Connection, record_id: str, op: str) -> list[dict[str, Any]]:
    return list(conn.scalars(select(student_history.c.payload).where(
        student_history.c.record_id == record_id, student_history.c.op == op)
        .order_by(student_history.c.version)))
