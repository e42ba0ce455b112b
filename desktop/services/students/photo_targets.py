"""Who a folder of camera photos can be matched to: the pupils (of one class, or all) with
their ID number and whether the register already holds their photo, in roster order."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from desktop.domain.status import Status
from desktop.models.school import Grade, SchoolClass
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError

ON_ROLL = (Status.ACTIVE.name, Status.SUSPENDED.name, Status.PENDING.name,
           Status.TRANSFER_OUT_PENDING.name, Status.TRANSFER_IN_PENDING.name)


@dataclass(frozen=True)
class PhotoTarget:
    id: str
    name: str
    class_name: str
    id_number: str
    has_photo: bool


def photo_targets(ws: Workspace, class_name: str | None = None) -> list[PhotoTarget]:
    """The pupils on roll (of `class_name` if given), in grade, class and roster order."""
    with ws.store.reading() as session:
        query = (select(Student.id, Student.name, SchoolClass.name, Student.id_number,
                        Student.photo.is_not(None))
                 .join(Student.school_class).join(SchoolClass.grade)
                 .where(Student.status.in_(ON_ROLL))
                 .order_by(Grade.stage, Grade.level, SchoolClass.number, Student.name_key))
        if class_name is not None:
            if session.scalar(select(SchoolClass.id).where(SchoolClass.name == class_name)) is None:
                raise ServiceError("export.class_not_found", class_name=class_name)
            query = query.where(SchoolClass.name == class_name)
        return [PhotoTarget(r[0], r[1], r[2], r[3] or "", bool(r[4])) for r in session.execute(query)]
