"""A student record as the registry's snapshots carry it, written onto the desk's own row.

A snapshot has the keys of the desk's create payload: template items as stored codes, ISO
dates, `class_name`, `members`, `status`, plus the registry's `xjh` and `xjh_provisional`.
Only the items the desk sends are synced; local notes (辍学 flag, duplicate mark, photo)
stay as they are. These helpers run inside the caller's transaction and write no outbox
rows: what comes from the registry must not echo back to it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Date
from sqlalchemy.orm import Session

from desktop.domain import names
from desktop.domain.fields import ALL_STUDENT_FIELDS, MEMBER_FIELDS
from desktop.domain.ids import new_id
from desktop.domain.status import ENTRY_EVENT, Status
from desktop.models.base import utc_now
from desktop.models.history import StatusChange, StudentNumberHistory
from desktop.models.student import FamilyMember, Student
from desktop.services.students.classes import ClassResolver
from desktop.services.students.snapshots import json_value, member_values

SYNCED_ITEMS = tuple(spec.key for spec in ALL_STUDENT_FIELDS)  # class_name included
MEMBERS, STATUS, CLASS_NAME = "members", "status", "class_name"
_DATE_COLUMNS = frozenset(c.name for c in Student.__table__.columns if isinstance(c.type, Date))


def local_items(student: Student, keys: set[str] | None = None) -> dict[str, Any]:
    """The synced items of the desk's row (JSON-shaped), all or only `keys`."""
    wanted = keys if keys is not None else {*SYNCED_ITEMS, MEMBERS, STATUS}
    values: dict[str, Any] = {}
    for key in wanted:
        if key == MEMBERS:
            values[key] = [member_values(m) for m in student.members]
        elif key == CLASS_NAME:
            values[key] = student.school_class.name
        else:
            values[key] = json_value(getattr(student, key, None))
    return values


def server_items(snapshot: dict[str, Any]) -> dict[str, Any]:
    """The synced items of a snapshot, missing ones as None (creates leave out empty items)."""
    values = {key: snapshot.get(key) for key in SYNCED_ITEMS}
    values[MEMBERS] = normalised_members(snapshot.get(MEMBERS))
    values[STATUS] = snapshot.get(STATUS) or Status.ACTIVE.name
    return values


def normalised_members(members: Any) -> list[dict[str, Any]]:
    """Family members in slot order, each with every member item (None when missing)."""
    listed = [m for m in members or [] if isinstance(m, dict)]
    listed.sort(key=lambda m: m.get("slot") or 0)
    return [{spec.key: m.get(spec.key) for spec in MEMBER_FIELDS} for m in listed]


def differing(student: Student, wanted: dict[str, Any]) -> dict[str, Any]:
    """The items of `wanted` whose value differs from the desk's row."""
    have = local_items(student, set(wanted))
    if MEMBERS in wanted:
        wanted = {**wanted, MEMBERS: normalised_members(wanted[MEMBERS])}
    return {key: value for key, value in wanted.items() if have.get(key) != value}


def write_items(student: Student, items: dict[str, Any], classes: ClassResolver) -> None:
    """Set items (JSON-shaped) on the row: class by name, members replaced, dates parsed.

    The class is resolved first, so an unknown class name (DomainError) changes nothing."""
    if CLASS_NAME in items:
        student.school_class = classes.resolve(str(items[CLASS_NAME]))
    for key, value in items.items():
        if key == MEMBERS:
            student.members = [FamilyMember(id=new_id(), slot=slot, **member)
                               for slot, member in enumerate(normalised_members(value), start=1)]
        elif key in _DATE_COLUMNS:
            setattr(student, key, dt.date.fromisoformat(value) if value else None)
        elif key != CLASS_NAME:
            setattr(student, key, value)
    if "name" in items:
        student.name_key, student.name_initials, student.name_pinyin = (
            names.name_forms(student.name))
    student.updated_at = utc_now()


def set_number(session: Session, student: Student, number: str | None, provisional: bool) -> bool:
    """Record the 学籍号 the registry holds; True when the desk's number or flag changed."""
    if not number or (student.xjh == number and student.xjh_provisional == provisional):
        return False
    student.xjh, student.xjh_provisional = number, provisional
    session.add(StudentNumberHistory(
        id=new_id(), student_id=student.id, number=number, kind=number[0],
        provisional=provisional, source="central", reason="学籍中心分配",
        recorded_at=utc_now()))
    return True


def create_student(session: Session, record_id: str, snapshot: dict[str, Any],
                   classes: ClassResolver, today: dt.date) -> Student:
    """A record another desk of the school created (or a restore): the row and its entry."""
    items = server_items(snapshot)
    klass = classes.resolve(str(items.pop(CLASS_NAME)))  # DomainError before anything is added
    student = Student(id=record_id, version=1, xjh_provisional=True, possible_duplicate_of=None,
                      created_at=utc_now(), school_class=klass)
    write_items(student, items, classes)
    session.add(student)
    set_number(session, student, snapshot.get("xjh"), bool(snapshot.get("xjh_provisional")))
    session.add(StatusChange(
        id=new_id(), student_id=record_id, seq=1, change_type=ENTRY_EVENT, from_status=None,
        to_status=student.status, effective_date=today, recorded_by="sync", recorded_at=utc_now(),
        details={"source": "central"}))
    return student
