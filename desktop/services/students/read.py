"""Reading students: one record, a searched page of the roster, template rows for output.

Search runs in SQL over stored keys: Chinese text matches the name, letters match the
pinyin key or the initials, digits match the ID number or the 学籍号; results are ordered
by pinyin. Pages are fetched with LIMIT/OFFSET so the views hold ids, never all rows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, union
from sqlalchemy.orm import QueryableAttribute, selectinload

from desktop.domain.status import Status
from desktop.domain.template_output import template_row
from desktop.models.school import Grade, School, SchoolClass
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.students.dto import Page, StudentDetail, StudentRow
from desktop.services.students.id_policy import detail_for, rows_for, template_row_for
from desktop.services.students.snapshots import (
    detail_of,
    member_values,
    row_from_columns,
    student_values,
)

FLAG_CONDITIONS: dict[str, Callable[[], ColumnElement[bool]]] = {
    "留守": lambda: Student.left_behind.in_(("1", "2")),
    "随迁": lambda: Student.migrant_child == "1",
    "残疾": lambda: and_(Student.disability.is_not(None), Student.disability != "0"),
    "随班就读": lambda: and_(Student.regular_class.is_not(None), Student.regular_class != "0"),
    "寄宿": lambda: Student.attendance == "2",
}


@dataclass(frozen=True)
class StudentQuery:
    """What the roster shows: free text, a grade or class, a status, flags that must all hold."""

    text: str = ""
    class_id: str | None = None
    grade_id: str | None = None
    status: str | None = None
    flags: tuple[str, ...] = ()


def _prefix(column: QueryableAttribute[str | None], prefix: str) -> ColumnElement[bool]:
    """column starts with prefix, as a range the column's index can serve."""
    return and_(column >= prefix, column < prefix + "\uffff")


def _text_branches(text: str) -> list[ColumnElement[bool]]:
    """The ways `text` can match, each a range or a test one index serves: letters match the
    pinyin key or the initials, digits the ID number or a 学籍号, Chinese a part of the name."""
    text = text.strip()
    if re.fullmatch(r"[A-Za-z]+", text):
        low = text.lower()
        return [_prefix(Student.name_key, low), _prefix(Student.name_initials, low)]
    if re.fullmatch(r"[GJLgjl]?\d[\dXx]*", text):
        up = text.upper()
        if up[0].isalpha():
            return [_prefix(Student.xjh, up)]
        return [_prefix(Student.id_number, up), _prefix(Student.xjh, "G" + up),
                _prefix(Student.xjh, "L" + up), _prefix(Student.xjh, "J" + up)]
    return [func.instr(Student.name, text) > 0]


def _text_filter(text: str) -> ColumnElement[bool]:
    return or_(*_text_branches(text))


def _order() -> tuple[QueryableAttribute[Any], ...]:
    """Pinyin order. The roster index (pinyin key, id, name) serves it and every name
    search: a Chinese part of a name walks that index in order and stops at the page's last
    match (a common one such as 王 after a few hundred pupils; a rare one reads the index to
    its end, as a sort of the matches would)."""
    return Student.name_key, Student.id


def _conditions(query: StudentQuery) -> list[ColumnElement[bool]]:
    text = [_text_filter(query.text)] if query.text.strip() else []
    return text + _filter_conditions(query)


def _filter_conditions(query: StudentQuery) -> list[ColumnElement[bool]]:
    """The grade, class, status and flags of `query` (its text aside)."""
    conditions: list[ColumnElement[bool]] = []
    if query.class_id:
        conditions.append(Student.class_id == query.class_id)
    if query.grade_id:
        conditions.append(Student.class_id.in_(
            select(SchoolClass.id).where(SchoolClass.grade_id == query.grade_id)))
    if query.status:
        conditions.append(Student.status == query.status)
    conditions.extend(FLAG_CONDITIONS[flag]() for flag in query.flags)
    return conditions


def _filtered(query: StudentQuery) -> Select[Student]:
    return select(Student).where(*_conditions(query))


_ROW_COLUMNS = (
    Student.id, Student.name, Student.sex, Student.birth_date, SchoolClass.name, Grade.name,
    Student.id_type, Student.id_number, Student.xjh, Student.xjh_provisional, Student.status,
    Student.left_behind, Student.migrant_child, Student.disability, Student.regular_class,
    Student.attendance,
)


def _page_ids(query: StudentQuery, offset: int, limit: int) -> Select[str]:
    """The ids of one page of matches in roster order, from the keys alone. A text with
    several ways to match (letters: pinyin key or initials; digits: ID number or 学籍号) is
    asked as a UNION of one index range each: every range's index holds the roster order
    (v12), so no pupil's row is read, where an OR of the ranges reads the row of every match
    for its pinyin key."""
    branches = _text_branches(query.text) if query.text.strip() else []
    others = _filter_conditions(query)
    if len(branches) <= 1:
        return (select(Student.id).where(*branches, *others).order_by(*_order())
                .offset(offset).limit(limit))
    keys = union(*(select(Student.name_key, Student.id).where(branch, *others)
                   for branch in branches)).subquery()
    return select(keys.c.id).order_by(keys.c.name_key, keys.c.id).offset(offset).limit(limit)


def search_statements(query: StudentQuery, offset: int,
                      limit: int) -> tuple[Select[int], Select[*tuple[Any, ...]]]:
    """(count of all matches, one page of roster columns) for `query`."""
    # The count keeps the OR: SQLite counts the union of the ranges' row numbers from the
    # indexes without reading a row, faster than the UNION of (pinyin key, id) pairs.
    count = select(func.count()).select_from(Student).where(*_conditions(query))
    # The page's ids first, from the keys alone (a covering index); then the roster columns
    # and the class and grade of those ids only, not of every match.
    page = (select(*_ROW_COLUMNS).join(SchoolClass, Student.class_id == SchoolClass.id)
            .join(Grade, SchoolClass.grade_id == Grade.id)
            .where(Student.id.in_(_page_ids(query, offset, limit)))
            .order_by(Student.name_key, Student.id))
    return count, page


def search(ws: Workspace, query: StudentQuery, offset: int = 0, limit: int = 100) -> Page:
    """One page of the roster matching `query`, ordered by pinyin."""
    count_stmt, page_stmt = search_statements(query, offset, limit)
    with ws.store.querying() as conn:
        total = conn.scalar(count_stmt) or 0
        rows = (rows_for(ws, (row_from_columns(r) for r in conn.execute(page_stmt)))
                if limit > 0 else ())
    return Page(rows=rows, total=total, offset=offset)


def get_student(ws: Workspace, student_id: str) -> StudentDetail:
    with ws.store.reading() as session:
        student = session.get(Student, student_id)
        if student is None:
            raise ServiceError("student.not_found")
        return detail_for(ws, detail_of(student))


def template_rows(ws: Workspace, query: StudentQuery, batch: int = 500) -> Iterator[dict[str, Any]]:
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
            yield template_row_for(ws, row)


def same_id_number(ws: Workspace, number: str, exclude_id: str | None = None) -> list[StudentRow]:
    """Stored students with this ID number (asked as soon as the editor has a complete one)."""
    stmt = (select(*_ROW_COLUMNS).join(SchoolClass, Student.class_id == SchoolClass.id)
            .join(Grade, SchoolClass.grade_id == Grade.id)
            .where(Student.id_number == number.strip().upper()))
    if exclude_id:
        stmt = stmt.where(Student.id != exclude_id)
    with ws.store.reading() as session:
        return list(rows_for(ws, (row_from_columns(r) for r in session.execute(stmt))))
