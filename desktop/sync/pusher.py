"""Pushing the outbox: every unacknowledged change in device_seq order, in batches of at most
500 changes and the registry's body limit.

Each batch is marked SENT before it leaves and gets a new batch_id; network errors and 5xx
resend it unchanged (same batch_id, same change ids) after a pause; 413 splits it in halves,
each with a new batch_id and the same change ids. Results are written back as they arrive.
A second pass resends what is still undecided (e.g. held behind a change that got lost in
transit), as long as passes make progress.

Pipelined, the protocol unchanged: one request is in flight at a time, on a worker thread
(which waits on the socket with the GIL released), and batch n+1 leaves only after batch n was
answered, so the registry sees exactly the sequence of requests a one-by-one push makes.
Meanwhile this thread stores the answer to batch n-1 and marks batch n+1 SENT in one local
transaction, then reads batch n+1 from the outbox and serializes it (the batches are cut
beforehand from the ids and payload sizes of the waiting changes, without their payloads).
An answer is stored before anything after it can fail the run; a batch prepared but not sent
(the run failed or was stopped) stays SENT, like a batch whose connection dropped before it
reached the registry, and is sent again next time.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field

from desktop.domain.ids import new_id
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.outbox import (
    OutgoingChange,
    WaitingChange,
    changes_by_id,
    mark_sent,
    waiting_changes,
)
from desktop.sync.auth import Session
from desktop.sync.outcomes import apply_push_result, apply_push_result_and_mark_sent, to_change
from desktop.sync.transport import HttpProblem
from desktop.sync.wire.protocol import MAX_BATCH_CHANGES, MAX_BODY_BYTES, Change, PushBatch, PushResult

_CHANGE_FIELDS = dataclasses.fields(Change)
MAX_PASSES = 3
ENVELOPE_BYTES = 1024  # the batch around the changes, with room to spare
CHANGE_FIELDS_BYTES = 400  # ids, sequence, op, base version, actor, time and their keys
Progress = Callable[[str, int, int], None]


@dataclass
class PushTally:
    sent: set[str] = field(default_factory=set)
    last: dict[str, str] = field(default_factory=dict)  # change id -> its latest result

    @property
    def statuses(self) -> Counter[str]:
        """Each change counted once, by the last result it got in this run."""
        return Counter(self.last.values())


@dataclass(frozen=True)
class _Prepared:
    """A batch marked SENT, with the bytes that carry it."""

    changes: Sequence[OutgoingChange]
    ids: list[str]
    body: bytes


@dataclass(frozen=True)
class _Answered:
    """The registry's answer to a batch, not yet stored."""

    ids: list[str]
    result: PushResult


@dataclass
class Pusher:
    ws: Workspace
    session: Session
    device_id: str
    max_changes: int = MAX_BATCH_CHANGES
    max_bytes: int = MAX_BODY_BYTES
    stopped: Callable[[], bool] = lambda: False
    progress: Progress | None = None
    tally: PushTally = field(default_factory=PushTally)

    def push_all(self) -> PushTally:
        before: set[tuple[str, str]] | None = None
        for _ in range(MAX_PASSES):
            waiting = waiting_changes(self.ws)
            now = {(change.change_id, change.state) for change in waiting}
            if not waiting or now == before or self.stopped():
                break  # done, or the last pass taught nothing new
            self._pass(waiting)
            before = now
        return self.tally

    def _pass(self, waiting: list[WaitingChange]) -> None:
        runs = batches(waiting, self.max_changes, self.max_bytes - ENVELOPE_BYTES)
        if self.stopped():
            return
        done, answered, following = 0, None, iter(runs[1:])
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="xueji-push") as worker:
            current = self._prepare(runs[0], None)
            while current is not None:
                flight = worker.submit(self._send, current.body)
                upcoming = self._prepare(next(following, None), answered)  # meanwhile
                answered = self._landed(flight, current)
                done += len(current.changes)
                self._progress(done, len(waiting))
                current = None if self.stopped() else upcoming
            self._prepare(None, answered)

    def _prepare(self, batch: Sequence[WaitingChange] | None,
                 answered: _Answered | None) -> _Prepared | None:
        """Store the answer to the batch before (if any) and mark `batch` SENT, in one local
        transaction; then read `batch` from the outbox and write its body."""
        if batch is None and answered is None:
            return None
        batch_id = new_id()
        ids = [change.change_id for change in batch] if batch else []
        apply_push_result_and_mark_sent(self.ws, answered.result if answered else None, ids,
                                        batch_id)
        if answered:
            self._tally(answered.ids, answered.result)
        if not ids:
            return None
        changes = changes_by_id(self.ws, ids)
        return _Prepared(changes, ids, batch_body(self.device_id, batch_id, changes))

    def _landed(self, flight: Future[PushResult], batch: _Prepared) -> _Answered | None:
        """The answer to `batch`; a 413 splits it (its halves pushed one by one right away)."""
        try:
            return _Answered(batch.ids, flight.result())
        except HttpProblem as exc:
            if exc.status != 413:
                raise
        self._split(batch.changes)
        return None

    def _send(self, body: bytes) -> PushResult:
        """On the worker thread: the request with its retries, and the answer decoded."""
        answer = self.session.call(lambda token: self.session.transport.post(
            "/v1/sync/push", body, token))
        return PushResult.from_dict(answer)

    def _push(self, batch: Sequence[OutgoingChange]) -> None:
        """One batch, not pipelined (the halves of a batch too large for the registry)."""
        batch_id = new_id()
        ids = [change.change_id for change in batch]
        mark_sent(self.ws, ids, batch_id)
        try:
            result = self._send(batch_body(self.device_id, batch_id, batch))
        except HttpProblem as exc:
            if exc.status != 413:
                raise
            self._split(batch)
            return
        apply_push_result(self.ws, result)
        self._tally(ids, result)

    def _tally(self, ids: Sequence[str], result: PushResult) -> None:
        self.tally.sent.update(ids)
        self.tally.last.update((r.change_id, r.status) for r in (*result.results, *result.released))

    def _progress(self, done: int, total: int) -> None:
        if self.progress:
            self.progress("push", done, total)

    def _split(self, batch: Sequence[OutgoingChange]) -> None:
        if len(batch) == 1:
            raise ServiceError("sync.too_large", seq=batch[0].device_seq)
        half = len(batch) // 2
        self._push(batch[:half])
        self._push(batch[half:])


def batches(changes: Sequence[WaitingChange], max_changes: int,
            max_bytes: int) -> list[list[WaitingChange]]:
    """Consecutive runs of at most `max_changes` changes and about `max_bytes` of JSON."""
    runs: list[list[WaitingChange]] = []
    current: list[WaitingChange] = []
    size = 0
    for change in changes:
        weight = change.size + CHANGE_FIELDS_BYTES  # its payload plus the fixed fields
        if current and (len(current) >= max_changes or size + weight > max_bytes):
            runs.append(current)
            current, size = [], 0
        current.append(change)
        size += weight
    if current:
        runs.append(current)
    return runs


def batch_body(device_id: str, batch_id: str, batch: Sequence[OutgoingChange]) -> bytes:
    """The PushBatch as JSON; the same bytes as `PushBatch.to_json()`, written without walking
    every payload through the dataclass encoder (payloads are JSON data already)."""
    changes = [{f.name: getattr(change, f.name) for f in _CHANGE_FIELDS}
               for change in map(to_change, batch)]
    message = PushBatch(device_id=device_id, batch_id=batch_id, changes=())
    body = {**message.to_dict(), "changes": changes}
    return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()
