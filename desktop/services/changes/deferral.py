"""缓学 register: a child whose enrolment is deferred for health reasons gets no 学籍; the
deferral lasts one school year and must be applied for again if the child still cannot
attend. When the child enrols, the registrar adds the pupil as usual."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from desktop.domain.idnumber import parse_resident_id
from desktop.domain.ids import new_id
from desktop.domain.workdays import one_year_after
from desktop.models.deferral import DeferralEntry
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.journal import Journal
from desktop.services.students.id_policy import numbers_for

ACTIVE, ENROLLED, RENEWED = "缓学中", "已入学", "已续缓"


@dataclass(frozen=True)
class DeferralInput:
    name: str
    birth_date: dt.date
    guardian: str
    reason: str
    certificate: str  # the county-level (or higher) hospital's certificate
    start: dt.date
    id_number: str = ""
    phone: str = ""


@dataclass(frozen=True)
class Deferral:
    id: str
    name: str
    id_number: str
    start: dt.date
    until: dt.date
    state: str


def register_deferral(ws: Workspace, data: DeferralInput, follows: str | None = None) -> Deferral:
    """Record a deferral of one school year; DomainError if the ID number is wrong."""
    ws.require(Role.REGISTRAR)
    if not (data.name.strip() and data.guardian.strip() and data.certificate.strip()):
        raise ServiceError("deferral.incomplete")
    number = parse_resident_id(data.id_number).number if data.id_number.strip() else None
    entry = DeferralEntry(id=new_id(), name=data.name.strip(), id_number=number,
                          birth_date=data.birth_date, guardian=data.guardian.strip(),
                          phone=data.phone or None, reason=data.reason, certificate=data.certificate,
                          start=data.start, until=one_year_after(data.start), state=ACTIVE,
                          follows=follows)
    with ws.store.writing() as session:
        session.add(entry)
        Journal(session, ws.actor).audit("deferral.register", "deferral", entry.id,
                                         after={"start": entry.start.isoformat(),
                                                "until": entry.until.isoformat()})
    return _dto(entry)


def reapply(ws: Workspace, deferral_id: str, certificate: str, reason: str) -> Deferral:
    """A new application for the following school year, once the current one has run."""
    with ws.store.reading() as session:
        old = session.get(DeferralEntry, deferral_id)
    if old is None or old.state != ACTIVE:
        raise ServiceError("deferral.not_active")
    renewed = register_deferral(ws, DeferralInput(
        old.name, old.birth_date, old.guardian, reason, certificate,
        old.until + dt.timedelta(days=1), old.id_number or "", old.phone or ""), follows=old.id)
    _set_state(ws, deferral_id, RENEWED)
    return renewed


def mark_enrolled(ws: Workspace, deferral_id: str) -> None:
    """The child has enrolled (缓学期满入学): the entry closes; add the pupil as usual."""
    _set_state(ws, deferral_id, ENROLLED)


def _set_state(ws: Workspace, deferral_id: str, state: str) -> None:
    ws.require(Role.REGISTRAR)
    with ws.store.writing() as session:
        entry = session.get(DeferralEntry, deferral_id)
        if entry is None or entry.state != ACTIVE:
            raise ServiceError("deferral.not_active")
        entry.state = state
        Journal(session, ws.actor).audit("deferral.state", "deferral", entry.id,
                                         after={"state": state})


def active_deferrals(ws: Workspace) -> list[Deferral]:
    with ws.store.reading() as session:
        entries = session.scalars(select(DeferralEntry).where(DeferralEntry.state == ACTIVE)
                                  .order_by(DeferralEntry.until)).all()
        return [numbers_for(ws, _dto(e), "id_number") for e in entries]


def _dto(entry: DeferralEntry) -> Deferral:
    return Deferral(entry.id, entry.name, entry.id_number or "", entry.start, entry.until,
                    entry.state)


