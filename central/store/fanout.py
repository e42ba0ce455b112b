"""Feed items gathered during one transaction and appended at its end, recipient by
recipient in id order: every transaction then takes the recipients' cursor locks in the
same order, so two of them never wait for each other over the feed. A push batch gathers
the items of all its changes in one fan-out (central/api/push.py)."""

from __future__ import annotations

from sqlalchemy import Connection

from central.store import feed
from desktop.sync.wire.protocol import FeedItem


class Fanout:
    def __init__(self) -> None:
        self.items: list[tuple[str, FeedItem]] = []

    def add(self, recipient_id: str, item: FeedItem) -> None:
        self.items.append((recipient_id, item))

    def extend(self, other: Fanout) -> None:
        self.items.extend(other.items)

    def flush(self, conn: Connection, now: int) -> None:
        by_recipient: dict[str, list[FeedItem]] = {}
        for recipient_id, item in self.items:  # each recipient's items keep their order
            by_recipient.setdefault(recipient_id, []).append(item)
        for recipient_id in sorted(by_recipient):
            feed.append_all(conn, now, recipient_id, by_recipient[recipient_id])
        self.items.clear()
