"""The list of changes the registry has not decided yet, as printed for the registrar (what
would be lost with this computer, what to carry to the county on paper or on a USB stick)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.models.outbox import HELD, PENDING, SENT_VIA_BUNDLE, UNACKNOWLEDGED, OutboxEntry
from desktop.models.school import School, SchoolClass
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.registry.conflicts import item_label

_STATE_WORDS = {PENDING: "待上报", HELD: "中心暂存，等待前序变更", SENT_VIA_BUNDLE: "已用U盘上报，待确认"}
_OPS = {"create": "新建学籍", "patch": "修改信息", "command": "学籍变动", "delete": "删除"}


@dataclass(frozen=True)
class PendingLine:
    device_seq: int
    student_name: str
    class_name: str
    action: str
    items: str
    state: str
    recorded_at: dt.datetime  # local time


@dataclass(frozen=True)
class PendingList:
    school_name: str
    school_code: str
    lines: tuple[PendingLine, ...]


def pending_list(ws: Workspace) -> PendingList:
    """Every unacknowledged change in device_seq order, with its student's name and class."""
    with ws.store.reading() as session:
        school = session.scalars(select(School)).one()
        rows = session.execute(
            select(OutboxEntry, Student.name, SchoolClass.name)
            .outerjoin(Student, Student.id == OutboxEntry.record_id)
            .outerjoin(SchoolClass, SchoolClass.id == Student.class_id)
            .where(OutboxEntry.state.in_(UNACKNOWLEDGED)).order_by(OutboxEntry.device_seq)).all()
        lines = tuple(_line(entry, name or "", klass or "") for entry, name, klass in rows)
        return PendingList(school.name, school.code, lines)


def _line(entry: OutboxEntry, name: str, klass: str) -> PendingLine:
    recorded = entry.created_at.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
    return PendingLine(entry.device_seq, name, klass, _OPS.get(entry.op, entry.op),
                       _items(entry.op, entry.payload), _STATE_WORDS.get(entry.state, "已上报，待确认"),
                       recorded)


def _items(op: str, payload: dict[str, Any]) -> str:
    if op == "create":
        return "全部信息"
    if op == "command":
        command = payload.get("command") or {}
        args = command.get("args") or {}
        return str(args.get("change_type") or command.get("name") or "")
    return "、".join(item_label(key) for key in payload)
