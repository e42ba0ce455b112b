"""Importing a USB bundle at the county station and writing the reply bundle.

A request bundle is checked against the enrolled device's key (desktop.sync.wire.bundle), then
its changes go through the same receipts and held backlog as an online push
(`central.api.push.receive_batch`), so re-importing a bundle applies nothing twice.
The reply carries the push result and the feed after the bundle's cursor (a snapshot when
the cursor is missing or stale), sealed to the device and signed with the server's key.
An enrollment bundle registers the device through the online enrollment code path.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from contextlib import suppress
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, func, select

from central.api import auth, pull
from central.api.push import receive_batch
from central.context import Context, DeviceScope, iso
from central.errors import ApiProblem
from central.store.db import bundles_in, bundles_out, devices, insert_ignore, load_identity
from central.store.schools import school_by_id
from desktop.domain.ids import new_id
from desktop.sync.wire.bundle import (
    ENROLL,
    REQUEST,
    BundleError,
    BundleReply,
    Header,
    KnownDevice,
    Opened,
    SeenBundles,
    build_reply,
    bundle_sha256,
    expect_kind,
    peek,
    read_enrollment,
    read_request,
)
from desktop.sync.wire.protocol import (
    MAX_BATCH_CHANGES,
    MAX_PAGE_ITEMS,
    AckRequest,
    ChangeResult,
    EnrollResponse,
    PullPage,
    PushBatch,
    PushResult,
    SnapshotPage,
)


@dataclass(frozen=True)
class Imported:
    """What an import did, and the reply bundle to hand back to the school."""

    kind: str  # request | enroll
    school_code: str
    device_id: str
    bundle_id: str
    seq: int
    replayed: bool  # imported before: nothing applied twice, the reply is written again
    chain_gap: bool  # a request between the last imported one and this one never arrived
    counts: dict[str, int]  # change results by status (released held changes included)
    reply: bytes
    reply_seq: int
    items: int  # feed and snapshot items the reply carries


@dataclass(frozen=True)
class _Answer:
    in_reply_to: str
    replayed: bool
    cursor: str | None
    push: PushResult | None = None
    enrollment: EnrollResponse | None = None
    counts: dict[str, int] = field(default_factory=dict)


def import_bundle(ctx: Context, data: bytes) -> Imported:
    """Check, apply and answer a request or enrollment bundle; BundleError if refused."""
    header = peek(data)
    if header.kind == ENROLL:
        return _import_enrollment(ctx, data)
    expect_kind(header, REQUEST)
    return _import_request(ctx, data, header)


# --- requests ----------------------------------------------------------------------------


def _import_request(ctx: Context, data: bytes, header: Header) -> Imported:
    with ctx.engine.begin() as conn:
        enc_key = load_identity(conn).enc_key
        device = _registered(conn, header.sender)
        known = KnownDevice(device.device_id, school_by_id(conn, device.school_id).code,
                            device.sign_pub)
        seen = _seen(conn, device, header.bundle_id)
    opened = read_request(data, enc_key=enc_key, device=known, seen=seen)
    if device.status != "active":
        raise BundleError("bundle.device_revoked")
    scope = DeviceScope(device.device_id, device.school_id)
    request = opened.message
    _ack(ctx, scope, request.cursor)
    result = _push(ctx, scope, request.push)
    chain_gap = False if opened.replayed else _record_request(ctx, scope, opened)
    answer = _Answer(header.bundle_id, opened.replayed, request.cursor, push=result,
                     counts=_counts(result))
    return _imported(ctx, scope, device, opened, answer, chain_gap)


def _registered(conn: Connection, device_id: str) -> Any:
    device = conn.execute(select(devices).where(devices.c.device_id == device_id)).first()
    if device is None:
        raise BundleError("bundle.unknown_sender")
    return device


def _seen(conn: Connection, device: Any, bundle_id: str) -> SeenBundles:
    mine = _of_device(bundles_in, device.school_id, device.device_id)
    last = conn.scalar(select(func.max(bundles_in.c.seq)).where(*mine)) or 0
    known = conn.execute(select(bundles_in.c.bundle_id)
                         .where(*mine, bundles_in.c.bundle_id == bundle_id)).first()
    return SeenBundles(last, {bundle_id} if known else ())


def _ack(ctx: Context, scope: DeviceScope, cursor: str | None) -> None:
    """The desk stored everything up to its cursor, as POST /v1/sync/ack would say."""
    if cursor is None:
        return
    with suppress(ApiProblem):  # a stale or foreign cursor acks nothing; the reply restores
        pull.ack(AckRequest(cursor=cursor), scope, ctx)


def _push(ctx: Context, scope: DeviceScope, batch: PushBatch) -> PushResult:
    """What POST /v1/sync/push does, without the per-request batch limit (bundles are
    cumulative; their size limit bounds them instead): one transaction per
    MAX_BATCH_CHANGES changes."""
    changes, size = batch.changes, MAX_BATCH_CHANGES
    parts = [receive_batch(ctx, scope, dataclasses.replace(batch, changes=changes[at:at + size]))
             for at in range(0, max(len(changes), 1), size)]
    return dataclasses.replace(parts[-1], results=tuple(r for part in parts for r in part.results),
                               released=tuple(r for part in parts for r in part.released))


def _counts(result: PushResult) -> dict[str, int]:
    decided: list[ChangeResult] = [*result.results, *result.released]
    return dict(Counter(item.status for item in decided))


def _record_request(ctx: Context, scope: DeviceScope, opened: Opened[Any]) -> bool:
    """Remember the bundle; True when the chain shows a request that never arrived."""
    header = opened.header
    with ctx.engine.begin() as conn:
        previous = conn.execute(
            select(bundles_in.c.sha256)
            .where(*_of_device(bundles_in, scope.school_id, scope.device_id),
                   bundles_in.c.kind == REQUEST)
            .order_by(bundles_in.c.seq.desc()).limit(1)).scalar()
        _remember(conn, ctx.now(), scope, opened, len(opened.message.push.changes))
    return header.prev_sha256 != (previous or "")


def _remember(conn: Connection, now: int, scope: DeviceScope, opened: Opened[Any],
              changes: int) -> bool:
    header = opened.header
    return insert_ignore(conn, bundles_in, {
        "school_id": scope.school_id, "device_id": scope.device_id, "bundle_id": header.bundle_id,
        "kind": header.kind, "seq": header.seq, "sha256": opened.sha256,
        "prev_sha256": header.prev_sha256, "changes": changes, "imported_at": now})


# --- enrollment --------------------------------------------------------------------------


def _import_enrollment(ctx: Context, data: bytes) -> Imported:
    with ctx.engine.begin() as conn:
        enc_key = load_identity(conn).enc_key
    opened = read_enrollment(data, enc_key=enc_key)
    try:
        response = auth.enroll(opened.message.enroll, ctx)
    except ApiProblem as problem:
        raise BundleError("bundle.enroll_refused", detail=problem.message) from problem
    with ctx.engine.begin() as conn:
        device = _registered(conn, response.device_id)
        if device.status != "active":
            raise BundleError("bundle.device_revoked")
        scope = DeviceScope(device.device_id, device.school_id)
        replayed = not _remember(conn, ctx.now(), scope, opened, 0)
    answer = _Answer(opened.header.bundle_id, replayed, None, enrollment=response)
    return _imported(ctx, scope, device, opened, answer, False)


# --- the reply ---------------------------------------------------------------------------


def _imported(ctx: Context, scope: DeviceScope, device: Any, opened: Opened[Any],
              answer: _Answer, chain_gap: bool) -> Imported:
    data, reply = _write_reply(ctx, scope, device, opened.header.school_code, answer)
    return Imported(kind=opened.header.kind, school_code=opened.header.school_code,
                    device_id=scope.device_id, bundle_id=opened.header.bundle_id,
                    seq=opened.header.seq, replayed=answer.replayed, chain_gap=chain_gap,
                    counts=answer.counts, reply=data, reply_seq=reply.seq, items=reply.item_count())


def _write_reply(ctx: Context, scope: DeviceScope, device: Any, school_code: str,
                 answer: _Answer) -> tuple[bytes, BundleReply]:
    snapshot, pages, cursor = _feed(ctx, scope, answer.cursor)
    with ctx.engine.begin() as conn:
        identity = load_identity(conn)
        conn.execute(select(devices.c.device_id).where(devices.c.device_id == scope.device_id)
                     .with_for_update())  # numbers this device's replies one at a time
        previous = conn.execute(select(bundles_out.c.seq, bundles_out.c.sha256)
                                .where(*_of_device(bundles_out, scope.school_id, scope.device_id))
                                .order_by(bundles_out.c.seq.desc()).limit(1)).first()
        reply = BundleReply(
            bundle_id=new_id(), in_reply_to=answer.in_reply_to, device_id=scope.device_id,
            school_code=school_code, seq=previous.seq + 1 if previous else 1,
            prev_sha256=previous.sha256 if previous else "", created_at=iso(ctx.now()),
            epoch=identity.epoch, replayed=answer.replayed, push=answer.push,
            enrollment=answer.enrollment, snapshot=snapshot, pages=pages, cursor=cursor)
        data = build_reply(reply, sign_key=identity.sign_key, device_enc_pub=device.enc_pub)
        conn.execute(bundles_out.insert().values(
            school_id=scope.school_id, device_id=scope.device_id, bundle_id=reply.bundle_id,
            in_reply_to=reply.in_reply_to, seq=reply.seq, sha256=bundle_sha256(data),
            created_at=ctx.now()))
    return data, reply


def _feed(ctx: Context, scope: DeviceScope, cursor: str | None,
          ) -> tuple[tuple[SnapshotPage, ...], tuple[PullPage, ...], str]:
    """The feed after `cursor`; without a usable cursor, a snapshot and the feed after it."""
    if cursor is not None:
        try:
            return (), *_pull_all(ctx, scope, cursor)
        except ApiProblem:
            pass  # expired, from another epoch or not this school's: restore instead
    snapshot = _snapshot_all(ctx, scope)
    return snapshot, *_pull_all(ctx, scope, snapshot[-1].cursor)


def _pull_all(ctx: Context, scope: DeviceScope, cursor: str) -> tuple[tuple[PullPage, ...], str]:
    pages = [pull.pull(scope, ctx, cursor, MAX_PAGE_ITEMS)]
    while pages[-1].has_more:
        pages.append(pull.pull(scope, ctx, pages[-1].next_cursor, MAX_PAGE_ITEMS))
    return tuple(pages), pages[-1].next_cursor


def _snapshot_all(ctx: Context, scope: DeviceScope) -> tuple[SnapshotPage, ...]:
    pages = [pull.snapshot(scope, ctx, None, MAX_PAGE_ITEMS)]
    while pages[-1].has_more:
        pages.append(pull.snapshot(scope, ctx, pages[-1].next_page_token, MAX_PAGE_ITEMS))
    return tuple(pages)


def _of_device(table: Any, school_id: str, device_id: str) -> tuple[Any, Any]:
    return table.c.school_id == school_id, table.c.device_id == device_id
