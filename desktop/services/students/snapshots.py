"""ORM rows -> plain data: JSON-safe snapshots (audit, outbox) and frozen DTOs (views, CLI)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from desktop.domain.codes import table
from desktop.domain.fields import ALL_STUDENT_FIELDS, MEMBER_FIELDS
from desktop.domain.status import Status
from desktop.models.student import FamilyMember, Student
from desktop.services.students.dto import StudentDetail, StudentRow

_STORED_KEYS = [spec.key for spec in ALL_STUDENT_FIELDS if spec.key != "class_name"]


def json_value(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def member_values(member: FamilyMember) -> dict[str, Any]:
    return {spec.key: getattr(member, spec.key) for spec in MEMBER_FIELDS}


def student_values(student: Student) -> dict[str, Any]:
    values = {key: getattr(student, key) for key in _STORED_KEYS}
    values["class_name"] = student.school_class.name
    return values


def student_snapshot(student: Student) -> dict[str, Any]:
    """What the audit log and the outbox record of a student (codes, ISO dates)."""
    snapshot = {key: json_value(value) for key, value in student_values(student).items()}
    snapshot["members"] = [member_values(m) for m in student.members]
    snapshot["xjh"] = student.xjh
    snapshot["status"] = student.status
    return snapshot


def flags_from(left_behind: str | None, migrant: str | None, disability: str | None,
               regular_class: str | None, attendance: str | None) -> tuple[str, ...]:
    """Short labels of the roster flags: 留守, 随迁, 残疾, 随班就读, 寄宿."""
    marks = (
        (left_behind not in (None, "0"), "留守"), (migrant == "1", "随迁"),
        (disability not in (None, "0"), "残疾"), (regular_class not in (None, "0"), "随班就读"),
        (attendance == "2", "寄宿"),
    )
    return tuple(label for on, label in marks if on)


def flags_of(student: Student) -> tuple[str, ...]:
    return flags_from(student.left_behind, student.migrant_child, student.disability,
                      student.regular_class, student.attendance)


def row_from_columns(r: Sequence[Any]) -> StudentRow:
    """A roster row from the columns selected by the search (see student_read._ROW_COLUMNS)."""
    return StudentRow(
        id=r[0], name=r[1], sex=table("xb").name_of(r[2]), birth_date=r[3], class_name=r[4],
        grade_name=r[5], id_type=r[6], id_number=r[7], xjh=r[8], xjh_provisional=r[9],
        status=Status[r[10]].label, flags=flags_from(*r[11:16]),
    )


def summary_row(student: Student) -> StudentRow:
    klass = student.school_class
    return StudentRow(
        id=student.id, name=student.name, sex=table("xb").name_of(student.sex),
        birth_date=student.birth_date, class_name=klass.name, grade_name=klass.grade.name,
        id_type=student.id_type, id_number=student.id_number, xjh=student.xjh,
        xjh_provisional=student.xjh_provisional, status=Status[student.status].label,
        flags=flags_of(student),
    )


def detail_of(student: Student) -> StudentDetail:
    return StudentDetail(
        id=student.id, values=student_values(student),
        members=tuple(member_values(m) for m in student.members),
        grade_name=student.school_class.grade.name, xjh=student.xjh,
        xjh_provisional=student.xjh_provisional, status=Status[student.status].label,
        version=student.version, possible_duplicate_of=student.possible_duplicate_of,
    )
