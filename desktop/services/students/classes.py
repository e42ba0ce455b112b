"""Finding the class a record names, creating it (and its grade) when it does not exist yet."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.errors import DomainError
from desktop.domain.grades import (
    GradeRef,
    SchoolSystem,
    class_number,
    parse_class_name,
    school_year_of,
)
from desktop.domain.ids import new_id
from desktop.models.school import Grade, School, SchoolClass


class ClassResolver:
    """Per unit of work: class name -> SchoolClass, cached, created on first use. `chosen`
    gives the grade of new classes whose name does not say it (picked in an import preview)."""

    def __init__(self, session: Session, school: School, today: dt.date,
                 chosen: Mapping[str, GradeRef] | None = None) -> None:
        self.session = session
        self.chosen = dict(chosen or {})
        self.system = SchoolSystem.parse(school.system, school.stages)
        self.today = today
        self.made_classes = False  # a class was created in this unit of work
        self._classes = {c.name: c for c in session.scalars(select(SchoolClass))}
        self._named: dict[str, GradeRef] = {}  # grades read from names of classes not stored
        # The current grade of each (stage, level): after a year-end the cohort that just
        # graduated keeps its level, so the youngest cohort at that level is the current one.
        self._grades: dict[tuple[str, int], Grade] = {}
        for grade in sorted(session.scalars(select(Grade)), key=lambda g: g.entry_year):
            self._grades[(grade.stage, grade.level)] = grade

    def find(self, name: str) -> SchoolClass | None:
        return self._classes.get(name)

    def grade_of(self, name: str) -> GradeRef:
        """The grade a class belongs to: its stored grade, or the one its name says."""
        known = self.find(name)
        if known is not None:
            return GradeRef(known.grade.stage, known.grade.level)
        if name in self.chosen:
            return self.chosen[name]
        ref = self._named.get(name)
        if ref is None:  # read once per name: a batch names few classes many times
            ref, _number = parse_class_name(name, self.system, self.today)
            if ref.stage not in self.system.stages:
                raise DomainError("class.stage_not_run", stage=ref.stage)
            self._named[name] = ref
        return ref

    def resolve(self, name: str) -> SchoolClass:
        known = self.find(name)
        if known is not None:
            return known
        ref, number = self._placed(name)
        grade = self._grade(ref)
        created = SchoolClass(id=new_id(), grade=grade, name=name, number=number)
        self.session.add(created)
        self.made_classes = True
        self._classes[name] = created
        return created

    def _placed(self, name: str) -> tuple[GradeRef, int]:
        if name not in self.chosen:
            return parse_class_name(name, self.system, self.today)
        ref = self.chosen[name]
        number = class_number(name)
        if number is None:
            taken = [c.number for c in self._classes.values() if c.grade.stage == ref.stage
                     and c.grade.level == ref.level]
            number = max(taken, default=0) + 1
        return ref, number

    def _grade(self, ref: GradeRef) -> Grade:
        grade = self._grades.get((ref.stage, ref.level))
        if grade is None:
            entry_year = school_year_of(self.today) - ref.level + 1
            grade = Grade(id=new_id(), name=ref.name(), stage=ref.stage, level=ref.level,
                          entry_year=entry_year)
            self.session.add(grade)
            self._grades[(ref.stage, ref.level)] = grade
        return grade
