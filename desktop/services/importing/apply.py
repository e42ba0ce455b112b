"""Importing students from national-template rows: plan without writing, then apply.

`plan_import` reads the rows against the database: every validation error (Excel row number,
column, value, reason), the stored student each row matches, and whether the row is new,
unchanged or changed (with the items it changes); classes the file names that do not exist
yet are planned with the grade their name gives under the school's 学制.

`apply_import` plans again inside one transaction and writes: new students as add_students
writes them, changed students as update_student does (audit before/after, outbox patch with
the base version). All or nothing, unless `skip_invalid` asks for the valid rows only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from functools import partial
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.collector import batch_collector_paused
from desktop.domain.fields import template_headers
from desktop.domain.grades import GradeRef
from desktop.models.school import School
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.importing.match import (
    Stored,
    field_diffs,
    match_students,
    merged_members,
    merged_values,
)
from desktop.services.importing.plan import (
    ImportPlan,
    ImportRefused,
    ImportResult,
    PlannedClass,
    PlannedRow,
    RowAction,
    SourceRow,
)
from desktop.services.importing.rows import align_class_names, read_rows, row_problems
from desktop.services.journal import Journal
from desktop.services.safekeeping.backup_policy import backup_before
from desktop.services.students.add import NewStudents
from desktop.services.students.classes import ClassResolver
from desktop.services.students.duplicates import BatchCheck
from desktop.services.students.update import save_changes


def plan_import(ws: Workspace, rows: Sequence[SourceRow], columns: Collection[str] | None = None,
                today: dt.date | None = None,
                class_grades: Mapping[str, GradeRef] | None = None) -> ImportPlan:
    """What importing `rows` would do; nothing is written. `columns`: the template headers the
    file has (items of missing columns keep their stored values); None means all of them.
    `class_grades`: the grade of new classes whose name does not say it."""
    with batch_collector_paused(), ws.store.reading() as session:
        return _Planner(session, rows, columns, today or dt.date.today(), class_grades).plan


def apply_import(ws: Workspace, rows: Sequence[SourceRow], columns: Collection[str] | None = None,
                 *, skip_invalid: bool = False, expected: ImportPlan | None = None,
                 today: dt.date | None = None,
                 class_grades: Mapping[str, GradeRef] | None = None) -> ImportResult:
    """Import `rows` in one transaction. Refused rows stop the whole import (ImportRefused)
    unless `skip_invalid`; `expected` (the plan shown to the user) must still hold."""
    ws.require(Role.REGISTRAR)
    backup_before(ws, "import")
    today = today or dt.date.today()
    with batch_collector_paused(), ws.store.writing() as session:
        planner = _Planner(session, rows, columns, today, class_grades)
        plan = planner.plan
        if expected is not None and expected.fingerprint() != plan.fingerprint():
            raise ServiceError("import.changed_meanwhile")
        if plan.refused and not skip_invalid:
            raise ImportRefused(plan)
        created, updated = _write(session, ws, planner, today)
    return ImportResult(plan, created, updated)


class _Planner:
    """Reads, checks and matches the rows of one import inside the caller's session."""

    def __init__(self, session: Session, rows: Sequence[SourceRow],
                 columns: Collection[str] | None, today: dt.date,
                 class_grades: Mapping[str, GradeRef] | None = None) -> None:
        self.rows = rows
        self.columns = frozenset(template_headers() if columns is None else columns)
        self.school = session.scalars(select(School)).one()
        self.classes = ClassResolver(session, self.school, today, class_grades)
        self.records = read_rows(rows)
        align_class_names(session, self.records)
        self.matches = match_students(session, self.records)
        self.check = BatchCheck(session, self.school, self.classes)
        self.check.run(self.records, ignore_ids={s.id for s in self.matches.values()})
        self.targets: dict[int, tuple[dict[str, Any], list[dict[str, Any]]]] = {}
        planned = tuple(self._plan_row(i) for i in range(len(rows)))
        self.plan = ImportPlan(planned, self._new_classes(planned), _unplaced(planned))

    def _plan_row(self, index: int) -> PlannedRow:
        record, student = self.records[index], self.matches.get(index)
        problems, warnings = row_problems(self.rows[index], record, self.columns)
        planned = partial(PlannedRow, row=self.rows[index].number,
                          name=record.values.get("name") or "",
                          class_name=record.values.get("class_name") or "",
                          student_id=student.id if student else None,
                          base_version=student.version if student else None,
                          problems=problems, warnings=warnings)
        if problems:
            return planned(action=RowAction.REFUSED)
        if student is None:
            return planned(action=RowAction.NEW)
        stored = Stored.of(student)
        values = merged_values(record, stored, self.columns)
        members = merged_members(record, stored, self.columns)
        diffs = field_diffs(stored, values, members)
        if not diffs:
            return planned(action=RowAction.UNCHANGED)
        self.targets[index] = (values, members)
        return planned(action=RowAction.CHANGED, diffs=diffs)

    def _new_classes(self, planned: tuple[PlannedRow, ...]) -> tuple[PlannedClass, ...]:
        written = (RowAction.NEW, RowAction.CHANGED)
        names = dict.fromkeys(r.class_name for r in planned if r.action in written)
        return tuple(PlannedClass(name, self.classes.grade_of(name).name())
                     for name in names if self.classes.find(name) is None)


def _unplaced(planned: tuple[PlannedRow, ...]) -> tuple[str, ...]:
    """New class names whose grade could not be read: the preview lets the user choose it."""
    names = (r.class_name for r in planned
             if any(p.header == "班级" and p.code.startswith("class.") for p in r.problems))
    return tuple(dict.fromkeys(name for name in names if name))


def _write(session: Session, ws: Workspace, planner: _Planner,
           today: dt.date) -> tuple[tuple[str, ...], tuple[str, ...]]:
    journal, updated = Journal(session, ws.actor), []
    new_rows = NewStudents(journal, ws, planner.classes, today)
    for index, row in enumerate(planner.plan.rows):
        if row.action is RowAction.NEW:
            duplicate = planner.check.matches.get(index)
            new_rows.add(planner.records[index], duplicate.id if duplicate else None)
        elif row.action is RowAction.CHANGED:
            values, members = planner.targets[index]
            save_changes(journal, planner.matches[index], values, members, planner.classes)
            updated.append(planner.matches[index].id)
    session.flush()
    new_rows.insert_into(session)
    return new_rows.ids, tuple(updated)
