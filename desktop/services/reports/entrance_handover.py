"""The junior-secondary entrance handover list of this school's leaving pupils: one row per
pupil of the last primary grade still here, and per pupil who graduated from it, with the six
columns the national system exchanges (个人标识码, 学生姓名, 身份证号, 毕业学校标识码, 录取学校
标识码, 教育阶段). The admitting school is left blank unless given (the bureau fills it in)."""

from __future__ import annotations

from sqlalchemy import select

from desktop.domain.grades import JUNIOR, PRIMARY, SchoolSystem
from desktop.domain.idnumber import mask
from desktop.domain.status import Status
from desktop.models.school import Grade, School, SchoolClass
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.students.id_policy import full_ids_allowed, mask_xjh

LEAVING = (Status.ACTIVE.name, Status.GRADUATED.name)


def handover_rows(ws: Workspace, to_school: str = "") -> list[dict[str, str]]:
    """Six-column rows of the pupils leaving primary school, in roster order."""
    full = full_ids_allowed(ws)  # a viewer sees the numbers masked, as on every list
    with ws.store.reading() as session:
        school = session.scalars(select(School)).one()
        final = SchoolSystem.parse(school.system, school.stages).years[PRIMARY]
        pupils = session.scalars(
            select(Student).join(SchoolClass).join(Grade)
            .where(Grade.stage == PRIMARY, Grade.level == final, Student.status.in_(LEAVING))
            .order_by(SchoolClass.number, Student.name_key, Student.id))
        return [{"个人标识码": (pupil.xjh if full else mask_xjh(pupil.xjh)) or "",
                 "学生姓名": pupil.name,
                 "身份证号": (pupil.id_number if full else mask(pupil.id_number or "")) or "",
                 "毕业学校标识码": school.code,
                 "录取学校标识码": to_school, "教育阶段": JUNIOR} for pupil in pupils]
