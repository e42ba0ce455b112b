"""The preschool matched list and the entrance handover list, read into the register.

Preschool: each row of the national system's five-column list (姓名, 性别, 出生日期, 身份证件
类型, 身份证件号) starts a new pupil's record: it is kept, and the record entered later with
that ID number (editor or template import) must carry the same five items. From then on
those items are 受控字段: the editor shows them locked, an update or import that changes them
is refused, and they change only through `correct_controlled` (the 学籍 change procedure:
reason and evidence, audited, queued for the registry).

Handover: the six-column list of pupils admitted to this school's junior-secondary stage is
kept the same way; a pupil already here without a confirmed 学籍号 takes its 个人标识码.
All or nothing: a list with a refused row writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from desktop.domain.errors import DomainError
from desktop.domain.fields import STUDENT_FIELDS
from desktop.domain.idnumber import parse_resident_id
from desktop.domain.ids import new_id
from desktop.domain.template_output import cell_text
from desktop.domain.values import parse_cell
from desktop.models.intake import HANDOVER, PRESCHOOL, IntakeEntry
from desktop.models.school import School
from desktop.models.sets import among
from desktop.models.student import Student
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.journal import Journal
from desktop.services.students.id_policy import numbers_for, template_row_for

CONTROLLED = {"name": "姓名", "sex": "性别", "birth_date": "出生日期", "id_type": "身份证件类型",
              "id_number": "身份证件号"}
CONTROLLED_HEADERS = frozenset(CONTROLLED.values())
_SPECS = {spec.header: spec for spec in STUDENT_FIELDS}


@dataclass(frozen=True)
class ListProblem:
    row: int
    column: str
    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ListResult:
    added: int = 0
    linked: int = 0  # rows matching a pupil already in the register
    unchanged: int = 0  # rows kept from an earlier import of the same list
    refused: tuple[ListProblem, ...] = ()
    written: bool = False


LIST_NAMES = {PRESCHOOL: "学前教育匹配名单", HANDOVER: "初中入学交接名单"}


@dataclass(frozen=True)
class WaitingPupil:
    """A pupil on the preschool matched list or the entrance handover list who has no record
    here yet."""

    kind: str  # PRESCHOOL or HANDOVER
    cells: Mapping[str, str]  # the items the record begins with, as the form shows them
    xjh: str | None  # 个人标识码 (handover list)
    source: str  # the list's file

    @property
    def list_name(self) -> str:
        return LIST_NAMES[self.kind]

    @property
    def locked(self) -> bool:
        """The preschool list's five items become 受控字段; the handover list's only fill in."""
        return self.kind == PRESCHOOL


def waiting_pupils(ws: Workspace) -> tuple[WaitingPupil, ...]:
    """The listed pupils whose record is still to be entered, preschool list first, each in
    list order: the registrar starts each record from there with its items already filled.
    A handover pupil's record takes the list's 个人标识码 when it is saved. A viewer gets the
    ID number and the 个人标识码 (a 学籍号) masked, as on every list."""
    with ws.store.reading() as session:
        registered = select(Student.id_number).where(Student.id_number.is_not(None))
        entries = session.scalars(select(IntakeEntry).where(
            IntakeEntry.student_id.is_(None), IntakeEntry.id_number.not_in(registered)
        ).order_by(IntakeEntry.kind.desc(), IntakeEntry.imported_at, IntakeEntry.id))
        return tuple(numbers_for(ws, WaitingPupil(entry.kind, template_row_for(ws, _cells(entry)),
                                                  entry.xjh, entry.source), "xjh")
                     for entry in entries)


def _cells(entry: IntakeEntry) -> dict[str, str]:
    if entry.kind == HANDOVER:  # name and ID number; 性别 and 出生日期 follow from the ID
        return {"姓名": entry.name, "身份证件类型": cell_text(_SPECS["身份证件类型"], "1"),
                "身份证件号": entry.id_number}
    return {header: cell_text(_SPECS[header], getattr(entry, key)) for key, header in CONTROLLED.items()}


def take_handover_numbers(session: Session, journal: Journal,
                          new_students: Sequence[Mapping[str, Any]]) -> None:
    """New records (rows just inserted) whose ID number is on the handover list take its
    个人标识码, confirmed, and the list's entry is linked to them."""
    by_number = {row["id_number"]: row["id"] for row in new_students if row.get("id_number")}
    if not by_number:
        return
    entries = session.scalars(select(IntakeEntry).where(
        IntakeEntry.kind == HANDOVER, IntakeEntry.student_id.is_(None),
        among(IntakeEntry.id_number, by_number)))
    for entry in entries:
        student = session.get(Student, by_number[entry.id_number])
        if student is None:
            continue
        entry.student_id = student.id
        if entry.xjh:
            _take_number(student, entry.xjh, journal)


def take_handover_number_on_correction(session: Session, journal: Journal, student: Student) -> None:
    """A stored pupil whose ID number was just corrected to one on the handover list: the
    list's entry is linked to them (it no longer waits), and its 个人标识码 becomes their
    学籍号 unless they hold a confirmed one, as when the list is imported after the record."""
    entry = session.scalars(select(IntakeEntry).where(
        IntakeEntry.kind == HANDOVER, IntakeEntry.student_id.is_(None),
        IntakeEntry.id_number == student.id_number)).first()
    if entry is None:
        return
    entry.student_id = student.id
    if entry.xjh and (not student.xjh or student.xjh_provisional):
        _take_number(student, entry.xjh, journal)


def _take_number(student: Student, xjh: str, journal: Journal) -> None:
    """The handover list's 个人标识码 becomes the pupil's confirmed 学籍号 (queued for the registry)."""
    before = {"xjh": student.xjh}
    student.xjh, student.xjh_provisional = xjh, False
    student.version += 1
    journal.change("student.update", "student", student.id, op="patch",
                   payload={"xjh": xjh}, before=before, base_version=student.version - 1)


def import_preschool(ws: Workspace, rows: Sequence[Any], source: str, *,
                     dry_run: bool = False) -> ListResult:
    """Keep the rows of a preschool matched list (`ListRow`s: number, cells, problems)."""
    return _import(ws, rows, source, dry_run, _PreschoolRow)


def import_handover(ws: Workspace, rows: Sequence[Any], source: str, *,
                    dry_run: bool = False) -> ListResult:
    """Keep the rows of an entrance handover list admitted to this school."""
    return _import(ws, rows, source, dry_run, _HandoverRow)


def _import(ws: Workspace, rows: Sequence[Any], source: str, dry_run: bool, kind: type) -> ListResult:
    ws.require(Role.REGISTRAR)
    with ws.store.writing() as session:
        school = session.scalars(select(School)).one()
        parsed = [kind(row, school.code) for row in rows]
        _duplicates(parsed)
        counts = {"added": 0, "linked": 0, "unchanged": 0}
        for item in parsed:
            if not item.problems:
                counts[item.plan(session)] += 1
        refused = tuple(p for item in parsed for p in item.problems)
        if refused or dry_run:  # nothing was added to the session: nothing is committed
            return ListResult(counts["added"], counts["linked"], counts["unchanged"], refused=refused)
        journal = Journal(session, ws.actor)
        for item in parsed:
            item.write(session, journal, source)
    return ListResult(counts["added"], counts["linked"], counts["unchanged"], written=True)


def _duplicates(parsed: list[Any]) -> None:
    seen: dict[str, int] = {}
    for item in parsed:
        number = item.values.get("id_number")
        if number and number in seen:
            item.fail("身份证件号", "id.duplicate_in_batch", other=seen[number])
        elif number:
            seen[number] = item.row


class _PreschoolRow:
    """One row of the preschool list: its five items parsed and checked against each other."""

    entry_kind = PRESCHOOL

    def __init__(self, row: Any, _school_code: str) -> None:
        self.row, self.problems = row.number, [ListProblem(row.number, c, code, p)
                                               for c, code, p in row.problems]
        self.values: dict[str, Any] = {}
        self.entry: IntakeEntry | None = None
        self.student: Student | None = None
        for key, header in CONTROLLED.items():
            self._parse(key, header, row.cells.get(header, ""))
        self._check_id()

    def fail(self, column: str, code: str, **params: Any) -> None:
        self.problems.append(ListProblem(self.row, column, code, params))

    def _parse(self, key: str, header: str, text: str) -> None:
        if any(p.column == header for p in self.problems):
            return
        if not text.strip():
            self.fail(header, "required")
            return
        try:
            self.values[key] = parse_cell(_SPECS[header], text)
        except DomainError as error:
            self.fail(header, error.code, **{"value": text, **error.params})

    def _check_id(self) -> None:
        if self.values.get("id_type") != "1" or "id_number" not in self.values:
            return
        try:
            checked = parse_resident_id(self.values["id_number"])
        except DomainError as error:
            self.fail("身份证件号", error.code, **error.params)
            return
        self.values["id_number"] = checked.number
        if self.values.get("birth_date") not in (None, checked.birth_date):
            self.fail("出生日期", "id.birth_mismatch", id_birth=checked.birth_date)
        if self.values.get("sex") not in (None, checked.sex):
            self.fail("性别", "id.sex_mismatch")

    def plan(self, session: Session) -> str:
        number = self.values["id_number"]
        self.entry = session.scalars(select(IntakeEntry).where(
            IntakeEntry.kind == self.entry_kind, IntakeEntry.id_number == number)).first()
        self.student = session.scalars(select(Student).where(Student.id_number == number)).first()
        if self.student is not None and (differs := _differing(self.student, self.values)):
            self.fail("身份证件号", "intake.student_differs", name=self.student.name,
                      items="、".join(differs))
        if self.entry is not None:
            return "unchanged"
        return "linked" if self.student is not None else "added"

    def write(self, session: Session, journal: Journal, source: str) -> None:
        if self.entry is not None:
            return
        entry = IntakeEntry(id=new_id(), kind=self.entry_kind, source=source[:200],
                            student_id=self.student.id if self.student else None,
                            **self.values)
        session.add(entry)
        journal.audit(f"intake.{self.entry_kind}", "intake_entry", entry.id,
                      after={"row": self.row, "student_id": entry.student_id})


class _HandoverRow(_PreschoolRow):
    """One row of the handover list: 个人标识码, name, ID number, the two schools, stage."""

    entry_kind = HANDOVER

    def __init__(self, row: Any, school_code: str) -> None:
        self.row, self.problems = row.number, [ListProblem(row.number, c, code, p)
                                               for c, code, p in row.problems]
        self.values = {"name": row.cells.get("学生姓名", "").strip(),
                       "xjh": row.cells.get("个人标识码", "").strip().upper() or None,
                       "from_school": row.cells.get("毕业学校标识码", "").strip() or None,
                       "to_school": row.cells.get("录取学校标识码", "").strip() or None,
                       "stage": row.cells.get("教育阶段", "").strip() or None}
        self.entry, self.student = None, None
        if not self.values["name"]:
            self.fail("学生姓名", "required")
        if self.values["to_school"] != school_code:
            self.fail("录取学校标识码", "handover.other_school",
                      value=self.values["to_school"] or "", expected=school_code)
        number = row.cells.get("身份证号", "")
        if not any(p.column == "身份证号" for p in self.problems):
            try:
                self.values["id_number"] = parse_resident_id(number).number
            except DomainError as error:
                self.fail("身份证号", error.code, **error.params)

    def plan(self, session: Session) -> str:
        number = self.values["id_number"]
        self.entry = session.scalars(select(IntakeEntry).where(
            IntakeEntry.kind == HANDOVER, IntakeEntry.id_number == number)).first()
        self.student = session.scalars(select(Student).where(Student.id_number == number)).first()
        if self.entry is not None:
            return "unchanged"
        return "linked" if self.student is not None else "added"

    def write(self, session: Session, journal: Journal, source: str) -> None:
        super().write(session, journal, source)
        student, xjh = self.student, self.values.get("xjh")
        if self.entry is None and student is not None and xjh and (
                not student.xjh or student.xjh_provisional):
            _take_number(student, xjh, journal)


def _differing(student: Student, values: Mapping[str, Any]) -> list[str]:
    return [header for key, header in CONTROLLED.items()
            if key in values and getattr(student, key) != values[key]]


# -- 受控字段 ---------------------------------------------------------------------------


def is_controlled(session: Session, student: Student) -> bool:
    """Whether the five items of `student` came from the preschool matched list."""
    return session.scalar(select(IntakeEntry.id).where(
        IntakeEntry.kind == PRESCHOOL,
        or_(IntakeEntry.student_id == student.id,
            (IntakeEntry.student_id.is_(None)) & (IntakeEntry.id_number == student.id_number))
    ).limit(1)) is not None


def controlled_items(ws: Workspace, student_id: str) -> tuple[str, ...]:
    """The headers locked on this student (empty when none are)."""
    with ws.store.reading() as session:
        student = session.get(Student, student_id)
        if student is None or not is_controlled(session, student):
            return ()
        return tuple(CONTROLLED.values())


def refuse_controlled(session: Session, student: Student, changed: Iterable[str]) -> None:
    """ServiceError when `changed` (stored keys) touches a locked item of `student`."""
    touched = [CONTROLLED[key] for key in changed if key in CONTROLLED]
    if touched and is_controlled(session, student):
        raise ServiceError("student.controlled", items="、".join(touched))


def check_new_records(session: Session, records: Iterable[Any]) -> None:
    """A new record whose ID number is on the preschool list carries the list's five items."""
    by_number = {r.values.get("id_number"): r for r in records if r.values.get("id_number")}
    if not by_number:
        return
    entries = session.scalars(select(IntakeEntry).where(
        IntakeEntry.kind == PRESCHOOL, among(IntakeEntry.id_number, by_number)))
    for entry in entries:
        record = by_number[entry.id_number]
        for key, header in CONTROLLED.items():
            if getattr(entry, key) is not None and record.values.get(key) != getattr(entry, key):
                record.fail(header, DomainError("intake.record_differs", header=header))
