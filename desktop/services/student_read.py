"""Reading students: one record, a searched page of the roster, template rows for output.

Search runs in SQL over stored keys: Chinese text matches the name, letters match the
pinyin key or the initials, digits match the ID number or the 学籍号; results are ordered
by pinyin. Pages are fetched with LIMIT/OFFSET so the views hold ids, never all rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from desktop.domain.status import Status
from desktop.domain.template_output import template_row
from desktop.models.school import School, SchoolClass
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.dto import Page, StudentDetail
from desktop.services.errors import ServiceError
from desktop.services.snapshots import detail_of, member_values, student_values, summary_row


@dataclass(frozen=True)
class StudentQuery:
    text: str = ""
    class_id: str | None = None
    status: str | None = None


def _escape(text: str) -> str:
    return re.sub(r"([\\%_])", r"\\\1", text)


def _text_filter(text: str):  # type: ignore[no-untyped-def]
    text = text.strip()
    if re.fullmatch(r"[A-Za-z]+", text):
        low = _escape(text.lower())
        return or_(Student.name_key.like(low + "%", escape="\\"),
                   Student.name_initials.like(low + "%", escape="\\"))
    if re.fullmatch(r"[GJLgjl]?\d[\dXx]*", text):
        up = _escape(text.upper())
        return or_(Student.id_number.like(up + "%", escape="\\"),
                   Student.xjh.like(up + "%", escape="\\"),
                   Student.xjh.like("_" + up + "%", escape="\\"))
    return Student.name.like("%" + _escape(text) + "%", escape="\\")


def _filtered(query: StudentQuery) -> Select:
    stmt = select(Student)
    if query.text.strip():
        stmt = stmt.where(_text_filter(query.text))
    if query.class_id:
        stmt = stmt.where(Student.class_id == query.class_id)
    if query.status:
        stmt = stmt.where(Student.status == query.status)
    return stmt


def search(ws: Workspace, query: StudentQuery, offset: int = 0, limit: int = 100) -> Page:
    """One page of the roster matching `query`, ordered by pinyin."""
    stmt = _filtered(query)
    with ws.store.reading() as session:
        total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
        page = session.scalars(
            stmt.options(selectinload(Student.school_class).selectinload(SchoolClass.grade))
            .order_by(Student.name_key, Student.id).offset(offset).limit(limit)
        )
        rows = tuple(summary_row(s) for s in page)
    return Page(rows=rows, total=total, offset=offset)


def get_student(ws: Workspace, student_id: str) -> StudentDetail:
    with ws.store.reading() as session:
        student = session.get(Student, student_id)
        if student is None:
            raise ServiceError("student.not_found")
        return detail_of(student)


def template_rows(ws: Workspace, query: StudentQuery, batch: int = 500) -> Iterator[dict]:
    """Every matching student as a template row plus 学籍号 and 学籍状态, in roster order."""
    with ws.store.reading() as session:
        school_code = session.scalars(select(School.code)).one()
        stmt = _filtered(query).options(
            selectinload(Student.members), selectinload(Student.school_class)
        ).order_by(Student.name_key, Student.id)
        for student in session.scalars(stmt.execution_options(yield_per=batch)):
            row = template_row(student_values(student),
                               [member_values(m) for m in student.members], school_code)
            row["学籍号"] = student.xjh or ""
            row["学籍状态"] = Status[student.status].label
            yield row
