"""Data-quality checks run with each semester's 学籍核查 (domain spec §7.1).

For every pupil still at the school: the ID number (checksum, birth date, sex), missing
required items, a possible duplicate, a temporary L 学籍号 older than a year, a suspension or
deferral past its end, and an age far from the grade's norm.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.domain.grades import SchoolSystem
from desktop.domain.record import read_record
from desktop.domain.status import AT_SCHOOL, Status
from desktop.domain.template_output import template_row
from desktop.domain.workdays import one_year_after
from desktop.models.history import StatusChange, StudentNumberHistory
from desktop.models.school import School, SchoolClass
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.students.snapshots import member_values, student_values

AGE_TOLERANCE = 2
_ENTRY_AGE = 6


@dataclass(frozen=True)
class Finding:
    student_id: str
    name: str
    class_name: str
    check: str  # 证件号 / 必填项 / 疑似重复 / 临时学籍号 / 休学逾期 / 年龄
    detail: str


def quality_findings(ws: Workspace, today: dt.date | None = None) -> list[Finding]:
    """Every problem found, in class and pinyin order."""
    today = today or dt.date.today()
    with ws.store.reading() as session:
        school = session.scalars(select(School)).one()
        system = SchoolSystem.parse(school.system, school.stages)
        students = session.scalars(
            select(Student).where(Student.status.in_(AT_SCHOOL))
            .options(selectinload(Student.members),
                     selectinload(Student.school_class).selectinload(SchoolClass.grade))
            .order_by(Student.class_id, Student.name_key)).all()
        l_since = _l_numbers_since(session)
        suspended_until = _suspensions(session)
        findings: list[Finding] = []
        for student in students:
            findings.extend(_check(student, school.code, system, today, l_since, suspended_until))
    return findings


def _check(student: Student, school_code: str, system: SchoolSystem, today: dt.date,
           l_since: dict[str, dt.datetime], suspended_until: dict[str, dt.date]
           ) -> Iterator[Finding]:
    klass = student.school_class

    def finding(check: str, detail: str) -> Finding:
        return Finding(student.id, student.name, klass.name, check, detail)

    record = read_record(template_row(student_values(student),
                                      [member_values(m) for m in student.members], school_code))
    for error in record.errors:
        if not error.warning:
            kind = "证件号" if "身份证件号" in error.field or error.field in ("出生日期", "性别") \
                else "必填项"
            yield finding(kind, f"{error.field}（{error.code}）")
    if student.possible_duplicate_of:
        yield finding("疑似重复", "与另一名学生姓名、出生日期、性别相同")
    since = l_since.get(student.id)
    if student.xjh and student.xjh.startswith("L") and since and \
            one_year_after(since.date()) < today:
        yield finding("临时学籍号", f"临时学籍号 {student.xjh} 已超过一年")
    end = suspended_until.get(student.id)
    if student.status == Status.SUSPENDED.name and end and end < today:
        yield finding("休学逾期", f"休学已于 {end:%Y-%m-%d} 期满，尚未复学或续休")
    gap = _age_gap(student, klass, system, today)
    if abs(gap) > AGE_TOLERANCE:
        yield finding("年龄", f"年龄与{klass.grade.name}的常见年龄相差 {abs(gap)} 岁")


def _age_gap(student: Student, klass: SchoolClass, system: SchoolSystem, today: dt.date) -> int:
    """Age on 1 September of this school year minus the usual age of the pupil's grade."""
    year = today.year if today.month >= 9 else today.year - 1
    september = dt.date(year, 9, 1)
    birth = student.birth_date
    age = september.year - birth.year - ((september.month, september.day) < (birth.month, birth.day))
    stages = ("小学", "初中", "高中")
    before = sum(system.years[s] for s in stages[: stages.index(klass.grade.stage)])
    return age - (_ENTRY_AGE + before + klass.grade.level - 1)


def _l_numbers_since(session: Session) -> dict[str, dt.datetime]:
    rows = session.execute(select(StudentNumberHistory.student_id,
                                  StudentNumberHistory.recorded_at)
                           .where(StudentNumberHistory.kind == "L"))
    return {student_id: at for student_id, at in rows}


def _suspensions(session: Session) -> dict[str, dt.date]:
    rows = session.execute(select(StatusChange.student_id, StatusChange.end_date)
                           .where(StatusChange.to_status == Status.SUSPENDED.name,
                                  StatusChange.end_date.is_not(None))
                           .order_by(StatusChange.seq))
    return {student_id: end for student_id, end in rows if end is not None}  # is_not(None) above
