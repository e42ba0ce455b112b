"""Reconciliation with a student list exported from the national 学籍 system (§8.4): the centre
is the system of record for 学籍号 and the flags it keeps, so those are brought back into the
local records; every other difference between the two sides is listed for the registrar.

A national row matches a local student by ID number, else by name + birth date + sex when
exactly one student fits. Planning writes nothing; applying plans again inside its own
transaction and writes each changed student as a patch (audit + outbox) like any edit.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from desktop.domain import xjh as numbers
from desktop.domain.errors import DomainError
from desktop.domain.fields import ALL_STUDENT_FIELDS
from desktop.domain.idnumber import normalise
from desktop.domain.status import AT_SCHOOL
from desktop.domain.template_output import template_row
from desktop.domain.values import parse_cell, parse_date
from desktop.models.base import utc_now
from desktop.models.school import School
from desktop.models.student import Student
from desktop.services.context import Role, Workspace
from desktop.services.journal import Journal
from desktop.services.students.snapshots import member_values, student_values

FLAG_HEADERS = ("是否独生子女", "是否受过学前教育", "是否留守儿童", "是否进城务工人员随迁子女", "是否孤儿",
                "是否烈士或优抚子女", "随班就读", "残疾类型", "是否由政府购买学位", "是否需要申请资助",
                "是否享受一补")
NUMBER_BACK, FLAG_BACK, NUMBER_BAD = "学籍号带回", "标志带回", "学籍号格式不对"
DIFFERENT, ONLY_NATIONAL, ONLY_LOCAL = "信息不一致", "仅国家系统有", "仅本地有"
KINDS = (NUMBER_BACK, FLAG_BACK, NUMBER_BAD, DIFFERENT, ONLY_NATIONAL, ONLY_LOCAL)
_SPECS = {spec.header: spec for spec in ALL_STUDENT_FIELDS}
_NOT_COMPARED = frozenset({"学校标识码"})


@dataclass(frozen=True)
class NationalEntry:
    """One row of the national list: its Excel row, template texts by header, its 学籍号."""

    row: int
    cells: Mapping[str, str]
    xjh: str = ""


@dataclass(frozen=True)
class Difference:
    kind: str  # one of KINDS
    row: int | None  # Excel row of the national list (None: only on this desk)
    name: str
    class_name: str
    header: str = ""
    local: str = ""
    national: str = ""


@dataclass(frozen=True)
class Update:
    """What reconciliation writes to one student: stored keys -> new values."""

    student_id: str
    values: Mapping[str, Any]


@dataclass(frozen=True)
class Reconciliation:
    matched: int
    updates: tuple[Update, ...]
    differences: tuple[Difference, ...] = field(default=())

    def count(self, kind: str) -> int:
        return sum(1 for d in self.differences if d.kind == kind)


def plan_reconciliation(ws: Workspace, entries: Sequence[NationalEntry]) -> Reconciliation:
    """What reconciling with `entries` finds and would bring back; nothing is written."""
    with ws.store.reading() as session:
        return _Reconciler(session, entries).result


def apply_reconciliation(ws: Workspace, entries: Sequence[NationalEntry]) -> Reconciliation:
    """Bring the centre's 学籍号 and flags back in one transaction; returns what was found."""
    ws.require(Role.REGISTRAR)
    with ws.store.writing() as session:
        reconciler = _Reconciler(session, entries)
        journal = Journal(session, ws.actor)
        for update in reconciler.result.updates:
            _write(journal, reconciler.students[update.student_id], update.values)
    return reconciler.result


class _Reconciler:
    def __init__(self, session: Session, entries: Sequence[NationalEntry]) -> None:
        self.school_code = session.scalars(select(School.code)).one()
        self.students = {s.id: s for s in session.scalars(
            select(Student).options(selectinload(Student.members),
                                    selectinload(Student.school_class)))}
        self.by_id = {s.id_number: s for s in self.students.values() if s.id_number}
        self.by_person: dict[tuple[str, dt.date, str], list[Student]] = defaultdict(list)
        for student in self.students.values():
            self.by_person[(student.name, student.birth_date, student.sex)].append(student)
        self.differences: list[Difference] = []
        self.updates: list[Update] = []
        seen: set[str] = set()
        for entry in entries:
            matched = self._match(entry)
            if matched is None:
                self._note(ONLY_NATIONAL, entry.row, entry.cells.get("姓名", ""),
                           entry.cells.get("班级", ""))
                continue
            seen.add(matched.id)
            self._compare(entry, matched)
        for student in self.students.values():
            if student.id not in seen and student.status in AT_SCHOOL:
                self._note(ONLY_LOCAL, None, student.name, student.school_class.name)
        self.result = Reconciliation(len(seen), tuple(self.updates), tuple(self.differences))

    def _note(self, kind: str, row: int | None, name: str, class_name: str, header: str = "",
              local: str = "", national: str = "") -> None:
        self.differences.append(Difference(kind, row, name, class_name, header, local, national))

    def _match(self, entry: NationalEntry) -> Student | None:
        number = normalise(entry.cells.get("身份证件号", ""))
        if number and number in self.by_id:
            return self.by_id[number]
        key = _person(entry.cells)
        fits = self.by_person.get(key, []) if key else []
        return fits[0] if len(fits) == 1 else None

    def _compare(self, entry: NationalEntry, student: Student) -> None:
        local = template_row(student_values(student), [member_values(m) for m in student.members],
                             self.school_code)
        values: dict[str, Any] = {}
        self._number(entry, student, values)
        for header, national in entry.cells.items():
            mine = local.get(header, "")
            if header in _NOT_COMPARED or national == mine:
                continue
            brought_back = header in FLAG_HEADERS and self._flag(header, national, values)
            self._note(FLAG_BACK if brought_back else DIFFERENT, entry.row, student.name,
                       student.school_class.name, header, mine, national)
        if values:
            self.updates.append(Update(student.id, values))

    def _number(self, entry: NationalEntry, student: Student, values: dict[str, Any]) -> None:
        if not entry.xjh:
            return
        try:
            official = numbers.parse(entry.xjh)
        except DomainError:
            self._note(NUMBER_BAD, entry.row, student.name, student.school_class.name, "学籍号",
                       student.xjh or "", entry.xjh)
            return
        if official != student.xjh or student.xjh_provisional:
            values.update(xjh=official, xjh_provisional=False)
            self._note(NUMBER_BACK, entry.row, student.name, student.school_class.name, "学籍号",
                       student.xjh or "", official)

    @staticmethod
    def _flag(header: str, national: str, values: dict[str, Any]) -> bool:
        spec = _SPECS[header]
        try:
            values[spec.key] = parse_cell(spec, national)
        except DomainError:
            return False
        return True


def _person(cells: Mapping[str, str]) -> tuple[str, dt.date, str] | None:
    name, birth, sex = (cells.get(h, "").strip() for h in ("姓名", "出生日期", "性别"))
    if not (name and birth and sex):
        return None
    try:
        return name, parse_date(birth), parse_cell(_SPECS["性别"], sex)  # type: ignore[return-value]  # parse_cell is typed object; for a filled 性别 cell it is the code, a str
    except DomainError:
        return None


def _write(journal: Journal, student: Student, values: Mapping[str, Any]) -> None:
    before = {key: getattr(student, key) for key in values}
    for key, value in values.items():
        setattr(student, key, value)
    student.version += 1
    student.updated_at = utc_now()
    journal.change("student.reconcile", "student", student.id, op="patch", payload=dict(values),
                   before=before, base_version=student.version - 1)
