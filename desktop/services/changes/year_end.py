"""Year-end: every class moves up a grade and the final grades graduate, in one transaction.

Run at the end of a school year (e.g. July 2027 ends school year 2026-2027). A preview shows
what will happen; applying it twice changes nothing the second time (the year is recorded as
done). Final-grade classes keep their pupils' history under the name 20xx届…, which frees
their names for the cohort moving up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.grades import GradeRef, SchoolSystem, school_year_of
from desktop.domain.ids import new_id
from desktop.domain.status import Status
from desktop.models.accounts import Meta
from desktop.models.base import utc_now
from desktop.models.bulk import insert_rows
from desktop.models.engine import encode_json
from desktop.models.history import StatusChange
from desktop.models.school import Grade, School, SchoolClass
from desktop.models.student import Student
from desktop.services.changed import EVERYTHING, Changed
from desktop.services.context import Role, Workspace
from desktop.services.journal import Journal
from desktop.services.safekeeping.backup_policy import backup_before, backup_folder, backups_in


@dataclass(frozen=True)
class YearEndPlan:
    school_year: int  # the school year that ends, e.g. 2026 for 2026-2027
    already_done: bool
    promotions: list[tuple[str, str, int]] = field(default_factory=list)  # old, new, pupils
    graduations: list[tuple[str, int]] = field(default_factory=list)  # class, graduates
    backup: Path | None = None  # after running: the whole-school backup made just before

    @property
    def changed(self) -> Changed:
        """Classes move up and pupils graduate: every list (nothing when it had been done)."""
        return Changed() if self.already_done else EVERYTHING


def year_end_backup_folder(ws: Workspace) -> Path:
    """Where the backup made before the year-end goes (named xueji-…-year-end.xjbak)."""
    return backup_folder(ws)[0]


def _key(year: int) -> str:
    return f"year_end:{year}"


def _classes(session: Session) -> list[SchoolClass]:
    return sorted(session.scalars(select(SchoolClass)),
                  key=lambda c: (("小学", "初中", "高中").index(c.grade.stage), -c.grade.level))


def _active_counts(session: Session) -> dict[str, int]:
    """Pupils in school, by class, in one query. (A count per class asked SQLite for a class
    and a status at once; without statistics it may walk the status index, every pupil in
    school, for each class: quadratic in the size of the school.)"""
    return dict(session.execute(
        select(Student.class_id, func.count()).where(Student.status == Status.ACTIVE.name)
        .group_by(Student.class_id)).all())


def _renamed(klass: SchoolClass, new_grade: str) -> str:
    old = klass.grade.name
    if klass.name.startswith(old):
        return new_grade + klass.name[len(old):]
    return f"{new_grade}({klass.number})班"


def _is_final(grade: Grade, system: SchoolSystem) -> bool:
    return grade.level >= system.years[grade.stage]


def plan_year_end(ws: Workspace, today: dt.date | None = None) -> YearEndPlan:
    with ws.store.reading() as session:
        return _plan(session, today or dt.date.today())


def _plan(session: Session, today: dt.date) -> YearEndPlan:
    year = school_year_of(today)
    if session.get(Meta, _key(year)) is not None:
        return YearEndPlan(year, already_done=True)
    school = session.scalars(select(School)).one()
    system = SchoolSystem.parse(school.system, school.stages)
    plan = YearEndPlan(year, already_done=False)
    counts = _active_counts(session)
    for klass in _classes(session):
        if klass.name.split("届")[0].isdigit():
            continue  # a class that graduated in an earlier year
        count = counts.get(klass.id, 0)
        if _is_final(klass.grade, system):
            plan.graduations.append((klass.name, count))
        else:
            new = GradeRef(klass.grade.stage, klass.grade.level + 1).name()
            plan.promotions.append((klass.name, _renamed(klass, new), count))
    return plan


def run_year_end(ws: Workspace, today: dt.date | None = None) -> YearEndPlan:
    """Apply the plan atomically; a second run for the same school year does nothing."""
    ws.require(Role.REGISTRAR)
    outcome = backup_before(ws, "year-end")
    newest = backups_in(outcome.folder, ws.store.db_id)
    backup = outcome.info.path if outcome.info else (newest[0].path if newest else None)
    today = today or dt.date.today()
    with ws.store.writing() as session:
        plan = replace(_plan(session, today), backup=backup)
        if plan.already_done:
            return plan
        school = session.scalars(select(School)).one()
        journal = Journal(session, ws.actor)
        renames = {old: new for old, new, _count in plan.promotions}
        graduating = {name for name, _count in plan.graduations}
        moved: set[str] = set()
        for klass in _classes(session):  # highest grade first: names free up in turn
            if klass.name in graduating:
                _graduate(session, journal, ws, klass, today)
                klass.name = f"{plan.school_year + 1}届{klass.name}"
            elif klass.name in renames:
                klass.name = renames[klass.name]
                if klass.grade.id not in moved:
                    moved.add(klass.grade.id)
                    klass.grade.level += 1
                    klass.grade.name = GradeRef(klass.grade.stage, klass.grade.level).name()
            session.flush()
        session.add(Meta(key=_key(plan.school_year), value=utc_now().isoformat()))
        journal.change("school.year_end", "school", school.code, op="command",
                       payload={"command": {"name": "year_end", "args": {
                           "school_year": plan.school_year,
                           "promoted": sum(p[2] for p in plan.promotions),
                           "graduated": sum(g[1] for g in plan.graduations)}}})
    return plan


def _graduate(session: Session, journal: Journal, ws: Workspace, klass: SchoolClass,
              today: dt.date) -> None:
    # The class alone in SQL, so that its index is the one used (see _active_counts).
    students = [student for student in session.scalars(select(Student).where(
        Student.class_id == klass.id)) if student.status == Status.ACTIVE.name]
    last_seq = _last_event_seqs(session, klass)
    events = []
    for student in students:
        seq = last_seq.get(student.id, 0) + 1
        events.append({"id": new_id(), "student_id": student.id, "seq": seq, "change_type": "毕业",
                       "from_status": Status.ACTIVE.name, "to_status": Status.GRADUATED.name,
                       "effective_date": today, "recorded_by": ws.actor.account_id,
                       "recorded_at": utc_now(), "details": encode_json({"year_end": True})})
        student.status = Status.GRADUATED.name
        student.version += 1
        journal.change("student.status_change", "student", student.id, op="command",
                       payload={"command": {"name": "status_change", "args": {
                           "change_type": "毕业", "effective": today.isoformat()}}},
                       base_version=student.version - 1)
    insert_rows(session, StatusChange.__table__, events)


def _last_event_seqs(session: Session, klass: SchoolClass) -> dict[str, int]:
    """The last status-event number of every pupil of `klass`, read in one query (a query
    per pupil made the session check all its loaded pupils each time: quadratic)."""
    rows = session.execute(
        select(StatusChange.student_id, func.max(StatusChange.seq))
        .join(Student, Student.id == StatusChange.student_id)
        .where(Student.class_id == klass.id).group_by(StatusChange.student_id))
    return {student_id: seq for student_id, seq in rows}
