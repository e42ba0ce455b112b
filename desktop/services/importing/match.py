"""Finding the stored student each import row stands for, and what the row would change.

A row matches the student with its ID number; failing that, the only stored student with
the same name, birth date and sex, provided one of the two has no ID number (two different
ID numbers are two people). Items whose column the file lacks keep their stored value.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.domain.fields import ALL_STUDENT_FIELDS, MEMBER_FIELDS, member_header
from desktop.domain.record import Record
from desktop.domain.template_output import template_row
from desktop.models.sets import among
from desktop.models.student import Student
from desktop.services.importing.plan import FieldDiff
from desktop.services.students.duplicates import load_students
from desktop.services.students.snapshots import member_values, student_values

PersonKey = tuple[str, dt.date, str]


_WHOLE = (selectinload(Student.members), selectinload(Student.school_class))


def _by_id_number(session: Session, numbers: Iterable[str]) -> dict[str | None, Student]:
    """The stored students with these ID numbers, whole (one statement)."""
    wanted = set(numbers)
    if not wanted:
        return {}
    query = select(Student).where(among(Student.id_number, wanted)).options(*_WHOLE)
    return {student.id_number: student for student in session.scalars(query)}


def _person(values: dict[str, Any]) -> PersonKey | None:
    name, birth, sex = values.get("name"), values.get("birth_date"), values.get("sex")
    return None if name is None or birth is None or sex is None else (name, birth, sex)


def match_students(session: Session, records: list[Record]) -> dict[int, Student]:
    """{record index: stored student}; each stored student is matched by one row at most."""
    numbers = [r.values["id_number"] for r in records if r.values.get("id_number")]
    by_id = _by_id_number(session, numbers)
    matches: dict[int, Student] = {}
    taken: set[str] = set()
    for index, record in enumerate(records):
        student = by_id.get(record.values.get("id_number"))
        if student is not None and student.id not in taken:
            matches[index] = student
            taken.add(student.id)
    _match_by_person(session, records, matches, taken)
    return matches


def _match_by_person(session: Session, records: list[Record], matches: dict[int, Student],
                     taken: set[str]) -> None:
    open_rows = {i: key for i, r in enumerate(records)
                 if i not in matches and (key := _person(r.values)) is not None}
    candidates = _people(session, {key[0] for key in open_rows.values()})
    chosen: dict[int, str] = {}
    for index, key in open_rows.items():
        found = [c for c in candidates.get(key, ()) if c[0] not in taken]
        number = records[index].values.get("id_number")
        if len(found) == 1 and not (number and found[0][1]):
            chosen[index] = found[0][0]
            taken.add(found[0][0])
    loaded = load_students(session, list(chosen.values()), *_WHOLE)
    matches.update((index, loaded[student_id]) for index, student_id in chosen.items())


def _people(session: Session, names: set[str]) -> dict[PersonKey, list[tuple[str, str | None]]]:
    """(id, ID number) of the stored students bearing these names, by name, birth date and
    sex: a few columns each, in one statement."""
    if not names:
        return {}
    found: dict[PersonKey, list[tuple[str, str | None]]] = {}
    query = (select(Student.id, Student.id_number, Student.name, Student.birth_date, Student.sex)
             .where(among(Student.name, names)))
    for student_id, number, name, birth, sex in session.execute(query):
        found.setdefault((name, birth, sex), []).append((student_id, number))
    return found


@dataclass(frozen=True)
class Stored:
    """A matched student and its items as stored (read once per import)."""

    student: Student
    values: dict[str, Any]
    members: list[dict[str, Any]]

    @classmethod
    def of(cls, student: Student) -> Stored:
        return cls(student, student_values(student), [member_values(m) for m in student.members])


def merged_values(record: Record, stored: Stored, columns: Collection[str]) -> dict[str, Any]:
    """Every stored item of the student as the row sets it; items without a column keep theirs."""
    return {spec.key: record.values.get(spec.key) if spec.header in columns
            else stored.values[spec.key] for spec in ALL_STUDENT_FIELDS}


def merged_members(record: Record, stored: Stored, columns: Collection[str]) -> list[dict[str, Any]]:
    """The family members after the import, slot by slot, dropping slots left empty."""
    given = dict(zip(record.member_slots, record.members, strict=True))
    members = []
    for slot in range(1, max(len(stored.members), *given, 0) + 1):
        old = stored.members[slot - 1] if slot <= len(stored.members) else {}
        new = given.get(slot, {})
        member = {spec.key: new.get(spec.key) if member_header(slot, spec) in columns
                  else old.get(spec.key) for spec in MEMBER_FIELDS}
        if any(value is not None for value in member.values()):
            members.append(member)
    return members


def field_diffs(stored: Stored, values: dict[str, Any],
                members: list[dict[str, Any]]) -> tuple[FieldDiff, ...]:
    """The template items whose text differs between the stored student and the new values."""
    if values == stored.values and members == stored.members:
        return ()
    old, new = template_row(stored.values, stored.members, ""), template_row(values, members, "")
    return tuple(FieldDiff(header, old.get(header, ""), new.get(header, ""))
                 for header in dict.fromkeys([*old, *new])
                 if old.get(header, "") != new.get(header, ""))
