"""Changing one student's basic information: validate, then write the changed items with
their audit entry (before/after) and an outbox patch carrying the record's base version."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import select

from desktop.domain import names, xjh
from desktop.domain.ids import new_id
from desktop.domain.record import read_record
from desktop.domain.status import Status
from desktop.models.base import utc_now
from desktop.models.school import School
from desktop.models.student import FamilyMember, Student
from desktop.services.changed import Changed
from desktop.services.context import Role, Workspace
from desktop.services.errors import RecordsRejected, ServiceError
from desktop.services.journal import Journal
from desktop.services.students.classes import ClassResolver
from desktop.services.students.dto import AddResult
from desktop.services.students.duplicates import BatchCheck
from desktop.services.students.intake import refuse_controlled, take_handover_number_on_correction
from desktop.services.students.snapshots import json_value, member_values, student_values, summary_row


def update_student(ws: Workspace, student_id: str, row: Mapping[str, Any], *,
                   expected_version: int | None = None, today: dt.date | None = None,
                   hold_if_duplicate: bool = False) -> AddResult:
    """Apply a template-shaped row to an existing student (all items, members included).
    `hold_if_duplicate`: as for add_students."""
    ws.require(Role.REGISTRAR)
    record = read_record(dict(row))
    with ws.store.writing() as session:
        student = session.get(Student, student_id)
        if student is None:
            raise ServiceError("student.not_found")
        if student.status == Status.TRANSFERRED_OUT.name:
            raise ServiceError("student.transferred_out", name=student.name)
        if expected_version is not None and student.version != expected_version:
            raise ServiceError("student.changed_meanwhile")
        school = session.scalars(select(School)).one()
        classes = ClassResolver(session, school, today or dt.date.today())
        check = BatchCheck(session, school, classes)
        check.run([record], ignore_ids={student_id})
        if record.blocking:
            raise RecordsRejected({0: record.blocking})
        if hold_if_duplicate:
            check.hold_if_same_person(ws)
        journal = Journal(session, ws.actor)
        changed = save_changes(journal, student, record.values, record.members, classes,
                               check=lambda items: refuse_controlled(session, student, items))
        if "id_number" in changed:
            take_handover_number_on_correction(session, journal, student)
        match = check.matches.get(0)
        duplicates = {0: summary_row(match)} if match else {}
        moved = classes.made_classes or "class_name" in changed  # the counts by class differ
        shown = Changed(students=frozenset({student_id}), roster=moved,
                        tasks=True) if changed else Changed()
    warnings = [e for e in record.errors if e.warning]
    return AddResult((student_id,), {0: warnings} if warnings else {}, duplicates, shown)


def save_changes(journal: Journal, student: Student, values: dict[str, Any],
                 members: list[dict[str, Any]], classes: ClassResolver, *,
                 kind: str = "student.update",
                 check: Callable[[dict[str, Any]], None] | None = None) -> dict[str, Any]:
    """Write a validated row onto the student and journal what changed (audit before/after,
    outbox patch on the record's base version): the editor's save, the import's update and
    the correction of 受控字段. `check` may refuse the changed items before anything is
    journaled. Returns the items that changed."""
    before, changed = write_row(student, values, members, classes)
    if check is not None:
        check(changed)
    if changed:
        journal.change(kind, "student", student.id, op="patch", payload=changed,
                       before={k: before.get(k) for k in changed},
                       base_version=student.version - 1)
    return changed


def write_row(student: Student, values: dict[str, Any], members: list[dict[str, Any]],
              classes: ClassResolver) -> tuple[dict[str, Any], dict[str, Any]]:
    """Write a validated row onto the student: (the items before, the items that changed).
    The version goes up only when something changed, so a save that changes nothing keeps
    the version the registry knows."""
    before = _snapshot(student)
    _apply(student, values, members, classes)
    after = _snapshot(student)
    changed = {k: v for k, v in after.items() if before.get(k) != v}
    if changed:
        student.version += 1
        student.updated_at = utc_now()
    return before, changed


def _snapshot(student: Student) -> dict[str, Any]:
    values = {k: json_value(v) for k, v in student_values(student).items()}
    values["members"] = [member_values(m) for m in student.members]
    return values


def _apply(student: Student, values: dict[str, Any], members: list[dict[str, Any]],
           classes: ClassResolver) -> None:
    values = dict(values)
    student.school_class = classes.resolve(values.pop("class_name"))
    for key, value in values.items():
        setattr(student, key, value)
    student.name_key, student.name_initials, student.name_pinyin = (
        names.name_forms(student.name))
    if student.xjh_provisional:
        number = xjh.provisional_for(student.id_type, student.id_number or "")
        student.xjh = number.value if number else None
    student.members = [FamilyMember(id=new_id(), slot=slot, **member)
                       for slot, member in enumerate(members, start=1)]
