"""GET /v1/sync/pull, POST /v1/sync/ack, GET /v1/sync/snapshot, and feed pruning.

A device reads its school's feed from its cursor and acks what it stored. A cursor from
another epoch, or one below the pruned part of the feed, gets 410: the device restores
from the snapshot (every current record, finding, case and guardian request of its
school) and pulls from the cursor the snapshot hands back. A pull first marks the school's
cases whose step is past its deadline, so an overdue flag reaches the desk.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import Connection, Engine, func, select

from central.api import snapshot_parts
from central.api.auth import ContextDep, DeviceDep
from central.cases import work as casework
from central.context import DeviceScope
from central.errors import ApiProblem
from central.store import feed
from central.store.db import devices, finding_parties, findings, load_identity, recipient_cursors, students
from central.store.db import feed as feed_table
from central.store.feed import Cursor
from central.store.records import record_item
from central.store.schools import school_by_code
from desktop.sync.wire.protocol import (
    FINDING,
    MAX_PAGE_ITEMS,
    AckRequest,
    AckResult,
    FeedItem,
    ProtocolError,
    PullPage,
    SnapshotPage,
    b64,
    canonical_json,
    unb64,
)

router = APIRouter(prefix="/v1/sync", tags=["同步"])
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE_ITEMS)]
RESTORE = "请先上报本机未上报的变更，再从中心完整恢复本校数据。"


@router.get("/pull", response_model=PullPage)
def pull(scope: DeviceDep, ctx: ContextDep, cursor: str | None = None,
         limit: Limit = 500) -> PullPage:
    """Feed items after the cursor (from the start without one), oldest first."""
    with ctx.engine.begin() as conn:
        epoch = load_identity(conn).epoch
        after = _position(conn, epoch, scope, cursor)
        casework.sweep(conn, ctx.now(), scope.school_id)  # overdue steps reach the feed
        items = feed.items_after(conn, scope.school_id, after, limit + 1)
    page = items[:limit]
    last = page[-1].seq if page else after
    return PullPage(epoch=epoch, items=tuple(page), has_more=len(items) > limit,
                    next_cursor=Cursor(epoch, scope.school_id, last).encode())


@router.post("/ack", response_model=AckResult)
def ack(request: AckRequest, scope: DeviceDep, ctx: ContextDep) -> AckResult:
    """Record that the device stored everything up to the cursor (never moves back)."""
    with ctx.engine.begin() as conn:
        seq = _position(conn, load_identity(conn).epoch, scope, request.cursor)
        conn.execute(devices.update().where(devices.c.device_id == scope.device_id,
                                            devices.c.acked_seq < seq).values(acked_seq=seq))
        acked = conn.execute(select(devices.c.acked_seq)
                             .where(devices.c.device_id == scope.device_id)).scalar_one()
    return AckResult(cursor=request.cursor, acked_seq=acked)


def _position(conn: Connection, epoch: str, scope: DeviceScope, text: str | None) -> int:
    seq = 0 if text is None else _own_cursor(epoch, scope, text).seq
    if seq < feed.floor_seq(conn, scope.school_id):
        raise ApiProblem(410, "cursor_expired", "同步位置已过期。" + RESTORE)
    if seq > feed.last_seq(conn, scope.school_id):
        raise ApiProblem(400, "cursor_invalid", "同步位置无效。" + RESTORE)
    return seq


def _own_cursor(epoch: str, scope: DeviceScope, text: str) -> Cursor:
    try:
        cursor = Cursor.decode(text)
    except ProtocolError as exc:
        raise ApiProblem(400, "cursor_invalid", "同步位置无效。" + RESTORE) from exc
    return _checked(epoch, scope, cursor)


def _checked(epoch: str, scope: DeviceScope, cursor: Cursor) -> Cursor:
    if cursor.recipient_id != scope.school_id:
        raise ApiProblem(403, "out_of_scope", "这个同步位置不属于本校。")
    if cursor.epoch != epoch:
        raise ApiProblem(410, "cursor_expired", "中心数据已重置。" + RESTORE)
    return cursor


@dataclasses.dataclass(frozen=True)
class PageToken:
    """Where a snapshot read is: the feed seq it started at, the part, the last id sent."""

    cursor: Cursor
    part: str  # students | findings | cases | requests
    after: str = ""

    def encode(self) -> str:
        return b64(canonical_json({"c": self.cursor.encode(), "p": self.part, "a": self.after}))

    @classmethod
    def decode(cls, text: str) -> PageToken:
        try:
            data = json.loads(unb64(text))
            return cls(Cursor.decode(data["c"]), str(data["p"]), str(data["a"]))
        except (ProtocolError, ValueError, KeyError, TypeError) as exc:
            raise ProtocolError("page token") from exc


@router.get("/snapshot", response_model=SnapshotPage)
def snapshot(scope: DeviceDep, ctx: ContextDep, page_token: str | None = None,
             limit: Limit = 500) -> SnapshotPage:
    """Every current record and finding of the school, page by page (full restore)."""
    with ctx.engine.begin() as conn:
        epoch = load_identity(conn).epoch
        token = _page_token(conn, epoch, scope, page_token)
        items, following = _snapshot_page(conn, ctx.now(), scope.school_id, token, limit)
    return SnapshotPage(epoch=epoch, items=tuple(items), has_more=following is not None,
                        next_page_token=following.encode() if following else None,
                        cursor=token.cursor.encode())


def _page_token(conn: Connection, epoch: str, scope: DeviceScope, text: str | None) -> PageToken:
    if text is None:
        start = Cursor(epoch, scope.school_id, feed.last_seq(conn, scope.school_id))
        return PageToken(start, "students")
    try:
        token = PageToken.decode(text)
    except ProtocolError as exc:
        raise ApiProblem(400, "page_token_invalid", "快照分页标记无效，请重新开始恢复。") from exc
    _checked(epoch, scope, token.cursor)
    return token


def _snapshot_page(conn: Connection, now: int, school_id: str, token: PageToken | None,
                   limit: int) -> tuple[list[FeedItem], PageToken | None]:
    items: list[FeedItem] = []
    while token is not None and len(items) < limit:
        if token.part in ("students", "findings"):
            read = _students_part if token.part == "students" else _findings_part
            chunk, token = read(conn, school_id, token, limit - len(items))
        else:
            chunk, token = _casework_part(conn, now, school_id, token, limit - len(items))
        items += chunk
    if token is not None and token.part in ("cases", "requests") and not token.after \
            and not snapshot_parts.any_left(conn, school_id, token.part):
        token = None  # no page that would hold nothing
    return items, token


def _casework_part(conn: Connection, now: int, school_id: str, token: PageToken,
                   limit: int) -> tuple[list[FeedItem], PageToken | None]:
    """The school's cases, then its guardian requests (central/api/snapshot_parts.py)."""
    if token.part == "cases":
        chunk, last = snapshot_parts.case_items(conn, now, school_id, token.after, limit)
        following = PageToken(token.cursor, "cases", last) if last else PageToken(token.cursor, "requests")
        return chunk, following
    chunk, last = snapshot_parts.request_items(conn, school_id, token.after, limit)
    return chunk, PageToken(token.cursor, "requests", last) if last else None


def _students_part(conn: Connection, school_id: str, token: PageToken,
                   limit: int) -> tuple[list[FeedItem], PageToken | None]:
    rows = conn.execute(select(students).where(students.c.school_id == school_id,
                                               students.c.record_id > token.after)
                        .order_by(students.c.record_id).limit(limit + 1)).all()
    if len(rows) > limit:
        return [record_item(r) for r in rows[:limit]], PageToken(token.cursor, "students",
                                                                 rows[limit - 1].record_id)
    return [record_item(r) for r in rows], PageToken(token.cursor, "findings")


def _findings_part(conn: Connection, school_id: str, token: PageToken,
                   limit: int) -> tuple[list[FeedItem], PageToken | None]:
    involved = select(finding_parties.c.finding_id).where(finding_parties.c.school_id == school_id)
    rows = conn.execute(select(findings).where(findings.c.finding_id.in_(involved),
                                               findings.c.finding_id > token.after)
                        .order_by(findings.c.finding_id).limit(limit + 1)).all()
    items = [_finding_item(row) for row in rows[:limit]]
    more = len(rows) > limit
    following = PageToken(token.cursor, "findings", rows[limit - 1].finding_id) if more else None
    return items, following or PageToken(token.cursor, "cases")


def _finding_item(row: Any) -> FeedItem:
    return FeedItem(seq=0, kind=FINDING, record_type="finding", record_id=row.finding_id,
                    version=1, snapshot=row.body)


def prune_feed(engine: Engine, school_code: str) -> int:
    """Drop feed items every active device of the school has acked; returns how many."""
    with engine.begin() as conn:
        school = school_by_code(conn, school_code)
        if school is None:
            raise LookupError(school_code)
        acked = conn.scalar(select(func.min(devices.c.acked_seq)).where(
            devices.c.school_id == school.school_id, devices.c.status == "active")) or 0
        if acked <= feed.floor_seq(conn, school.school_id):
            return 0
        gone = conn.execute(feed_table.delete().where(feed_table.c.recipient_id == school.school_id,
                                                      feed_table.c.seq <= acked)).rowcount
        conn.execute(recipient_cursors.update()
                     .where(recipient_cursors.c.recipient_id == school.school_id)
                     .values(floor_seq=acked))
    return gone
