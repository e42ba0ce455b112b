"""Finding a student by what a registrar types: ID number, 学籍号 or record id."""

from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError


def find_student(session: Session, ref: str) -> Student:
    ref = ref.strip().upper()
    student = session.scalars(select(Student).where(or_(
        Student.id_number == ref, Student.xjh == ref, Student.id == ref.lower()))).first()
    if student is None:
        raise ServiceError("student.not_found_ref", ref=ref)
    return student


def student_id_of(ws: Workspace, ref: str) -> str:
    """The record id of the student `ref` (ID number, 学籍号 or record id) names."""
    with ws.store.reading() as session:
        return find_student(session, ref).id
