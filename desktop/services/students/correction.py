"""Correcting 受控字段: the five items the preschool matched list fixed (姓名, 性别, 出生日期,
身份证件类型, 身份证件号) change only here, the 学籍 change procedure for basic information:
the reason and the evidence (户口簿, 出生医学证明 …) are required and recorded in the audit
log, the corrected items are queued for the registry like any change, and the kept list entry
takes the corrected values so the items stay locked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.domain.record import read_record
from desktop.domain.template_output import template_row
from desktop.models.intake import PRESCHOOL, IntakeEntry
from desktop.models.school import School
from desktop.models.student import Student
from desktop.services.context import Role, Workspace
from desktop.services.errors import RecordsRejected, ServiceError
from desktop.services.journal import Journal
from desktop.services.students.classes import ClassResolver
from desktop.services.students.duplicates import BatchCheck
from desktop.services.students.intake import CONTROLLED, CONTROLLED_HEADERS
from desktop.services.students.snapshots import member_values, student_values
from desktop.services.students.update import save_changes


def correct_controlled(ws: Workspace, student_id: str, changes: Mapping[str, str], reason: str,
                       evidence: str, today: dt.date | None = None) -> tuple[str, ...]:
    """Apply `changes` ({header: template text}) to the locked items; returns the corrected
    headers. Refused without a reason and evidence, or for an item that is not locked."""
    ws.require(Role.REGISTRAR)
    if not reason.strip() or not evidence.strip():
        raise ServiceError("correction.evidence_required")
    others = sorted(set(changes) - CONTROLLED_HEADERS)
    if others or not changes:
        raise ServiceError("correction.not_controlled", items="、".join(others) or "（无）")
    with ws.store.writing() as session:
        student = session.get(Student, student_id)
        if student is None:
            raise ServiceError("student.not_found")
        school = session.scalars(select(School)).one()
        row = template_row(student_values(student), [member_values(m) for m in student.members],
                           school.code)
        record = read_record({**row, **changes})
        _follow_entries(session, student, record.values)
        classes = ClassResolver(session, school, today or dt.date.today())
        BatchCheck(session, school, classes).run([record], ignore_ids={student_id})
        if record.blocking:
            raise RecordsRejected({0: record.blocking})
        journal = Journal(session, ws.actor)
        changed = save_changes(journal, student, record.values, record.members, classes,
                               kind="student.correct")
        if changed:
            journal.audit("student.correction_evidence", "student", student.id,
                          after={"items": sorted(changes), "reason": reason.strip(),
                                 "evidence": evidence.strip()})
        return tuple(header for key, header in CONTROLLED.items() if key in changed)


def _follow_entries(session: Session, student: Student, values: Mapping[str, object]) -> None:
    """The list entries of this pupil take the corrected values (and stay linked to it)."""
    entries = session.scalars(select(IntakeEntry).where(
        IntakeEntry.kind == PRESCHOOL,
        or_(IntakeEntry.student_id == student.id, IntakeEntry.id_number == student.id_number)))
    for entry in entries:
        entry.student_id = student.id
        for key in CONTROLLED:
            if values.get(key) is not None:
                setattr(entry, key, values[key])
    session.flush()
