"""学籍档案 register, changes: tick a document held or missing, record where the folder is,
lend it and take it back, and record its handover when it leaves the school.

Only the 学籍管理员 writes. Each change is one transaction that writes the row, its audit
entry and its outbox entry (record types archive_item, archive_location, archive_loan,
archive_handover; the student is named in the payload).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.domain.ids import new_id
from desktop.models.archive import ArchiveHandover, ArchiveItem, ArchiveLoan, ArchiveLocation
from desktop.models.base import utc_now
from desktop.models.student import Student
from desktop.services.archive.shapes import KINDS, Handover, Loan, Location
from desktop.services.changed import Changed
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.journal import Journal
from desktop.services.students.lookup import find_student

NOTE_MAX, PLACE_MAX, NAME_MAX, BORROWER_MAX, PURPOSE_MAX, RECEIVER_MAX = 200, 40, 36, 60, 200, 100
TRANSFER = "转学"
HANDOVER_REASONS = (TRANSFER, "升学", "出境", "学校合并", "学校撤销")

ARCHIVE_WRITTEN = Changed(tasks=True)
"""What a write to the 学籍档案 (a tick, a place, a loan, a handover, a scan) changes beyond the
page that made it, which shows its own write: 待办, where an incomplete archive and a borrowed
folder fall due."""


@dataclass(frozen=True)
class ItemDetails:
    copies: int | None = None  # 份数
    pages: int | None = None  # 页数
    received_on: dt.date | None = None  # today when ticked present without a date
    note: str = ""


def set_item(ws: Workspace, student: str, kind: str, present: bool,
             details: ItemDetails | None = None, today: dt.date | None = None) -> None:
    """Mark one document of the checklist held or missing; `details` None keeps the ones
    recorded before. A document marked missing loses its received date."""
    ws.require(Role.REGISTRAR)
    check_kind(kind)
    with ws.store.writing() as session:
        pupil = find_student(session, student)
        item = session.scalars(select(ArchiveItem).where(ArchiveItem.student_id == pupil.id,
                                                         ArchiveItem.kind == kind)).first()
        before = _item_values(item) if item else None
        if item is None:
            item = ArchiveItem(id=new_id(), student_id=pupil.id, kind=kind, version=0)
            session.add(item)
        _fill_item(item, present, details or _details_of(item), today or dt.date.today())
        _journal(session, ws, "archive.item", "archive_item", item, _item_values(item), before)


def check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ServiceError("archive.kind_unknown", value=kind)


def _details_of(item: ArchiveItem) -> ItemDetails:
    return ItemDetails(item.copies, item.pages, item.received_on, item.note or "")


def _fill_item(item: ArchiveItem, present: bool, details: ItemDetails, today: dt.date) -> None:
    if any(n is not None and n < 0 for n in (details.copies, details.pages)):
        raise ServiceError("archive.count_invalid")
    item.present, item.copies, item.pages = present, details.copies, details.pages
    item.received_on = (details.received_on or today) if present else None
    item.note = _text(details.note, NOTE_MAX) or None


def _item_values(item: ArchiveItem) -> dict[str, Any]:
    return {"student_id": item.student_id, "kind": item.kind, "present": item.present,
            "copies": item.copies, "pages": item.pages,
            "received_on": item.received_on.isoformat() if item.received_on else None,
            "note": item.note}


def set_location(ws: Workspace, student: str, place: Location) -> Location:
    """Where the folder is kept (柜, 层, 盒: free text; empty clears a part)."""
    ws.require(Role.REGISTRAR)
    cabinet, shelf, box = (_text(part, PLACE_MAX) for part in (place.cabinet, place.shelf,
                                                               place.box))
    with ws.store.writing() as session:
        pupil = find_student(session, student)
        row = session.scalars(select(ArchiveLocation)
                              .where(ArchiveLocation.student_id == pupil.id)).first()
        before = _place_values(row) if row else None
        if row is None:
            row = ArchiveLocation(id=new_id(), student_id=pupil.id, version=0)
            session.add(row)
        row.cabinet, row.shelf, row.box = cabinet, shelf, box
        _journal(session, ws, "archive.location", "archive_location", row, _place_values(row),
                 before)
    return Location(cabinet, shelf, box)


def _place_values(row: ArchiveLocation) -> dict[str, Any]:
    return {"student_id": row.student_id, "cabinet": row.cabinet, "shelf": row.shelf,
            "box": row.box}


def lend(ws: Workspace, student: str, borrower: str, purpose: str, due: dt.date,
         lent_on: dt.date | None = None) -> Loan:
    """Lend the folder out until `due`; refused while it is out or after it left the school."""
    ws.require(Role.REGISTRAR)
    lent_on = lent_on or dt.date.today()
    borrower, purpose = _text(borrower, BORROWER_MAX), _text(purpose, PURPOSE_MAX)
    if not (borrower and purpose):
        raise ServiceError("archive.loan_incomplete")
    if due < lent_on:
        raise ServiceError("archive.due_before_lent", lent_on=lent_on.isoformat())
    with ws.store.writing() as session:
        pupil = find_student(session, student)
        _check_in_house(session, pupil)
        loan = ArchiveLoan(id=new_id(), student_id=pupil.id, borrower=borrower, purpose=purpose,
                           lent_on=lent_on, due=due, returned_on=None, version=1,
                           recorded_by=ws.actor.account_id)
        session.add(loan)
        Journal(session, ws.actor).change("archive.lend", "archive_loan", loan.id, op="create",
                                          payload=_loan_values(loan))
        return _loan_dto(loan, pupil)


def _check_in_house(session: Session, pupil: Student) -> None:
    """The folder is here: not lent out, not handed over."""
    out = session.scalars(select(ArchiveLoan).where(ArchiveLoan.student_id == pupil.id,
                                                    ArchiveLoan.returned_on.is_(None))).first()
    if out is not None:
        raise ServiceError("archive.already_lent", borrower=out.borrower,
                           due=out.due.isoformat())
    gone = session.scalars(select(ArchiveHandover)
                           .where(ArchiveHandover.student_id == pupil.id)).first()
    if gone is not None:
        raise ServiceError("archive.handed_over", receiver=gone.receiver,
                           day=gone.handed_on.isoformat())


def return_loan(ws: Workspace, loan_id: str, returned_on: dt.date | None = None) -> Loan:
    """The borrowed folder came back."""
    ws.require(Role.REGISTRAR)
    returned_on = returned_on or dt.date.today()
    with ws.store.writing() as session:
        loan = session.get(ArchiveLoan, loan_id)
        if loan is None or loan.returned_on is not None:
            raise ServiceError("archive.not_lent")
        if returned_on < loan.lent_on:
            raise ServiceError("archive.returned_before_lent", lent_on=loan.lent_on.isoformat())
        loan.returned_on, loan.version = returned_on, loan.version + 1
        Journal(session, ws.actor).change(
            "archive.return", "archive_loan", loan.id, op="patch",
            payload={"student_id": loan.student_id, "returned_on": returned_on.isoformat()},
            before={"returned_on": None}, base_version=loan.version - 1)
        return _loan_dto(loan, session.get(Student, loan.student_id))


def _loan_values(loan: ArchiveLoan) -> dict[str, Any]:
    return {"student_id": loan.student_id, "borrower": loan.borrower, "purpose": loan.purpose,
            "lent_on": loan.lent_on.isoformat(), "due": loan.due.isoformat()}


def _loan_dto(loan: ArchiveLoan, pupil: Student | None) -> Loan:
    return Loan(loan.id, loan.student_id, pupil.name if pupil else "",
                pupil.id_number if pupil else None, pupil.xjh if pupil else None, loan.borrower,
                loan.purpose, loan.lent_on, loan.due, loan.returned_on)


@dataclass(frozen=True)
class HandoverInput:
    reason: str  # one of HANDOVER_REASONS
    handed_on: dt.date
    receiver: str  # the receiving school or unit
    sender_signatory: str  # who handed over, for this school
    receiver_signatory: str  # who received it
    items: tuple[str, ...] = ()  # document kinds; empty: every document held
    backup_kept: bool = False  # electronic backup kept here
    copies_kept: bool = False  # paper copies kept here
    note: str = ""


def record_handover(ws: Workspace, student: str, data: HandoverInput) -> Handover:
    """The folder left the school. On 转学 the school must keep an electronic backup and
    paper copies; the folder must be here (not lent out, not handed over before)."""
    ws.require(Role.REGISTRAR)
    _check_handover(data)
    with ws.store.writing() as session:
        pupil = find_student(session, student)
        _check_in_house(session, pupil)
        items = list(data.items) or _held_kinds(session, pupil.id)
        if not items:
            raise ServiceError("archive.handover_empty")
        row = ArchiveHandover(
            id=new_id(), student_id=pupil.id, reason=data.reason, handed_on=data.handed_on,
            receiver=_text(data.receiver, RECEIVER_MAX),
            sender_signatory=_text(data.sender_signatory, NAME_MAX),
            receiver_signatory=_text(data.receiver_signatory, NAME_MAX), items=items,
            backup_kept=data.backup_kept, copies_kept=data.copies_kept,
            note=_text(data.note, NOTE_MAX) or None, recorded_by=ws.actor.account_id)
        session.add(row)
        Journal(session, ws.actor).change("archive.handover", "archive_handover", row.id,
                                          op="create", payload=_handover_values(row))
        return Handover(row.id, row.reason, row.handed_on, row.receiver, row.sender_signatory,
                        row.receiver_signatory, tuple(items), row.backup_kept, row.copies_kept,
                        row.note or "")


def _check_handover(data: HandoverInput) -> None:
    if data.reason not in HANDOVER_REASONS:
        raise ServiceError("archive.handover_reason", value=data.reason,
                           known="、".join(HANDOVER_REASONS))
    if not all(s.strip() for s in (data.receiver, data.sender_signatory, data.receiver_signatory)):
        raise ServiceError("archive.handover_incomplete")
    if data.reason == TRANSFER and not (data.backup_kept and data.copies_kept):
        raise ServiceError("archive.transfer_copies")
    for kind in data.items:
        check_kind(kind)


def _held_kinds(session: Session, student_id: str) -> list[str]:
    held = set(session.scalars(select(ArchiveItem.kind).where(ArchiveItem.student_id == student_id,
                                                              ArchiveItem.present)))
    return [code for code in KINDS if code in held]


def _handover_values(row: ArchiveHandover) -> dict[str, Any]:
    return {"student_id": row.student_id, "reason": row.reason,
            "handed_on": row.handed_on.isoformat(), "receiver": row.receiver,
            "sender_signatory": row.sender_signatory,
            "receiver_signatory": row.receiver_signatory, "items": list(row.items),
            "backup_kept": row.backup_kept, "copies_kept": row.copies_kept, "note": row.note}


def _journal(session: Session, ws: Workspace, action: str, record_type: str,
             row: ArchiveItem | ArchiveLocation, after: dict[str, Any],
             before: dict[str, Any] | None) -> None:
    """Bump the row's version and journal it: created when there was no row before."""
    row.version, row.updated_at = row.version + 1, utc_now()
    Journal(session, ws.actor).change(action, record_type, row.id,
                                      op="patch" if before else "create", payload=after,
                                      before=before, base_version=row.version - 1)


def _text(value: str, limit: int) -> str:
    text = value.strip()
    if len(text) > limit:
        raise ServiceError("text.too_long", max_len=limit)
    return text
