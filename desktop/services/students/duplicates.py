"""Checks of a batch of student records against the database and against each other.

The same ID number twice is refused (within the batch or against a stored student); the
same name + birth date + sex is flagged as a possible duplicate with the matching record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.codes import table
from desktop.domain.errors import DomainError
from desktop.domain.grades import SENIOR
from desktop.domain.record import Record
from desktop.models.school import School
from desktop.models.student import Student
from desktop.services.students.classes import ClassResolver
from desktop.services.students.intake import check_new_records

_CHUNK = 500
COMPULSORY = "义务教育"
OTHER_ENTRY_MODES = {COMPULSORY: "12", SENIOR: "99"}  # 义务教育阶段其他 / 高中阶段其他


def chunks(items: list[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class BatchCheck:
    """Adds database-dependent errors to the records of one batch."""

    def __init__(self, session: Session, school: School, classes: ClassResolver) -> None:
        self.session = session
        self.school = school
        self.classes = classes
        self.matches: dict[int, Student] = {}

    def run(self, records: list[Record], ignore_ids: Iterable[str] = ()) -> None:
        for record in records:
            self._check_school(record)
            self._check_class(record)
        self._check_id_numbers(records, set(ignore_ids))
        check_new_records(self.session, records)  # the preschool list's 受控字段
        self._find_possible_duplicates(records, set(ignore_ids))

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
        for part in chunks(list(seen)):
            rows = self.session.scalars(select(Student).where(Student.id_number.in_(part)))
            for student in rows:
                if student.id in ignore:
                    continue
                record = records[seen[student.id_number or ""]]
                record.fail("身份证件号", DomainError("id.exists", name=student.name,
                                                      class_name=_class_name(student),
                                                      xjh=student.xjh or ""))

    def _find_possible_duplicates(self, records: list[Record], ignore: set[str]) -> None:
        keys: dict[tuple[str, dt.date, str], int] = {}
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
        names = sorted({k[0] for k in keys})
        for part in chunks(names):
            for student in self.session.scalars(select(Student).where(Student.name.in_(part))):
                found = keys.get((student.name, student.birth_date, student.sex))
                if found is not None and student.id not in ignore:
                    self.matches[found] = student
                    records[found].fail("姓名", DomainError(
                        "student.possible_duplicate", name=student.name,
                        class_name=_class_name(student), xjh=student.xjh or ""), warning=True)


def _class_name(student: Student) -> str:
    return student.school_class.name
