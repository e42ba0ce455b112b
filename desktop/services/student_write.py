"""Adding students: validate the whole batch, then write every record with its family,
学籍号, first status event, audit entry and outbox entry in one transaction (or nothing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select

from desktop.domain import names, xjh
from desktop.domain.ids import new_id
from desktop.domain.record import Record, read_record
from desktop.domain.status import ENTRY_EVENT, Status
from desktop.models.history import StatusChange, StudentNumberHistory
from desktop.models.school import School
from desktop.models.student import FamilyMember, Student
from desktop.services.checks import BatchCheck
from desktop.services.classes import ClassResolver
from desktop.services.context import Role, Workspace
from desktop.services.dto import AddResult
from desktop.services.errors import RecordsRejected
from desktop.services.journal import Journal
from desktop.services.snapshots import student_snapshot, summary_row


def add_students(ws: Workspace, rows: Sequence[Mapping[str, Any]],
                 today: dt.date | None = None) -> AddResult:
    """Create every record of `rows` (template-shaped), or none if any is invalid."""
    ws.require(Role.REGISTRAR)
    today = today or dt.date.today()
    records = [read_record(dict(row)) for row in rows]
    with ws.store.writing() as session:
        school = session.scalars(select(School)).one()
        classes = ClassResolver(session, school, today)
        check = BatchCheck(session, school, classes)
        check.run(records)
        problems = {i: r.blocking for i, r in enumerate(records) if r.blocking}
        if problems:
            raise RecordsRejected(problems)
        journal = Journal(session, ws.actor)
        ids = []
        for index, record in enumerate(records):
            match = check.matches.get(index)
            student = _new_student(record, classes, match.id if match else None)
            session.add(student)
            _record_creation(session, journal, ws, student, today)
            ids.append(student.id)
    warnings = {i: [e for e in r.errors if e.warning] for i, r in enumerate(records)}
    duplicates = {i: summary_row(s) for i, s in check.matches.items()}
    return AddResult(tuple(ids), {i: w for i, w in warnings.items() if w}, duplicates)


def _new_student(record: Record, classes: ClassResolver, duplicate_of: str | None) -> Student:
    values = dict(record.values)
    class_name = values.pop("class_name")
    name = values["name"]
    student = Student(
        id=new_id(), school_class=classes.resolve(class_name), status=Status.ACTIVE.name,
        name_key=names.pinyin_key(name), name_initials=names.initials(name),
        name_pinyin=names.display_pinyin(name), possible_duplicate_of=duplicate_of,
        version=1, **values,
    )
    number = xjh.provisional_for(values["id_type"], values.get("id_number") or "")
    student.xjh = number.value if number else None
    student.xjh_provisional = True
    student.members = [
        FamilyMember(id=new_id(), slot=slot, **member)
        for slot, member in enumerate(record.members, start=1)
    ]
    return student


def _record_creation(session: Any, journal: Journal, ws: Workspace, student: Student,
                     today: dt.date) -> None:
    if student.xjh:
        session.add(StudentNumberHistory(
            id=new_id(), student_id=student.id, number=student.xjh, kind=student.xjh[0],
            provisional=True, source="local", reason="按居民身份证号生成，待国家系统确认"))
    session.add(StatusChange(
        id=new_id(), student_id=student.id, seq=1, change_type=ENTRY_EVENT, from_status=None,
        to_status=Status.ACTIVE.name, effective_date=today, recorded_by=ws.actor.account_id))
    journal.change("student.create", "student", student.id, op="create",
                   payload=student_snapshot(student))
