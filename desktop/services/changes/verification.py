"""学籍核查 each semester.

A verification round (e.g. 2026-2027-1) marks each pupil 人籍一致 / 在籍不在校 / 在校不在籍 /
空挂学籍 / 信息不符; any mark but 人籍一致 needs a follow-up action, due in 10 working days unless
given. Class summaries count who is on the roll, checked, consistent and different.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.ids import new_id
from desktop.domain.status import AT_SCHOOL
from desktop.domain.workdays import add_workdays
from desktop.models.base import utc_now
from desktop.models.school import SchoolClass
from desktop.models.student import Student
from desktop.models.verification import VerificationMark
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.journal import Journal
from desktop.services.students.lookup import find_student

CONSISTENT = "人籍一致"
CONCLUSIONS = (CONSISTENT, "在籍不在校", "在校不在籍", "空挂学籍", "信息不符")
FOLLOW_UP_DAYS = 10


def semester_round(day: dt.date) -> str:
    """'2026-2027-1' for autumn (September-January), '2025-2026-2' for spring."""
    if day.month >= 9:
        return f"{day.year}-{day.year + 1}-1"
    if day.month == 1:
        return f"{day.year - 1}-{day.year}-1"
    return f"{day.year - 1}-{day.year}-2"


@dataclass(frozen=True)
class Mark:
    conclusion: str
    student: str = ""  # ID number or 学籍号; empty for a pupil with no 学籍 here
    name: str = ""  # needed when there is no record (在校不在籍)
    class_name: str = ""
    reason: str = ""
    whereabouts: str = ""
    action: str = ""
    due: dt.date | None = None


def record_mark(ws: Workspace, mark: Mark, today: dt.date | None = None) -> None:
    """Record (or correct) one pupil's conclusion in the current round."""
    ws.require(Role.REGISTRAR, Role.APPROVER)
    today = today or dt.date.today()
    if mark.conclusion not in CONCLUSIONS:
        raise ServiceError("verify.conclusion", value=mark.conclusion, known="、".join(CONCLUSIONS))
    if mark.conclusion != CONSISTENT and not mark.action.strip():
        raise ServiceError("verify.action_required", conclusion=mark.conclusion)
    with ws.store.writing() as session:
        student = find_student(session, mark.student) if mark.student else None
        if student is None and not mark.name.strip():
            raise ServiceError("verify.who")
        row = _mark_row(session, semester_round(today), student, mark)
        row.conclusion, row.reason, row.whereabouts = mark.conclusion, mark.reason, mark.whereabouts
        row.action = mark.action or None
        row.due = mark.due or (None if mark.conclusion == CONSISTENT
                               else add_workdays(today, FOLLOW_UP_DAYS).due)
        row.checker, row.checked_at = ws.actor.account_id, utc_now()
        Journal(session, ws.actor).audit("verification.mark", "student", row.student_id or row.name,
                                         after={"round": row.round, "conclusion": row.conclusion})


def _mark_row(session: Session, round_: str, student: Student | None, mark: Mark
              ) -> VerificationMark:
    name = student.name if student else mark.name.strip()
    existing = session.scalars(select(VerificationMark).where(
        VerificationMark.round == round_, VerificationMark.name == name,
        VerificationMark.student_id == (student.id if student else None))).first()
    if existing is not None:
        return existing
    row = VerificationMark(id=new_id(), round=round_, student_id=student.id if student else None,
                           name=name, class_name=student.school_class.name if student
                           else mark.class_name, conclusion=mark.conclusion, checker="")
    session.add(row)
    return row


@dataclass(frozen=True)
class ClassSummary:
    class_name: str
    on_roll: int  # 应在籍
    checked: int
    consistent: int
    different: Counter[str]  # conclusion -> count (in the class's marks)


def class_summaries(ws: Workspace, today: dt.date | None = None) -> list[ClassSummary]:
    round_ = semester_round(today or dt.date.today())
    with ws.store.reading() as session:
        roll = Counter(session.scalars(select(SchoolClass.name).join(Student)
                                       .where(Student.status.in_(AT_SCHOOL))))
        marks = session.scalars(select(VerificationMark)
                                .where(VerificationMark.round == round_)).all()
    by_class: dict[str, Counter[str]] = {}
    for mark in marks:
        by_class.setdefault(mark.class_name, Counter())[mark.conclusion] += 1
    names = sorted(set(roll) | set(by_class))
    return [ClassSummary(name, roll.get(name, 0), sum(by_class.get(name, Counter()).values()),
                         by_class.get(name, Counter())[CONSISTENT],
                         Counter({k: v for k, v in by_class.get(name, Counter()).items()
                                  if k != CONSISTENT}))
            for name in names]
