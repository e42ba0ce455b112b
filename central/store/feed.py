"""The per-recipient feed: numbered items (record snapshots, findings …) a school pulls.

A recipient's sequence is taken under the row lock of its `recipient_cursors` row, so items
commit in sequence order and a reader never skips one that commits late (protocol R6).
Cursors are opaque to clients: base64url of {epoch, recipient, seq}.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from central.store.db import feed, recipient_cursors
from desktop.sync.wire.protocol import FeedItem, ProtocolError, b64, canonical_json, unb64


@dataclass(frozen=True)
class Cursor:
    epoch: str
    recipient_id: str
    seq: int

    def encode(self) -> str:
        return b64(canonical_json({"e": self.epoch, "r": self.recipient_id, "s": self.seq}))

    @classmethod
    def decode(cls, text: str) -> Cursor:
        try:
            data = json.loads(unb64(text))
            cursor = cls(str(data["e"]), str(data["r"]), int(data["s"]))
        except (ProtocolError, ValueError, KeyError, TypeError) as exc:
            raise ProtocolError("cursor") from exc
        if cursor.seq < 0:
            raise ProtocolError("cursor")
        return cursor


def append(conn: Connection, now: int, recipient_id: str, item: FeedItem) -> int:
    """Add an item to the recipient's feed; returns its seq."""
    return append_all(conn, now, recipient_id, [item])


def append_all(conn: Connection, now: int, recipient_id: str, items: list[FeedItem]) -> int:
    """Add items to the recipient's feed, numbered in their order; returns the last seq."""
    last: int = conn.execute(recipient_cursors.update()
                             .where(recipient_cursors.c.recipient_id == recipient_id)
                             .values(last_seq=recipient_cursors.c.last_seq + len(items))
                             .returning(recipient_cursors.c.last_seq)).scalar_one()
    first = last - len(items) + 1
    conn.execute(feed.insert(), [
        {"recipient_id": recipient_id, "seq": first + offset, "kind": item.kind,
         "record_type": item.record_type, "record_id": item.record_id,
         "version": item.version, "body": item.snapshot, "created_at": now}
        for offset, item in enumerate(items)])
    return last


def last_seq(conn: Connection, recipient_id: str) -> int:
    return conn.scalar(select(recipient_cursors.c.last_seq)
                       .where(recipient_cursors.c.recipient_id == recipient_id)) or 0


def floor_seq(conn: Connection, recipient_id: str) -> int:
    return conn.scalar(select(recipient_cursors.c.floor_seq)
                       .where(recipient_cursors.c.recipient_id == recipient_id)) or 0


def items_after(conn: Connection, recipient_id: str, seq: int, limit: int) -> list[FeedItem]:
    rows = conn.execute(select(feed).where(feed.c.recipient_id == recipient_id, feed.c.seq > seq)
                        .order_by(feed.c.seq).limit(limit))
    return [item_of(row) for row in rows]


def item_of(row: Any) -> FeedItem:
    return FeedItem(seq=row.seq, kind=row.kind, record_type=row.record_type,
                    record_id=row.record_id, version=row.version, snapshot=row.body)
