"""The parts of a school's full-restore snapshot after its students and findings: every
case the school takes part in, then its guardian requests (as their feed items)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from central.cases import deadlines, guardian
from central.cases import engine as cases
from central.cases import view as case_view
from central.store import records
from central.store.db import case_parties, guardian_requests
from desktop.sync.wire.protocol import FeedItem


def case_items(conn: Connection, now: int, school_id: str, after: str,
               limit: int) -> tuple[list[FeedItem], str | None]:
    """Up to `limit` case items with ids after `after`; the last id when more may follow."""
    ids = list(conn.scalars(select(case_parties.c.case_id).where(
        case_parties.c.party_id == school_id, case_parties.c.case_id > after)
        .order_by(case_parties.c.case_id).limit(limit + 1)))
    today = deadlines.local_date(now)
    items = []
    for case_id in ids[:limit]:
        case = cases.load(conn, case_id)
        if case is not None:
            items.append(case_view.item(case, records.load(conn, case.record_id), school_id, today))
    return items, ids[limit - 1] if len(ids) > limit else None


def request_items(conn: Connection, school_id: str, after: str,
                  limit: int) -> tuple[list[FeedItem], str | None]:
    rows = conn.execute(select(guardian_requests).where(
        guardian_requests.c.school_id == school_id, guardian_requests.c.request_id > after)
        .order_by(guardian_requests.c.request_id).limit(limit + 1)).all()
    items = [guardian.feed_item(conn, row) for row in rows[:limit]]
    return items, rows[limit - 1].request_id if len(rows) > limit else None


def any_left(conn: Connection, school_id: str, part: str) -> bool:
    """Whether the part (or the one after it) holds anything for the school."""
    requests = select(guardian_requests.c.request_id).where(guardian_requests.c.school_id == school_id)
    if conn.execute(requests.limit(1)).first() is not None:
        return True
    if part != "cases":
        return False
    mine = select(case_parties.c.case_id).where(case_parties.c.party_id == school_id)
    return conn.execute(mine.limit(1)).first() is not None
