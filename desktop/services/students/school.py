"""Read-only facts for the window chrome and filters: the school, its grades and classes,
how many changes wait to be synced and when the last sync happened."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select

from desktop.models.accounts import Meta
from desktop.models.outbox import UNACKNOWLEDGED, OutboxEntry
from desktop.models.school import Grade, School, SchoolClass
from desktop.services.context import Workspace


@dataclass(frozen=True)
class SchoolInfo:
    code: str
    name: str
    system: str
    stages: tuple[str, ...]


@dataclass(frozen=True)
class ClassInfo:
    id: str
    name: str
    grade_id: str
    grade_name: str
    stage: str
    level: int


@dataclass(frozen=True)
class SyncSummary:
    waiting: int
    last_sync_at: str | None


def school_info(ws: Workspace) -> SchoolInfo:
    with ws.store.reading() as session:
        school = session.scalars(select(School)).one()
        return SchoolInfo(school.code, school.name, school.system, tuple(school.stages.split(",")))


def list_classes(ws: Workspace) -> list[ClassInfo]:
    """Every class, in grade order (小学 → 初中 → 高中, then year, then class number)."""
    stage_order = {"小学": 0, "初中": 1, "高中": 2}
    with ws.store.reading() as session:
        rows = sorted(session.execute(
            select(SchoolClass.id, SchoolClass.name, Grade.id, Grade.name, Grade.stage,
                   Grade.level, SchoolClass.number).join(Grade)
        ).all(), key=lambda r: (stage_order.get(r[4], 9), r[5], r[6], r[1]))
    return [ClassInfo(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows]


def sync_summary(ws: Workspace) -> SyncSummary:
    with ws.store.reading() as session:
        waiting = session.scalar(select(func.count()).select_from(OutboxEntry)
                                 .where(OutboxEntry.state.in_(UNACKNOWLEDGED))) or 0
        last = session.scalar(select(Meta.value).where(Meta.key == "last_sync_at"))
    return SyncSummary(waiting, last)
