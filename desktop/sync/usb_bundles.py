"""The desk's side of USB bundles (docs/protocol.md, "USB bundles" and "On the desk").

`export_request(ws)` writes the next request of this device's chain: every unacknowledged
change again (bundles are cumulative) and the stored feed cursor, signed with the device key
and sealed to the server; the changes become SENT_VIA_BUNDLE and the chain moves on.

`import_reply(ws, data)` reads a reply only after every check of `read_reply` passed (a
refusal is a ServiceError with the bundle's code; nothing is applied); a reply read before
is reported as a replay and changes nothing; otherwise the push results, then the snapshot
pages, then the feed pages, then the cursor are stored, as an online sync stores them.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict, dataclass
from typing import Any

from desktop.domain.ids import new_id
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.bundle_ids import (
    read_ids,
    remember_read,
    remember_sent,
    sent_ids,
    sent_without_cursor,
)
from desktop.services.registry.cases import CASEWORK
from desktop.services.registry.device import (
    advance_bundle_chain,
    bundle_chain,
    device_info,
    device_keys,
    record_sync_run,
    save_cursor,
)
from desktop.services.registry.outbox import mark_sent_via_bundle, unacknowledged_count
from desktop.sync.outcomes import (
    apply_pull_page,
    apply_push_result,
    apply_snapshot_page,
    finish_restore,
    outgoing_changes,
)
from desktop.sync.wire.bundle import (
    BundleError,
    BundleReply,
    BundleRequest,
    SeenBundles,
    build_request,
    bundle_sha256,
    file_name,
    peek,
    read_reply,
)
from desktop.sync.wire.protocol import PushBatch, PushResult

__all__ = ["ImportReport", "export_request", "import_reply"]

_UPDATED = ("applied", "created", "rebased")


@dataclass(frozen=True)
class ImportReport:
    """What a reply bundle brought: push results by status, feed items, what remains."""

    replayed: bool = False  # read before: nothing was applied again
    applied: int = 0
    duplicate: int = 0
    rejected: int = 0
    conflict: int = 0
    held: int = 0
    received: int = 0  # snapshot and feed items
    updated: int = 0  # records created or changed on this desk
    findings: int = 0
    restored: bool = False  # a snapshot replaced the feed after a cursor the registry lost
    remaining: int = 0  # changes the registry has not decided yet
    casework: int = 0  # case, guardian-request and moved-away items that changed something

    @property
    def settled(self) -> bool:
        return self.remaining == 0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "settled": self.settled}


# --- export ------------------------------------------------------------------------------


def export_request(ws: Workspace) -> tuple[bytes, str]:
    """The next request bundle and its suggested file name; ServiceError before enrollment."""
    keys = device_keys(ws)
    if not (keys.device_id and keys.server_enc_pub):
        raise ServiceError("sync.not_enrolled")
    changes = tuple(outgoing_changes(ws))
    info, chain = device_info(ws), bundle_chain(ws)
    message = BundleRequest(
        bundle_id=new_id(), device_id=keys.device_id, school_code=keys.school_code,
        seq=chain.bundle_seq + 1, prev_sha256=chain.prev_bundle_sha256 or "",
        created_at=_now(), cursor=info.cursor if info else None,
        push=PushBatch(device_id=keys.device_id, batch_id=new_id(), changes=changes))
    data = build_request(message, sign_key=keys.sign_key, server_enc_pub=keys.server_enc_pub)
    remember_sent(ws, message.bundle_id, with_cursor=message.cursor is not None)
    mark_sent_via_bundle(ws, [change.change_id for change in changes], message.bundle_id)
    advance_bundle_chain(ws, bundle_seq=message.seq, bundle_sha256=bundle_sha256(data))
    return data, file_name(peek(data))


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat()


# --- import ------------------------------------------------------------------------------


def import_reply(ws: Workspace, data: bytes) -> ImportReport:
    """Apply a reply bundle; ServiceError(bundle.*) when it is refused (nothing applied)."""
    keys = device_keys(ws)
    seen = SeenBundles(bundle_chain(ws).last_response_seq, read_ids(ws))
    try:
        opened = read_reply(data, enc_key=keys.enc_key, server_sign_pub=keys.server_sign_pub or "",
                            school_code=keys.school_code, device_id=keys.device_id,
                            sent=sent_ids(ws), seen=seen)
    except BundleError as exc:
        raise ServiceError(exc.code, **exc.params) from exc
    if opened.replayed:
        return ImportReport(replayed=True, remaining=unacknowledged_count(ws))
    info = device_info(ws)
    if info and info.epoch and opened.message.epoch and opened.message.epoch < info.epoch:
        raise ServiceError("bundle.old_epoch")  # written before the registry's restore
    first_copy = opened.message.in_reply_to in sent_without_cursor(ws)
    report = _apply(ws, opened.message, first_copy=first_copy)
    remember_read(ws, opened.message.bundle_id)
    advance_bundle_chain(ws, response_seq=opened.message.seq)
    record_sync_run(ws, report.to_dict(), reached=True)
    return report


def _apply(ws: Workspace, reply: BundleReply, *, first_copy: bool) -> ImportReport:
    """Apply `reply`. Its snapshot is a restore when the request carried a feed cursor the
    registry could no longer serve; `first_copy`: the request carried none, so the snapshot
    is the school's data sent whole for the first time."""
    statuses = _push_statuses(ws, reply.push)
    feed: Counter[str] = Counter()
    if reply.snapshot:
        for index, part in enumerate(reply.snapshot):
            feed.update(apply_snapshot_page(ws, part, first=index == 0).counts)
        finish_restore(ws, reply.snapshot[-1])
    for page in reply.pages:
        feed.update(apply_pull_page(ws, page).counts)
    save_cursor(ws, reply.cursor, reply.epoch)
    received = reply.item_count()
    return ImportReport(
        applied=statuses["applied"], duplicate=statuses["duplicate"],
        rejected=statuses["rejected"], conflict=statuses["conflict"], held=statuses["held"],
        received=received, updated=sum(feed[key] for key in _UPDATED), findings=feed["findings"],
        restored=bool(reply.snapshot) and not first_copy, remaining=unacknowledged_count(ws),
        casework=sum(feed[key] for key in CASEWORK))


def _push_statuses(ws: Workspace, result: PushResult | None) -> Counter[str]:
    """Apply the results; each change counted once, by the last result it got."""
    if result is None:
        return Counter()
    apply_push_result(ws, result)
    return Counter({item.change_id: item.status
                    for item in (*result.results, *result.released)}.values())
