"""Stored text that breaks today's rule for free text (`desktop.domain.text_rules`): control
characters, direction overrides or escapes that an older version let in. `xueji check`
lists them so the registrar can correct them; exports and printed forms clean them on the
way out meanwhile."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.domain.fields import ALL_STUDENT_FIELDS, MEMBER_FIELDS, member_header
from desktop.domain.text_rules import clean_text, text_problem
from desktop.models.student import Student

_STUDENT_TEXT = tuple(spec for spec in ALL_STUDENT_FIELDS if spec.kind == "text"
                      and spec.key != "class_name")
_MEMBER_TEXT = tuple(spec for spec in MEMBER_FIELDS if spec.kind == "text")


@dataclass(frozen=True)
class UnsafeItem:
    student_id: str
    name: str  # the pupil's name, cleaned for display
    header: str  # the template header of the item
    code: str  # the rule it breaks (text.control, text.escape, name.chars)


def unsafe_items(session: Session) -> list[UnsafeItem]:
    found: list[UnsafeItem] = []
    students = session.scalars(select(Student).options(selectinload(Student.members)))
    for student in students:
        found += _student_items(student)
    return found


def _student_items(student: Student) -> list[UnsafeItem]:
    found = []
    items = [(spec.header, spec.key, getattr(student, spec.key, None)) for spec in _STUDENT_TEXT]
    for slot, member in enumerate(student.members, start=1):
        items += [(member_header(slot, spec), spec.key, getattr(member, spec.key, None))
                  for spec in _MEMBER_TEXT]
    for header, key, value in items:
        if isinstance(value, str):
            problem = text_problem(value, name=key in ("name", "former_name"))
            if problem is not None and problem.code != "name.chars":
                found.append(UnsafeItem(student.id, clean_text(student.name), header,
                                        problem.code))
    return found
