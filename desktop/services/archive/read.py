"""学籍档案 register, read side: the checklist a student's paper folder must hold, one
student's register, the school's folders with their completeness, loans, and the deadline
by which each folder must be complete.

Which documents are required depends on the student: the basic-information form, the
identity copy and the photo always; change papers once a 学籍变动 is recorded; a disability
certificate for a pupil with a 残疾类型 or 随班就读; graduation papers once the pupil has
finished. Writes are in archive_write (checklist, location, loans, handovers) and
archive_scans (scanned pages).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Integer, Select, and_, case, func, or_, select
from sqlalchemy.orm import Session

from desktop.domain.status import AT_SCHOOL, DECISION_EVENT, ENTRY_EVENT, Status
from desktop.domain.workdays import add_months
from desktop.models.archive import (
    ArchiveAttachment,
    ArchiveHandover,
    ArchiveItem,
    ArchiveLoan,
    ArchiveLocation,
)
from desktop.models.history import StatusChange
from desktop.models.student import Student
from desktop.services.archive.scans import scan_of
from desktop.services.archive.shapes import (
    CHECKLIST,
    ArchiveIndexItem,
    ArchiveRegister,
    ArchiveRow,
    Handover,
    Loan,
    Location,
    line_of,
    required_kinds,
)
from desktop.services.context import Workspace
from desktop.services.students.lookup import find_student
from desktop.services.students.printable import PrintableStudent
from desktop.services.students.read import StudentQuery, search

__all__ = ["CHECKLIST", "ArchiveDue", "ArchiveIndexItem", "ArchiveRegister", "ArchiveRow",
           "archive_deadlines", "archive_index_items", "archive_overview", "count_overdue_archives",
           "incomplete_archives", "open_loans", "overdue_loans", "read_register"]

DEADLINE_MONTHS = 2
_PAGE = 500


def read_register(ws: Workspace, student: str) -> ArchiveRegister:
    """One student's register (by record id, ID number or 学籍号)."""
    with ws.store.reading() as session:
        pupil = find_student(session, student)
        required = required_kinds(*_facts(session, [pupil.id])[pupil.id])
        items = {i.kind: i for i in _rows(session, ArchiveItem, pupil.id)}
        scans = [scan_of(a) for a in _rows(session, ArchiveAttachment, pupil.id, "added_at")]
        lines = tuple(line_of(kind, kind.code in required, items.get(kind.code),
                              sum(s.kind == kind.code for s in scans)) for kind in CHECKLIST)
        place = session.scalars(select(ArchiveLocation)
                                .where(ArchiveLocation.student_id == pupil.id)).first()
        loans = [_loan(loan, pupil) for loan in _rows(session, ArchiveLoan, pupil.id, "lent_on")]
        handovers = [_handover(h) for h in _rows(session, ArchiveHandover, pupil.id, "handed_on")]
        return ArchiveRegister(pupil.id, pupil.name, lines, _location(place), tuple(scans),
                               tuple(loans), tuple(handovers))


def archive_index_items(ws: Workspace, students: Sequence[PrintableStudent]
                        ) -> list[ArchiveIndexItem]:
    """Each printable student with its register, for the archive cover and 卷内目录."""
    return [ArchiveIndexItem(student, read_register(ws, student.record_id)) for student in students]


_Owned = TypeVar("_Owned", ArchiveItem, ArchiveAttachment, ArchiveLoan, ArchiveHandover)


def _rows(session: Session, model: type[_Owned], student_id: str, order: str = "id") -> list[_Owned]:
    return list(session.scalars(select(model).where(model.student_id == student_id)
                                .order_by(getattr(model, order), model.id)))


def _facts(session: Session, ids: Collection[str] | None = None
           ) -> dict[str, tuple[bool, bool, bool]]:
    """student id -> (disabled, has a 学籍变动, has finished), for `ids` or every student."""
    query = select(Student.id, Student.disability, Student.regular_class, Student.status)
    changes = (select(StatusChange.student_id).distinct()
               .where(StatusChange.change_type.not_in((ENTRY_EVENT, DECISION_EVENT))))
    if ids is not None:
        query = query.where(Student.id.in_(ids))
        changes = changes.where(StatusChange.student_id.in_(ids))
    changed = set(session.scalars(changes))
    finished = {Status.GRADUATED.name, Status.COMPLETED.name, Status.INCOMPLETE.name}
    return {sid: (disability not in (None, "0") or regular not in (None, "0"), sid in changed,
                  status in finished)
            for sid, disability, regular, status in session.execute(query)}


def _missing(session: Session, ids: Sequence[str] | None = None) -> dict[str, int]:
    """student id -> number of required documents missing, for `ids` or every student."""
    if ids is not None:
        found: dict[str, int] = {}
        for start in range(0, len(ids), _CHUNK):
            found.update(_missing_of(session, ids[start:start + _CHUNK]))
        return found
    return _missing_of(session, None)


def _missing_of(session: Session, ids: Sequence[str] | None) -> dict[str, int]:
    present: dict[str, set[str]] = {}
    query = select(ArchiveItem.student_id, ArchiveItem.kind).where(ArchiveItem.present)
    if ids is not None:
        query = query.where(ArchiveItem.student_id.in_(ids))
    for sid, kind in session.execute(query):
        present.setdefault(sid, set()).add(kind)
    return {sid: len(required_kinds(*facts) - present.get(sid, set()))
            for sid, facts in _facts(session, ids).items()}


_CHUNK = 500  # ids per IN (...) list


@dataclass(frozen=True)
class _Standing:
    missing: dict[str, int]
    lent: set[str]
    handed_over: set[str]
    places: dict[str, str]


def _standing(ws: Workspace) -> _Standing:
    with ws.store.reading() as session:
        places = {p.student_id: _location(p).text for p in session.scalars(select(ArchiveLocation))}
        return _Standing(_missing(session),
                         set(session.scalars(select(ArchiveLoan.student_id)
                                             .where(ArchiveLoan.returned_on.is_(None)))),
                         set(session.scalars(select(ArchiveHandover.student_id))), places)


def archive_overview(ws: Workspace, text: str = "", only_incomplete: bool = False,
                     only_lent: bool = False, limit: int = 200) -> list[ArchiveRow]:
    """Students matching `text` (as the roster searches) in pinyin order, with the state of
    their folder; optionally only incomplete folders or only folders lent out."""
    standing = _standing(ws)
    rows: list[ArchiveRow] = []
    offset = 0
    while len(rows) < limit:
        page = search(ws, StudentQuery(text=text), offset, _PAGE)
        for student in page.rows:
            row = ArchiveRow(student.id, student.name, student.class_name, student.id_number or "",
                             student.xjh or "", standing.missing.get(student.id, 0),
                             student.id in standing.lent, student.id in standing.handed_over,
                             standing.places.get(student.id, ""))
            if (not only_incomplete or not row.complete) and (not only_lent or row.lent):
                rows.append(row)
        offset += _PAGE
        if offset >= page.total:
            break
    return rows[:limit]


def incomplete_archives(ws: Workspace) -> list[ArchiveRow]:
    """Every folder kept here that misses a required document."""
    return archive_overview(ws, only_incomplete=True, limit=1_000_000)


def open_loans(ws: Workspace) -> list[Loan]:
    """Folders lent out and not back yet, the earliest due first."""
    with ws.store.reading() as session:
        rows = session.execute(select(ArchiveLoan, Student).join(Student)
                               .where(ArchiveLoan.returned_on.is_(None))
                               .order_by(ArchiveLoan.due, Student.name_key))
        return [_loan(loan, student) for loan, student in rows]


def overdue_loans(ws: Workspace, today: dt.date | None = None) -> list[Loan]:
    today = today or dt.date.today()
    return [loan for loan in open_loans(ws) if loan.due < today]


@dataclass(frozen=True)
class ArchiveDue:
    """A folder at school that misses a required document, and when it had to be complete."""

    student_id: str
    name: str
    id_number: str | None
    xjh: str | None
    due: dt.date


def archive_deadlines(ws: Workspace) -> list[ArchiveDue]:
    """Students at school whose folder misses a required document, with its deadline.

    The folder is due two months after first enrolment (入学年月) for a pupil who enrolled in
    the school year the record was entered here (two months after the entry if it was
    entered only after that day). A pupil already at school before that
    brought a folder built elsewhere or earlier: it is due two months after the record was
    entered, and only once the registrar has begun the pupil's checklist."""
    with ws.store.reading() as session:
        due_on = _due_dates(session)
        missing = _missing(session, list(due_on))
        late = [sid for sid in due_on if missing.get(sid)]
        people = _people(session, late)
    ordered = sorted(late, key=lambda sid: (people[sid][3], sid))  # roster order
    return [ArchiveDue(sid, *people[sid][:3], due_on[sid]) for sid in ordered]


def count_overdue_archives(session: Session, today: dt.date) -> int:
    """How many of archive_deadlines' folders were due before `today`, without their names."""
    late = [sid for sid, due in _due_dates(session).items() if due < today]
    missing = _missing(session, late)
    return sum(1 for sid in late if missing.get(sid))


def _due_dates(session: Session) -> dict[str, dt.date]:
    """student id -> the day the folder is due, for the students whose folder can be due:
    only their checklists (and names) are read afterwards."""
    started = set(session.scalars(select(ArchiveItem.student_id).distinct()))
    kept_elsewhere = set(session.scalars(select(ArchiveHandover.student_id)))
    due_on = {}
    for sid, entry_month, entered_on, created_at in session.execute(_possibly_due()):
        due = None if sid in kept_elsewhere else _due(
            entry_month, entered_on or created_at.date(), sid in started)
        if due:
            due_on[sid] = due
    return due_on


def _possibly_due() -> Select[*tuple[Any, ...]]:
    """Students at school whose folder can be due: those whose checklist was begun, and those
    who enrolled (入学年月) in or after the school year they were entered here — filtered in
    SQL, so a school of 20,000 long-enrolled pupils costs one indexed pass, not 20,000 rows."""
    entered = StatusChange.effective_date
    year = func.cast(func.strftime("%Y", entered), Integer)
    school_year = case((func.cast(func.strftime("%m", entered), Integer) >= 9, year), else_=year - 1)
    first_month = func.printf("%04d09", school_year)
    return (select(Student.id, Student.entry_month, entered, Student.created_at)
            .outerjoin(StatusChange, and_(StatusChange.student_id == Student.id,
                                          StatusChange.change_type == ENTRY_EVENT))
            .where(Student.status.in_(AT_SCHOOL),
                   or_(Student.id.in_(select(ArchiveItem.student_id)), entered.is_(None),
                       Student.entry_month >= first_month)))


def _people(session: Session, ids: Sequence[str]) -> dict[str, tuple[str, str | None, str | None, str]]:
    """student id -> (name, ID number, 学籍号, pinyin key) for `ids`."""
    found = {}
    for start in range(0, len(ids), _CHUNK):
        found.update({row[0]: row[1:] for row in session.execute(
            select(Student.id, Student.name, Student.id_number, Student.xjh, Student.name_key)
            .where(Student.id.in_(ids[start:start + _CHUNK])))})
    return found


def _due(entry_month: str, entered_on: dt.date, started: bool) -> dt.date | None:
    enrolled = _month_start(entry_month)
    if enrolled and enrolled >= _school_year_start(entered_on):
        due = add_months(enrolled, DEADLINE_MONTHS)
        # Entered here only after that day (a September pupil typed in in December): two
        # months from the entry, so the new record is not overdue the moment it is saved.
        return due if entered_on < due else add_months(entered_on, DEADLINE_MONTHS)
    return add_months(entered_on, DEADLINE_MONTHS) if started else None


def _month_start(yyyymm: str) -> dt.date | None:
    if len(yyyymm) != 6 or not yyyymm.isdigit() or not 1 <= int(yyyymm[4:]) <= 12:
        return None
    return dt.date(int(yyyymm[:4]), int(yyyymm[4:]), 1)


def _school_year_start(day: dt.date) -> dt.date:
    return dt.date(day.year if day.month >= 9 else day.year - 1, 9, 1)


def _location(place: ArchiveLocation | None) -> Location:
    return Location(place.cabinet, place.shelf, place.box) if place else Location()


def _loan(row: ArchiveLoan, student: Student) -> Loan:
    return Loan(row.id, student.id, student.name, student.id_number, student.xjh, row.borrower,
                row.purpose, row.lent_on, row.due, row.returned_on)


def _handover(row: ArchiveHandover) -> Handover:
    return Handover(row.id, row.reason, row.handed_on, row.receiver, row.sender_signatory,
                    row.receiver_signatory, tuple(row.items or ()), row.backup_kept,
                    row.copies_kept, row.note or "")
