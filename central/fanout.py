"""Feed items gathered during one transaction and appended at its end, recipient by
recipient in id order: every transaction then takes the recipients' cursor locks in the
same order, so two of them can never wait for each other."""

from __future__ import annotations

from sqlalchemy import Connection

from central import feed
from desktop.sync.protocol import FeedItem


class Fanout:
    def __init__(self) -> None:
        self.items: list[tuple[str, FeedItem]] = []

    def add(self, recipient_id: str, item: FeedItem) -> None:
        self.items.append((recipient_id, item))

    def flush(self, conn: Connection, now: int) -> None:
        for recipient_id, item in sorted(self.items, key=lambda pair: pair[0]):  # stable
            feed.append(conn, now, recipient_id, item)
        self.items.clear()
