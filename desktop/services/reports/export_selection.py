"""Which students an export writes, each as a national-template row, in roster order.

All students; the new or changed ones the national registry has not acknowledged yet (their
create or patch is still in the outbox); a chosen set of ids; or one class.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from desktop.domain.template_output import template_row
from desktop.models.outbox import UNACKNOWLEDGED, OutboxEntry
from desktop.models.school import School, SchoolClass
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.students.id_policy import template_row_for
from desktop.services.students.snapshots import member_values, student_values

BATCH = 500


@dataclass(frozen=True)
class ExportSelection:
    class_name: str | None = None
    student_ids: tuple[str, ...] | None = None
    pending_only: bool = False  # new or changed, not yet acknowledged by the registry


def export_rows(ws: Workspace, selection: ExportSelection) -> Iterator[dict[str, str]]:
    """Template rows of the selected students. An unknown class is refused at once, before
    any row is produced."""
    conditions = _conditions(ws, selection)
    return _rows(ws, conditions)


def _conditions(ws: Workspace, selection: ExportSelection) -> list[Any]:
    conditions: list[Any] = []
    if selection.class_name is not None:
        with ws.store.reading() as session:
            class_id = session.scalar(select(SchoolClass.id)
                                      .where(SchoolClass.name == selection.class_name))
        if class_id is None:
            raise ServiceError("export.class_not_found", class_name=selection.class_name)
        conditions.append(Student.class_id == class_id)
    if selection.student_ids is not None:
        conditions.append(Student.id.in_(selection.student_ids))
    if selection.pending_only:
        conditions.append(Student.id.in_(
            select(OutboxEntry.record_id).where(OutboxEntry.record_type == "student",
                                                OutboxEntry.op.in_(("create", "patch")),
                                                OutboxEntry.state.in_(UNACKNOWLEDGED))))
    return conditions


def _rows(ws: Workspace, conditions: list[Any]) -> Iterator[dict[str, str]]:
    with ws.store.reading() as session:
        school_code = session.scalars(select(School.code)).one()
        stmt = (select(Student).where(*conditions)
                .options(selectinload(Student.members), selectinload(Student.school_class))
                .order_by(Student.name_key, Student.id).execution_options(yield_per=BATCH))
        for student in session.scalars(stmt):
            yield template_row_for(ws, template_row(
                student_values(student), [member_values(m) for m in student.members], school_code))
