"""控辍保学台账: a pupil who left school during compulsory education keeps the 学籍; the
case opens with 辍学登记, collects persuasion visits, and closes (销号) with 劝返复学."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.ids import new_id
from desktop.models.school import SchoolClass
from desktop.models.student import Student
from desktop.models.verification import DropoutCase
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.journal import Journal
from desktop.services.students.lookup import find_student


@dataclass(frozen=True)
class LedgerEntry:
    student_id: str
    name: str
    class_name: str
    left_on: dt.date
    reason: str
    visits: int
    closed_on: dt.date | None
    outcome: str


def open_dropout_case(session: Session, student: Student, left_on: dt.date, reason: str) -> None:
    """Called with 辍学登记: the ledger gets a case for the pupil."""
    session.add(DropoutCase(id=new_id(), student_id=student.id, left_on=left_on,
                            reason=reason or None, visits=[]))


def close_dropout_case(session: Session, student: Student, closed_on: dt.date, outcome: str) -> None:
    """Called with 劝返复学: the open case is closed (销号)."""
    case = session.scalars(select(DropoutCase).where(DropoutCase.student_id == student.id,
                                                     DropoutCase.closed_on.is_(None))).first()
    if case is not None:
        case.closed_on, case.outcome = closed_on, outcome


def add_visit(ws: Workspace, student_ref: str, day: dt.date, method: str, people: str,
              result: str) -> None:
    """A persuasion visit (家访 / 电话 / 联合劝返) on the pupil's open case."""
    ws.require(Role.REGISTRAR)
    with ws.store.writing() as session:
        student = find_student(session, student_ref)
        case = session.scalars(select(DropoutCase).where(DropoutCase.student_id == student.id,
                                                         DropoutCase.closed_on.is_(None))).first()
        if case is None:
            raise ServiceError("ledger.no_open_case", name=student.name)
        visit = {"date": day.isoformat(), "method": method, "people": people, "result": result}
        case.visits = [*case.visits, visit]
        Journal(session, ws.actor).audit("ledger.visit", "student", student.id, after=visit)


def ledger(ws: Workspace) -> list[LedgerEntry]:
    """Every case, open ones first."""
    with ws.store.reading() as session:
        rows = session.execute(select(DropoutCase, Student.name, SchoolClass.name)
                               .join(Student, DropoutCase.student_id == Student.id)
                               .join(SchoolClass, Student.class_id == SchoolClass.id)).all()
    entries = [LedgerEntry(case.student_id, name, class_name, case.left_on, case.reason or "",
                           len(case.visits or []), case.closed_on, case.outcome or "")
               for case, name, class_name in rows]
    return sorted(entries, key=lambda e: (e.closed_on is not None, e.left_on))
