"""Checks of a batch of student records against the database and against each other.

The same ID number twice is refused (within the batch or against a stored student); the
same name + birth date + sex is flagged as a possible duplicate with the matching record.
`same_person` is the one query for that flag: the save that asks the user first (the
editor) and the save that only marks the record (the import) both get it from here, once
per save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.codes import table
from desktop.domain.errors import DomainError
from desktop.domain.grades import SENIOR
from desktop.domain.record import Record
from desktop.models.school import School
from desktop.models.sets import among, rowid
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.students.classes import ClassResolver
from desktop.services.students.dto import StudentRow
from desktop.services.students.id_policy import rows_for
from desktop.services.students.intake import check_new_records
from desktop.services.students.snapshots import summary_row

COMPULSORY = "义务教育"
OTHER_ENTRY_MODES = {COMPULSORY: "12", SENIOR: "99"}  # 义务教育阶段其他 / 高中阶段其他


PersonKey = tuple[str, dt.date, str]  # name, birth date, sex


class PossibleDuplicates(ServiceError):
    """The save was held back (nothing written) because stored students share a record's name,
    birth date and sex; `rows[i]` lists them for record i, so the caller can ask the user and
    save again with the duplicates accepted."""

    def __init__(self, rows: dict[int, tuple[StudentRow, ...]]) -> None:
        first = next(iter(rows.values()))[0]
        super().__init__("student.possible_duplicate_held", name=first.name,
                         class_name=first.class_name, xjh=first.xjh or "")
        self.rows = rows


class BatchCheck:
    """Adds database-dependent errors to the records of one batch."""

    def __init__(self, session: Session, school: School, classes: ClassResolver) -> None:
        self.session = session
        self.school = school
        self.classes = classes
        self.matches: dict[int, Student] = {}
        self.same_person: dict[int, list[Student]] = {}

    def run(self, records: list[Record], ignore_ids: Iterable[str] = ()) -> None:
        for record in records:
            self._check_school(record)
            self._check_class(record)
        self._check_id_numbers(records, set(ignore_ids))
        check_new_records(self.session, records)  # the preschool list's 受控字段
        self._find_possible_duplicates(records, set(ignore_ids))

    def hold_if_same_person(self, ws: Workspace) -> None:
        """Raise PossibleDuplicates (the caller's transaction writes nothing) when a record
        matched a stored student; the rows are masked for `ws` like every roster row."""
        if self.same_person:
            raise PossibleDuplicates({i: rows_for(ws, (summary_row(s) for s in students))
                                      for i, students in sorted(self.same_person.items())})

    def _check_school(self, record: Record) -> None:
        if record.school_code and record.school_code != self.school.code:
            record.fail("学校标识码", DomainError("school.code_mismatch", value=record.school_code,
                                                  expected=self.school.code))

    def _check_class(self, record: Record) -> None:
        name = record.values.get("class_name")
        if not name:
            return
        try:
            grade = self.classes.grade_of(name)
        except DomainError as error:
            record.fail("班级", error)
            return
        mode = record.values.get("entry_mode")
        if mode:
            wanted = SENIOR if grade.stage == SENIOR else COMPULSORY
            if mode in OTHER_ENTRY_MODES.values():  # 其他 names one code per stage: the class's stage
                mode = record.values["entry_mode"] = OTHER_ENTRY_MODES[wanted]
            if table("rxfs").attribute(mode, "stage") != wanted:
                record.fail("入学方式", DomainError("entry_mode.stage", stage=grade.stage))

    def _check_id_numbers(self, records: list[Record], ignore: set[str]) -> None:
        seen: dict[str, int] = {}
        for index, record in enumerate(records):
            number = record.values.get("id_number")
            if not number:
                continue
            if number in seen:
                error = DomainError("id.duplicate_in_batch", other=seen[number] + 1)
                record.fail("身份证件号", error)
            seen.setdefault(number, index)
        if not seen:
            return
        for student in self.session.scalars(select(Student).where(among(Student.id_number, seen))):
            if student.id in ignore:
                continue
            record = records[seen[student.id_number or ""]]
            record.fail("身份证件号", DomainError("id.exists", name=student.name,
                                                  class_name=_class_name(student),
                                                  xjh=student.xjh or ""))

    def _find_possible_duplicates(self, records: list[Record], ignore: set[str]) -> None:
        keys: dict[PersonKey, int] = {}
        for index, record in enumerate(records):
            values = record.values
            name, birth, sex = values.get("name"), values.get("birth_date"), values.get("sex")
            if name is None or birth is None or sex is None:
                continue
            key = (name, birth, sex)
            if key in keys:
                record.fail("姓名", DomainError("student.possible_duplicate_in_batch",
                                                other=keys[key] + 1), warning=True)
            keys.setdefault(key, index)
        for key, students in same_person(self.session, keys, ignore).items():
            index = keys[key]
            self.same_person[index] = students
            for student in students:
                self.matches[index] = student
                records[index].fail("姓名", DomainError(
                    "student.possible_duplicate", name=student.name,
                    class_name=_class_name(student), xjh=student.xjh or ""), warning=True)


def same_person(session: Session, keys: Iterable[PersonKey],
               ignore: Iterable[str] = ()) -> dict[PersonKey, list[Student]]:
    """Stored students (other than `ignore`) with the same name, birth date and sex as each
    key: a possible 一人多籍. One statement reads the few columns of every student bearing
    one of the names; only the students that match are loaded whole."""
    wanted, skip = set(keys), set(ignore)
    if not wanted:
        return {}
    people = session.execute(
        select(Student.id, Student.name, Student.birth_date, Student.sex)
        .where(among(Student.name, {key[0] for key in wanted}))
        .order_by(Student.name, rowid("student")))
    hits = [(key, student_id) for student_id, *person in people
            if (key := tuple(person)) in wanted and student_id not in skip]
    loaded = load_students(session, [student_id for _key, student_id in hits])
    found: dict[PersonKey, list[Student]] = {}
    for key, student_id in hits:
        found.setdefault(key, []).append(loaded[student_id])
    return found


def load_students(session: Session, ids: list[str], *options: Any) -> dict[str, Student]:
    """{id: student} of `ids`, in one statement (`options`: what to load with them)."""
    if not ids:
        return {}
    query = select(Student).where(among(Student.id, ids)).options(*options)
    return {student.id: student for student in session.scalars(query)}


def _class_name(student: Student) -> str:
    return student.school_class.name
