"""Pulling the school's feed from the stored cursor until `has_more` is false, each page and
its cursor stored in one local transaction; then acknowledging the cursor.

A cursor the registry no longer serves (410 cursor_expired: pruned feed or a new epoch; or
400 cursor_invalid) leads to a full restore from /v1/sync/snapshot, once per run, after which
pulling continues from the cursor the snapshot hands back. The outbox is never touched.

Pipelined, the protocol unchanged: while page n is stored here, page n+1 (its cursor is in
page n's answer) is fetched on a worker thread, one request at a time. Pages are stored in
feed order, each with its own cursor; a page fetched but not stored (the run failed or was
stopped) is simply fetched again next time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.device import device_info
from desktop.sync.auth import Session
from desktop.sync.outcomes import apply_pull_page, apply_snapshot_page, finish_restore
from desktop.sync.transport import HttpProblem
from desktop.sync.wire.protocol import AckRequest, PullPage, SnapshotPage

PAGE_ITEMS = 500
Progress = Callable[[str, int, int], None]


@dataclass
class PullTally:
    items: int = 0
    restored: bool = False
    cursor: str | None = None
    counts: Counter[str] = field(default_factory=Counter)


@dataclass
class Puller:
    ws: Workspace
    session: Session
    page_items: int = PAGE_ITEMS
    stopped: Callable[[], bool] = lambda: False
    progress: Progress | None = None
    tally: PullTally = field(default_factory=PullTally)

    def pull_all(self) -> PullTally:
        info = device_info(self.ws)
        self.tally.cursor = info.cursor if info else None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="xueji-pull") as worker:
            flight: Future[PullPage] | None = None
            while flight is not None or not self.stopped():
                flight = flight or worker.submit(self._page, self.tally.cursor)
                try:
                    page = flight.result()
                except HttpProblem as exc:
                    if not _expired(exc) or self.tally.restored:
                        raise
                    flight = None
                    self._restore()
                    continue
                flight = None
                if page.has_more and not self.stopped():  # the next page, while this one is stored
                    flight = worker.submit(self._page, page.next_cursor)
                self._count(apply_pull_page(self.ws, page).counts, len(page.items))
                self.tally.cursor = page.next_cursor
                if not page.has_more:
                    break
        return self.tally

    def ack(self) -> None:
        if self.tally.cursor is None:
            return
        body = AckRequest(cursor=self.tally.cursor).to_json()
        self.session.call(lambda token: self.session.transport.post("/v1/sync/ack", body, token))

    def _restore(self) -> None:
        self.tally.restored = True
        token: str | None = None
        first = True
        while True:
            params = {"limit": self.page_items} | ({"page_token": token} if token else {})
            page = SnapshotPage.from_dict(self._get("/v1/sync/snapshot", params))
            self._count(apply_snapshot_page(self.ws, page, first=first).counts, len(page.items))
            first, token = False, page.next_page_token
            if not page.has_more or token is None:
                break
            if self.stopped():
                raise ServiceError("sync.server_error", detail="restore interrupted")
        finish_restore(self.ws, page)
        self.tally.cursor = page.cursor

    def _page(self, cursor: str | None) -> PullPage:
        """On the worker thread: the feed page after `cursor`, with retries, decoded."""
        params = {"limit": self.page_items} | ({"cursor": cursor} if cursor else {})
        return PullPage.from_dict(self._get("/v1/sync/pull", params))

    def _get(self, path: str, params: dict[str, Any]) -> Any:
        return self.session.call(lambda token: self.session.transport.get(path, params, token))

    def _count(self, counts: dict[str, int], items: int) -> None:
        self.tally.items += items
        self.tally.counts.update(counts)
        if self.progress:
            self.progress("pull", self.tally.items, 0)


def _expired(exc: HttpProblem) -> bool:
    return exc.status == 410 or exc.code == "cursor_invalid"
