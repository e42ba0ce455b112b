"""The photos of the students for the national system's batch photo import (§8.3): one JPEG per
student, named by ID number, or 学校标识码_班号_姓名 for a pupil without one; read in batches so
a whole school's photos never sit in memory at once."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.models.school import Grade, School, SchoolClass
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError

BATCH = 200


@dataclass(frozen=True)
class StudentPhoto:
    file_name: str  # by the national rule, with .jpg
    has_id_number: bool
    grade_name: str
    class_name: str
    jpeg: bytes


def student_photos(ws: Workspace, class_name: str | None = None) -> Iterator[StudentPhoto]:
    """Every stored photo (of one class if named), in grade and class order."""
    with ws.store.reading() as session:
        school_code = session.scalars(select(School.code)).one()
        query = (select(Student.id).join(Student.school_class).join(SchoolClass.grade)
                 .where(Student.photo.is_not(None))
                 .order_by(Grade.stage, Grade.level, SchoolClass.number, Student.name_key))
        if class_name is not None:
            if session.scalars(select(SchoolClass.id).where(SchoolClass.name == class_name)).first() is None:
                raise ServiceError("export.class_not_found", class_name=class_name)
            query = query.where(SchoolClass.name == class_name)
        ids = list(session.scalars(query))
    for start in range(0, len(ids), BATCH):
        yield from _batch(ws, ids[start:start + BATCH], school_code)


def _batch(ws: Workspace, ids: list[str], school_code: str) -> list[StudentPhoto]:
    with ws.store.reading() as session:
        found = session.execute(
            select(Student.id, Student.id_type, Student.id_number, Student.name, Student.photo,
                   SchoolClass.number, SchoolClass.name, Grade.name)
            .join(Student.school_class).join(SchoolClass.grade).where(Student.id.in_(ids))).all()
    order = {student_id: index for index, student_id in enumerate(ids)}
    rows = sorted(found, key=lambda r: order[r[0]])
    return [_photo(row, school_code) for row in rows]


def _photo(row: Sequence[Any], school_code: str) -> StudentPhoto:
    _id, id_type, id_number, name, jpeg, class_number, class_name, grade_name = row
    has_id = bool(id_number) and id_type == "1"
    stem = id_number if has_id else f"{school_code}_{class_number}_{name}"
    return StudentPhoto(f"{stem}.jpg", has_id, grade_name, class_name, jpeg)
