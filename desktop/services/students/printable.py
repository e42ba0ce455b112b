"""What a printed form shows of a student: the template row as it reads on paper (region
names, 2018-10-01, 2024年09月: desktop.domain.paper) plus 姓名拼音 and 年级, the school, and the
record version with a short hash, so a paper copy can later be checked."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.domain.paper import paper_row
from desktop.domain.status import DECISION_EVENT, ENTRY_EVENT, Status
from desktop.domain.template_output import template_row
from desktop.models.history import StatusChange
from desktop.models.school import School, SchoolClass
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.students.id_policy import full_ids_allowed, mask_xjh, template_row_for
from desktop.services.students.lookup import find_student
from desktop.services.students.snapshots import member_values, student_snapshot, student_values


@dataclass(frozen=True)
class PrintableStudent:
    school_name: str
    school_code: str
    row: dict[str, str]  # template header -> text, plus 姓名拼音 and 年级
    record_id: str
    version: int
    snapshot: dict[str, Any]  # the record as printed (its hash goes in the footer)
    xjh: str = ""
    photo: bytes | None = None
    changes: tuple[tuple[str, str, str, str], ...] = ()  # date, change, reason, approval


def _printable(session: Session, student: Student, school: School) -> PrintableStudent:
    row = paper_row(template_row(student_values(student),
                                 [member_values(m) for m in student.members], school.code))
    row["姓名拼音"] = student.name_pinyin or ""
    row["年级"] = student.school_class.grade.name
    snapshot = {**student_snapshot(student), "status_label": Status[student.status].label}
    return PrintableStudent(school.name, school.code, row, student.id, student.version,
                            snapshot, student.xjh or "", student.photo,
                            _changes(session, student))


def _changes(session: Session, student: Student) -> tuple[tuple[str, str, str, str], ...]:
    """The 学籍变动 lines a card records (entering the desk and outcomes are not changes)."""
    events = session.scalars(select(StatusChange).where(
        StatusChange.student_id == student.id,
        StatusChange.change_type.not_in((ENTRY_EVENT, DECISION_EVENT)))
        .order_by(StatusChange.seq))
    return tuple((f"{e.effective_date:%Y-%m-%d}", e.change_type, e.reason or "",
                  ((e.details or {}).get("approval") or {}).get("approver", ""))
                 for e in events)


def printable_students(ws: Workspace, student: str = "", class_name: str = ""
                       ) -> list[PrintableStudent]:
    """One student (by ID number, 学籍号 or record id) or a whole class in roster order."""
    with ws.store.reading() as session:
        school = session.scalars(select(School)).one()
        if student:
            pupils: Sequence[Student] = [find_student(session, student)]
        else:
            klass = session.scalars(select(SchoolClass)
                                    .where(SchoolClass.name == class_name)).first()
            if klass is None:
                raise ServiceError("print.class_not_found", class_name=class_name)
            pupils = _roster(session, klass.id)
        return [_for_role(ws, _printable(session, pupil, school)) for pupil in pupils]


def _for_role(ws: Workspace, printable: PrintableStudent) -> PrintableStudent:
    """A viewer's prints carry masked ID numbers and 学籍号 (desktop.services.students.id_policy)."""
    if full_ids_allowed(ws):
        return printable
    return dataclasses.replace(printable, row=template_row_for(ws, printable.row),
                               xjh=mask_xjh(printable.xjh) or "")


def _roster(session: Session, class_id: str) -> Sequence[Student]:
    """A class's students in roster (pinyin) order."""
    return session.scalars(select(Student).where(Student.class_id == class_id)
                           .options(selectinload(Student.members))
                           .order_by(Student.name_key, Student.id)).all()
