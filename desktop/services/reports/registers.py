"""What the printed registers show: a class roster, the semester verification report, the
控辍保学 ledger with each pupil's particulars, and a 缓学 entry for its application form.

Each read returns frozen data with the school's name and code, ready for desktop.printing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.status import AT_SCHOOL, Status
from desktop.models.deferral import DeferralEntry
from desktop.models.school import School
from desktop.models.verification import DropoutCase, VerificationMark
from desktop.services.changes.dropout_ledger import LedgerEntry, ledger
from desktop.services.changes.verification import CONSISTENT, ClassSummary, class_summaries, semester_round
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.students.id_policy import numbers_for
from desktop.services.students.printable import PrintableStudent, printable_students

AT_SCHOOL_LABELS = frozenset(Status[name].label for name in AT_SCHOOL)
# Conclusions of pupils found in school (the others were not there).
PRESENT = (CONSISTENT, "在校不在籍", "信息不符")


def _school(session: Session) -> tuple[str, str]:
    school = session.scalars(select(School)).one()
    return school.name, school.code


@dataclass(frozen=True)
class ClassRoster:
    school_name: str
    school_code: str
    class_name: str
    students: tuple[PrintableStudent, ...]  # pupils at school (在籍在读, 休学, 转出中), roster order


def class_roster(ws: Workspace, class_name: str) -> ClassRoster:
    """The pupils of one class who are at school; ServiceError if there is no such class."""
    students = printable_students(ws, class_name=class_name)
    with ws.store.reading() as session:
        name, code = _school(session)
    return ClassRoster(name, code, class_name,
                       tuple(s for s in students if s.snapshot.get("status_label") in AT_SCHOOL_LABELS))


@dataclass(frozen=True)
class Difference:
    class_name: str
    name: str
    conclusion: str
    reason: str
    whereabouts: str
    action: str
    due: dt.date | None


@dataclass(frozen=True)
class VerificationReport:
    school_name: str
    school_code: str
    round: str  # 2026-2027-1
    summaries: tuple[ClassSummary, ...]
    differences: tuple[Difference, ...]


def present(summary: ClassSummary) -> int:
    """实际在校: pupils whose mark says they were found in school."""
    return summary.consistent + sum(summary.different[c] for c in PRESENT if c != CONSISTENT)


def verification_report(ws: Workspace, today: dt.date | None = None) -> VerificationReport:
    """The current round's class summaries and every mark other than 人籍一致."""
    day = today or dt.date.today()
    round_ = semester_round(day)
    with ws.store.reading() as session:
        marks = session.scalars(select(VerificationMark).where(
            VerificationMark.round == round_, VerificationMark.conclusion != CONSISTENT)
            .order_by(VerificationMark.class_name, VerificationMark.name)).all()
        differences = tuple(Difference(m.class_name, m.name, m.conclusion, m.reason or "",
                                       m.whereabouts or "", m.action or "", m.due) for m in marks)
        name, code = _school(session)
    return VerificationReport(name, code, round_, tuple(class_summaries(ws, day)), differences)


@dataclass(frozen=True)
class DropoutLine:
    entry: LedgerEntry
    student: PrintableStudent
    whereabouts: str
    responsible: str  # 包保责任人
    visits: tuple[dict[str, Any], ...]  # {date, method, people, result}, oldest first


@dataclass(frozen=True)
class DropoutRegister:
    school_name: str
    school_code: str
    lines: tuple[DropoutLine, ...]  # open cases first, as the ledger orders them


def dropout_register(ws: Workspace) -> DropoutRegister:
    """The ledger's cases with each pupil's particulars and the visits of each case."""
    entries = ledger(ws)
    with ws.store.reading() as session:
        cases = {(c.student_id, c.left_on): c for c in session.scalars(select(DropoutCase))}
        details = {key: (c.whereabouts or "", c.responsible or "", tuple(c.visits or ()))
                   for key, c in cases.items()}
        name, code = _school(session)
    lines = tuple(DropoutLine(e, printable_students(ws, student=e.student_id)[0],
                              *details.get((e.student_id, e.left_on), ("", "", ())))
                  for e in entries)
    return DropoutRegister(name, code, lines)


@dataclass(frozen=True)
class PrintableDeferral:
    school_name: str
    school_code: str
    id: str
    name: str
    id_number: str
    birth_date: dt.date
    guardian: str
    phone: str
    reason: str
    certificate: str
    start: dt.date
    until: dt.date
    renewal: bool  # a re-application following an earlier deferral


def printable_deferral(ws: Workspace, deferral_id: str) -> PrintableDeferral:
    with ws.store.reading() as session:
        entry = session.get(DeferralEntry, deferral_id)
        if entry is None:
            raise ServiceError("print.deferral_not_found")
        name, code = _school(session)
        printable = PrintableDeferral(name, code, entry.id, entry.name, entry.id_number or "",
                                      entry.birth_date, entry.guardian, entry.phone or "",
                                      entry.reason, entry.certificate, entry.start, entry.until,
                                      bool(entry.follows))
    return numbers_for(ws, printable, "id_number")
