"""Between protocol messages and the sync services: outbox rows become `Change`s, results
and feed items become service inputs. Online sync and USB bundles both go through here:

- `outgoing_changes(ws)`: every unacknowledged change, ready for a PushBatch (a bundle
  export carries all of them again: bundles are cumulative);
- `apply_push_result(ws, result)`: results and released results into the outbox (one txn);
  `apply_push_result_and_mark_sent` adds the next batch's SENT mark to that transaction;
- `apply_pull_page(ws, page)`: a feed page and its cursor (one local transaction);
- `apply_snapshot_page(ws, page)` and `finish_restore(ws, page)`: a full restore.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

from desktop.services.context import Workspace
from desktop.services.registry.device import device_info, save_cursor
from desktop.services.registry.feed import FeedCounts, FeedEntry, apply_feed_page, forget_server_versions
from desktop.services.registry.outbox import OutgoingChange, unacknowledged_changes
from desktop.services.registry.results import (
    ChangeOutcome,
    FieldClash,
    OutcomeCounts,
    record_outcomes,
    record_outcomes_and_mark_sent,
)
from desktop.sync.wire.protocol import Change, ChangeResult, FeedItem, Op, PullPage, PushResult, SnapshotPage


def to_change(row: OutgoingChange) -> Change:
    op = cast(Op, row.op)  # the outbox holds only the ops the services write: the protocol's four
    return Change(change_id=row.change_id, device_seq=row.device_seq, record_type=row.record_type,
                  record_id=row.record_id, op=op,
                  base_version=row.base_version, payload=row.payload, actor=row.actor,
                  client_ts=row.client_ts or None)


def outgoing_changes(ws: Workspace) -> list[Change]:
    return [to_change(row) for row in unacknowledged_changes(ws)]


def outcome_of(result: ChangeResult) -> ChangeOutcome:
    error = result.error
    clashes = tuple(FieldClash(c.field, c.local_value, c.server_value)
                    for c in (error.conflicts if error else ()))
    return ChangeOutcome(change_id=result.change_id, status=result.status,
                         original_status=result.original_status, version=result.version,
                         xjh=result.assigned.get("xjh"), error_code=error.code if error else None,
                         message=error.message if error else None, clashes=clashes)


def entry_of(item: FeedItem) -> FeedEntry:
    return FeedEntry(kind=item.kind, record_type=item.record_type, record_id=item.record_id,
                     version=item.version, snapshot=item.snapshot, seq=item.seq)


def apply_push_result(ws: Workspace, result: PushResult) -> OutcomeCounts:
    """Record `results` and `released` of a push (or of a response bundle)."""
    return record_outcomes(ws, [outcome_of(r) for r in (*result.results, *result.released)])


def apply_push_result_and_mark_sent(ws: Workspace, result: PushResult | None,
                                    next_ids: Sequence[str], batch_id: str) -> OutcomeCounts:
    """`apply_push_result` (when there is one) and the next batch marked SENT, one transaction."""
    outcomes = [outcome_of(r) for r in (*result.results, *result.released)] if result else []
    return record_outcomes_and_mark_sent(ws, outcomes, next_ids, batch_id)


def apply_pull_page(ws: Workspace, page: PullPage) -> FeedCounts:
    return apply_feed_page(ws, [entry_of(item) for item in page.items], cursor=page.next_cursor,
                           epoch=page.epoch)


def apply_snapshot_page(ws: Workspace, page: SnapshotPage, *, first: bool = False) -> FeedCounts:
    """One page of a full restore. On the first page of a new epoch the desk forgets the
    server versions it knew (they belong to the registry's previous life)."""
    if first:
        info = device_info(ws)
        if info is not None and info.epoch != page.epoch:
            forget_server_versions(ws)
    return apply_feed_page(ws, [entry_of(item) for item in page.items])


def finish_restore(ws: Workspace, page: SnapshotPage) -> None:
    """After the last page: pull continues from the cursor the snapshot hands back."""
    save_cursor(ws, page.cursor, page.epoch)
