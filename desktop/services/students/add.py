"""Adding students: validate the whole batch, then write every record with its family,
学籍号, first status event, audit entry and outbox entry in one transaction (or nothing).

Rows are inserted as plain dicts (one executemany per table), so a school's whole roster
is written in seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain import names, xjh
from desktop.domain.collector import batch_collector_paused
from desktop.domain.ids import new_id
from desktop.domain.record import Record, read_records
from desktop.domain.status import ENTRY_EVENT, Status
from desktop.models.base import utc_now
from desktop.models.bulk import insert_rows
from desktop.models.engine import encode_json
from desktop.models.history import StatusChange, StudentNumberHistory
from desktop.models.school import School
from desktop.models.student import FamilyMember, Student
from desktop.services.changed import Changed
from desktop.services.context import Role, Workspace
from desktop.services.errors import RecordsRejected
from desktop.services.journal import Journal
from desktop.services.students.classes import ClassResolver
from desktop.services.students.dto import AddResult
from desktop.services.students.duplicates import BatchCheck
from desktop.services.students.intake import take_handover_numbers
from desktop.services.students.snapshots import summary_row


class NewStudents:
    """New students of one unit of work, gathered as plain rows and inserted together (one
    executemany per table): each with its family, 学籍号, first status event and the audit and
    outbox entries of its creation. The editor's save and the Excel import both write here."""

    def __init__(self, journal: Journal, ws: Workspace, classes: ClassResolver,
                 today: dt.date) -> None:
        self.journal, self.ws, self.classes, self.today = journal, ws, classes, today
        self.students: list[dict[str, Any]] = []
        self.members: list[dict[str, Any]] = []
        self.numbers: list[dict[str, Any]] = []
        self.events: list[dict[str, Any]] = []

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(map(itemgetter("id"), self.students))

    def add(self, record: Record, duplicate_of: str | None) -> None:
        """One validated record as a new student (`duplicate_of`: a possible same person)."""
        _add_one(self, record, duplicate_of)

    def insert_into(self, session: Session) -> None:
        for model, rows in ((Student, self.students), (FamilyMember, self.members),
                            (StudentNumberHistory, self.numbers), (StatusChange, self.events)):
            insert_rows(session, model.__table__, rows)
        take_handover_numbers(session, self.journal, self.students)


def add_students(ws: Workspace, rows: Sequence[Mapping[str, Any]],
                 today: dt.date | None = None, *, hold_if_duplicate: bool = False) -> AddResult:
    """Create every record of `rows` (template-shaped), or none if any is invalid. A record
    whose name, birth date and sex match a stored student is saved and marked; with
    `hold_if_duplicate` nothing is saved and PossibleDuplicates lists the matches instead."""
    ws.require(Role.REGISTRAR)
    today = today or dt.date.today()
    with batch_collector_paused():
        return _add(ws, rows, today, hold_if_duplicate)


def _add(ws: Workspace, rows: Sequence[Mapping[str, Any]], today: dt.date,
         hold_if_duplicate: bool) -> AddResult:
    records = read_records(rows)
    with ws.store.writing() as session:
        school = session.scalars(select(School)).one()
        classes = ClassResolver(session, school, today)
        check = BatchCheck(session, school, classes)
        check.run(records)
        problems = {i: r.blocking for i, r in enumerate(records) if r.blocking}
        if problems:
            raise RecordsRejected(problems)
        if hold_if_duplicate:
            check.hold_if_same_person(ws)
        out = NewStudents(Journal(session, ws.actor), ws, classes, today)
        for index, record in enumerate(records):
            match = check.matches.get(index)
            out.add(record, match.id if match else None)
        session.flush()
        out.insert_into(session)
        duplicates = {i: summary_row(s) for i, s in check.matches.items()}
    warnings = {i: [e for e in r.errors if e.warning] for i, r in enumerate(records)}
    ids = out.ids
    return AddResult(ids, {i: w for i, w in warnings.items() if w}, duplicates,
                     Changed(students=frozenset(ids), roster=True, tasks=True))


def _add_one(out: NewStudents, record: Record, duplicate_of: str | None) -> None:
    ws, today, classes = out.ws, out.today, out.classes
    values = record.values
    class_name = values["class_name"]
    student_id, now = new_id(), utc_now()
    number = xjh.provisional_for(values["id_type"], values.get("id_number") or "")
    spoken = names.name_forms(values["name"])
    synced = {"id": student_id, "status": Status.ACTIVE.name,
              "xjh": number.value if number else None, "xjh_provisional": True,
              "name_pinyin": spoken.display, "possible_duplicate_of": duplicate_of}
    student = {**values, **synced, "class_id": classes.resolve(class_name).id,
               "name_key": spoken.key, "name_initials": spoken.initials, "version": 1,
               "created_at": now, "updated_at": now}
    del student["class_name"]
    out.students.append(student)
    # The outbox payload: the stored values without the local-only ones and the blanks (dates
    # stay dates: the JSON writer gives them as ISO text), the class's name, the family.
    payload = {k: v for k, v in values.items() if v is not None}
    del payload["class_name"]
    payload.update((k, v) for k, v in synced.items() if v is not None)
    payload["class_name"] = class_name
    sent = payload["members"] = []
    members = out.members
    for slot, member in enumerate(record.members, start=1):
        member_id = new_id()
        members.append({**member, "id": member_id, "student_id": student_id, "slot": slot})
        sent.append({k: v for k, v in member.items() if v is not None})
        sent[-1].update(id=member_id, slot=slot)
    if number:
        out.numbers.append({"id": new_id(), "student_id": student_id, "number": number.value,
                            "kind": number.kind, "provisional": True, "source": "local",
                            "reason": "按居民身份证号生成，待国家系统确认", "recorded_at": now})
    out.events.append({"id": new_id(), "student_id": student_id, "seq": 1,
                       "change_type": ENTRY_EVENT, "from_status": None,
                       "to_status": Status.ACTIVE.name, "effective_date": today,
                       "recorded_by": ws.actor.account_id, "recorded_at": now,
                       "details": _NO_DETAILS})
    out.journal.change("student.create", "student", student_id, op="create", payload=payload)


_NO_DETAILS = encode_json({})
