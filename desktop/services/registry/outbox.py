"""The outbox as the sync layer reads it: every change not yet decided by the registry, in
device_seq order, and marking changes as sent (online or on a USB bundle).

"Unacknowledged" means PENDING, SENT, SENT_VIA_BUNDLE or HELD: the registry has not told
this desk a final result. Those are the changes an online push and a bundle export carry;
re-sending them is safe because the registry keeps a receipt per change id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import LargeBinary, cast, func, select, update
from sqlalchemy.orm import Session

from desktop.models.outbox import PENDING, SENT, SENT_VIA_BUNDLE, UNACKNOWLEDGED, OutboxEntry
from desktop.services.context import Workspace

_CHUNK = 500


@dataclass(frozen=True)
class OutgoingChange:
    """One outbox row as it travels: the same ids, sequence and payload as stored."""

    change_id: str
    device_seq: int
    record_type: str
    record_id: str
    op: str
    base_version: int
    payload: dict[str, Any]
    actor: str
    client_ts: str
    state: str


def unacknowledged_changes(ws: Workspace, limit: int | None = None) -> list[OutgoingChange]:
    """Every change the registry has not decided yet, lowest device_seq first."""
    table = OutboxEntry.__table__
    stmt = (select(*_columns()).where(table.c.state.in_(UNACKNOWLEDGED))
            .order_by(table.c.device_seq))  # rows, not ORM objects: ten thousand at a push
    if limit is not None:
        stmt = stmt.limit(limit)
    with ws.store.reading() as session:
        return [_outgoing(row) for row in session.execute(stmt)]


_COLUMNS = ("change_id", "device_seq", "record_type", "record_id", "op", "base_version",
            "payload", "actor", "created_at", "state")


def _columns() -> list[Any]:
    """The columns of `_COLUMNS`; the payload is the row's own copy or its audit entry's text
    (OutboxEntry.payload)."""
    table = OutboxEntry.__table__
    return [_payload().label(name) if name == "payload" else table.c[name] for name in _COLUMNS]


def _payload() -> Any:
    return OutboxEntry.payload.expression


@dataclass(frozen=True)
class WaitingChange:
    """What cutting a push into batches needs of an unacknowledged change: no payload, only
    the size of its stored JSON text (the bytes it adds to a batch body)."""

    change_id: str
    device_seq: int
    state: str
    size: int


def waiting_changes(ws: Workspace) -> list[WaitingChange]:
    """Every unacknowledged change, lowest device_seq first, without reading its payload."""
    table = OutboxEntry.__table__
    size = func.length(cast(_payload(), LargeBinary))  # bytes, not characters
    stmt = (select(table.c.change_id, table.c.device_seq, table.c.state, size)
            .where(table.c.state.in_(UNACKNOWLEDGED)).order_by(table.c.device_seq))
    with ws.store.querying() as conn:
        return [WaitingChange(cid, seq, state, length or 0) for cid, seq, state, length
                in conn.execute(stmt)]


def changes_by_id(ws: Workspace, change_ids: Sequence[str]) -> list[OutgoingChange]:
    """The listed changes as they travel (whatever their state is now), by device_seq."""
    table = OutboxEntry.__table__
    found: list[OutgoingChange] = []
    with ws.store.reading() as session:
        for start in range(0, len(change_ids), _CHUNK):
            stmt = (select(*_columns())
                    .where(table.c.change_id.in_(list(change_ids[start:start + _CHUNK]))))
            found.extend(_outgoing(row) for row in session.execute(stmt))
    return sorted(found, key=lambda change: change.device_seq)


def unacknowledged_count(ws: Workspace) -> int:
    with ws.store.reading() as session:
        return session.scalar(select(func.count()).select_from(OutboxEntry)
                              .where(OutboxEntry.state.in_(UNACKNOWLEDGED))) or 0


def mark_sent(ws: Workspace, change_ids: Sequence[str], batch_id: str) -> None:
    """Before a push: PENDING -> SENT; every listed change counts one more attempt."""
    with ws.store.writing() as session:
        mark_sent_in(session, change_ids, batch_id)


def mark_sent_in(session: Session, change_ids: Sequence[str], batch_id: str) -> None:
    """`mark_sent` inside the caller's transaction."""
    _mark(session, change_ids, {"batch_id": batch_id}, SENT)


def mark_sent_via_bundle(ws: Workspace, change_ids: Sequence[str], bundle_id: str) -> None:
    """After a request bundle was written: PENDING/SENT -> SENT_VIA_BUNDLE (HELD stays)."""
    with ws.store.writing() as session:
        _mark(session, change_ids, {"bundle_id": bundle_id}, SENT_VIA_BUNDLE, (PENDING, SENT))


def _mark(session: Session, change_ids: Sequence[str], values: dict[str, Any], state: str,
          from_states: tuple[str, ...] = (PENDING,)) -> None:
    table = OutboxEntry.__table__
    for start in range(0, len(change_ids), _CHUNK):
        chunk = list(change_ids[start:start + _CHUNK])
        session.execute(update(table).where(table.c.change_id.in_(chunk),
                                            table.c.state.in_(UNACKNOWLEDGED))
                        .values(attempts=table.c.attempts + 1, **values))
        session.execute(update(table).where(table.c.change_id.in_(chunk),
                                            table.c.state.in_(from_states))
                        .values(state=state))


def _outgoing(row: Any) -> OutgoingChange:
    stamp = row.created_at.replace(tzinfo=dt.UTC).isoformat() if row.created_at else ""
    return OutgoingChange(row.change_id, row.device_seq, row.record_type, row.record_id, row.op,
                          row.base_version, row.payload, row.actor, stamp, row.state)
