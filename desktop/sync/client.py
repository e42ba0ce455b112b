"""One online sync with the registry (docs/protocol.md, "How a client calls it"):

meta (protocol, client version, pinned server key) -> sign in -> push every unacknowledged
change -> pull the feed until has_more is false (restore from the snapshot on 410) -> ack.

`sync_once` returns a `SyncReport` with the counts and whether every change is now decided
(applied, duplicate, rejected or conflict recorded); failures leave as ServiceError
(`sync.unreachable`, `sync.not_enrolled`, `sync.client_too_old` …) after everything that
arrived before them was stored.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import httpx

from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.cases import CASEWORK
from desktop.services.registry.device import (
    device_keys,
    normalise_server_url,
    record_sync_run,
    set_server_url,
)
from desktop.services.registry.outbox import unacknowledged_count
from desktop.sync.auth import Session, checked_meta
from desktop.sync.enroll import Enrollment, enroll
from desktop.sync.errors import service_errors
from desktop.sync.puller import PAGE_ITEMS, Puller, PullTally
from desktop.sync.pusher import Progress, Pusher, PushTally
from desktop.sync.transport import DEFAULT_TIMEOUT, RetryPolicy, Transport
from desktop.sync.wire.protocol import MAX_BATCH_CHANGES, Meta

__all__ = ["Enrollment", "SyncOptions", "SyncReport", "enroll", "sync_once"]


@dataclass(frozen=True)
class SyncReport:
    sent: int
    applied: int
    duplicate: int
    rejected: int
    conflict: int
    held: int
    pulled: int  # feed or snapshot items received
    updated: int  # records created or changed on this desk by what was pulled
    findings: int
    restored: bool  # a full restore from the snapshot was needed
    remaining: int  # changes the registry has not decided yet
    casework: int = 0  # case, guardian-request and moved-away items that changed something

    @property
    def settled(self) -> bool:
        """Every change is acknowledged or terminally decided."""
        return self.remaining == 0

    def to_dict(self) -> dict[str, object]:
        return {**asdict(self), "settled": self.settled}


@dataclass(frozen=True)
class SyncOptions:
    transport: httpx.BaseTransport | None = None  # tests and proxies replace the network
    policy: RetryPolicy = field(default_factory=RetryPolicy)
    timeout: httpx.Timeout = field(default_factory=lambda: DEFAULT_TIMEOUT)
    batch_changes: int = MAX_BATCH_CHANGES
    page_items: int = PAGE_ITEMS
    stop: threading.Event | None = None
    progress: Progress | None = None


def sync_once(ws: Workspace, server_url: str | None = None,
              options: SyncOptions | None = None) -> SyncReport:
    """Push, pull, ack; every page stored as it arrives. `server_url` (the registry at a new
    address) is kept once the registry there proves to be the one this desk enrolled with."""
    options = options or SyncOptions()
    keys = device_keys(ws)
    url = normalise_server_url(server_url) if server_url else keys.server_url
    try:
        with Transport(url, transport=options.transport,
                       timeout=options.timeout) as http, service_errors(url):
            meta = checked_meta(http, options.policy, keys.server_sign_pub)
            if url != keys.server_url:  # the same registry (pinned key) at a new address
                set_server_url(ws, url)
            session = Session(http, keys, options.policy)
            pushed, pulled = _exchange(ws, session, keys.device_id or "", options, meta)
    except ServiceError as exc:
        record_sync_run(ws, {"error": exc.code, **exc.params}, reached=False)
        raise
    report = _report(pushed, pulled, unacknowledged_count(ws))
    record_sync_run(ws, report.to_dict(), reached=True)
    return report


def _exchange(ws: Workspace, session: Session, device_id: str, options: SyncOptions,
              meta: Meta) -> tuple[PushTally, PullTally]:
    stopped: Callable[[], bool] = options.stop.is_set if options.stop else (lambda: False)
    pusher = Pusher(ws, session, device_id,
                    max_changes=min(options.batch_changes, meta.max_batch_changes),
                    max_bytes=meta.max_body_bytes, stopped=stopped, progress=options.progress)
    pushed = pusher.push_all()
    puller = Puller(ws, session, page_items=options.page_items, stopped=stopped,
                    progress=options.progress)
    pulled = puller.pull_all()
    if pulled.counts["decisions"]:  # bureau decisions recorded here: confirm them now
        pusher.push_all()
    puller.ack()
    return pushed, pulled


def _report(pushed: PushTally, pulled: PullTally, remaining: int) -> SyncReport:
    statuses, counts = pushed.statuses, pulled.counts
    return SyncReport(
        sent=len(pushed.sent), applied=statuses["applied"], duplicate=statuses["duplicate"],
        rejected=statuses["rejected"], conflict=statuses["conflict"], held=statuses["held"],
        pulled=pulled.items, updated=counts["applied"] + counts["created"] + counts["rebased"],
        findings=counts["findings"], restored=pulled.restored, remaining=remaining,
        casework=sum(counts[key] for key in CASEWORK))
