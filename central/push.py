"""POST /v1/sync/push: each change in its own transaction, together with its receipt.

Receipts are keyed (school, device, change_id) and kept for ever: a retry gets the stored
result back as `duplicate`; the same id with other content is rejected. A device's changes
take effect in device_seq order: one that arrives after a gap is stored as `held` and
applied as soon as the missing ones arrive.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from fastapi import APIRouter
from sqlalchemy import Connection, select

from central import feed
from central.apply import decide
from central.auth import ContextDep, DeviceDep
from central.context import Context, DeviceScope
from central.db import change_receipts, devices
from central.errors import ApiProblem
from central.records import Refusal
from desktop.sync.protocol import (
    DUPLICATE,
    HELD,
    MAX_BATCH_CHANGES,
    PROTOCOL,
    Change,
    ChangeError,
    ChangeResult,
    PushBatch,
    PushResult,
)

router = APIRouter(prefix="/v1/sync", tags=["同步"])


@router.post("/push", response_model=PushResult)
def push(batch: PushBatch, scope: DeviceDep, ctx: ContextDep) -> PushResult:
    """Decide every change of the batch; `results` follow the batch order."""
    _check_batch(batch, scope)
    results, released = [], release_held(ctx, scope)  # e.g. left over from an interrupted push
    for change in batch.changes:
        result, advanced = receive(ctx, scope, change)
        results.append(result)
        if advanced:
            released += release_held(ctx, scope)
    with ctx.engine.begin() as conn:
        high_water = conn.scalar(select(devices.c.high_water)
                                 .where(devices.c.device_id == scope.device_id))
        checkpoint = feed.last_seq(conn, scope.school_id)
    return PushResult(batch_id=batch.batch_id, high_water=high_water, results=tuple(results),
                      released=tuple(released), checkpoint=checkpoint)


def _check_batch(batch: PushBatch, scope: DeviceScope) -> None:
    if batch.protocol != PROTOCOL:
        raise ApiProblem(426, "protocol_unsupported", "中心不支持这个同步协议版本，请升级程序。")
    if batch.device_id != scope.device_id:
        raise ApiProblem(403, "out_of_scope", "批次中的设备编号与访问令牌不符。")
    if len(batch.changes) > MAX_BATCH_CHANGES:
        raise ApiProblem(413, "batch_too_large",
                         f"一次最多上报 {MAX_BATCH_CHANGES} 条变更，请分批上报。")


def receive(ctx: Context, scope: DeviceScope, change: Change) -> tuple[ChangeResult, bool]:
    """The result of one change, and whether it moved the device's high water."""
    now = ctx.now()
    with ctx.engine.begin() as conn:
        high_water = _lock_device(conn, scope.device_id)
        receipt = _receipt(conn, scope, change.change_id)
        if receipt is not None:
            return _replay(receipt, change, high_water), False
        refusal = _sequence_refusal(conn, scope, change, high_water)
        if refusal is not None:
            return refusal, False
        if change.device_seq > high_water + 1:
            result = _held(change, high_water)
            _store(conn, now, scope, change, result)
            return result, False
        result = decide(conn, now, scope, change)
        _store(conn, now, scope, change, result)
        _advance(conn, scope.device_id, change.device_seq)
        return result, True


def release_held(ctx: Context, scope: DeviceScope) -> list[ChangeResult]:
    """Apply held changes that now follow the high water, one transaction each."""
    released = []
    while (result := _release_next(ctx, scope)) is not None:
        released.append(result)
    return released


def _release_next(ctx: Context, scope: DeviceScope) -> ChangeResult | None:
    now = ctx.now()
    with ctx.engine.begin() as conn:
        high_water = _lock_device(conn, scope.device_id)
        row = conn.execute(select(change_receipts).where(
            *_of_device(scope), change_receipts.c.device_seq == high_water + 1,
            change_receipts.c.status == HELD)).first()
        if row is None:
            return None
        result = decide(conn, now, scope, Change.from_dict(row.change))
        conn.execute(change_receipts.update()
                     .where(*_of_device(scope), change_receipts.c.change_id == row.change_id)
                     .values(status=result.status, result=result.to_dict(), change=None,
                             decided_at=now))
        _advance(conn, scope.device_id, row.device_seq)
    return result


def _of_device(scope: DeviceScope) -> tuple[Any, Any]:
    return (change_receipts.c.school_id == scope.school_id,
            change_receipts.c.device_id == scope.device_id)


def _lock_device(conn: Connection, device_id: str) -> int:
    """The device's high water, with its row locked until the transaction ends."""
    return conn.execute(select(devices.c.high_water).where(devices.c.device_id == device_id)
                        .with_for_update()).scalar_one()


def _advance(conn: Connection, device_id: str, device_seq: int) -> None:
    conn.execute(devices.update().where(devices.c.device_id == device_id)
                 .values(high_water=device_seq))


def _receipt(conn: Connection, scope: DeviceScope, change_id: str) -> Any:
    return conn.execute(select(change_receipts).where(
        *_of_device(scope), change_receipts.c.change_id == change_id)).first()


def _replay(receipt: Any, change: Change, high_water: int) -> ChangeResult:
    if receipt.request_hash != change.request_hash():
        return _refused(change, Refusal(
            "idempotency_mismatch", "同一变更编号先前上报的内容与这次不同，这次的内容未处理。"))
    stored = ChangeResult.from_dict(receipt.result)
    if stored.status == HELD:
        return _held(change, high_water)
    return dataclasses.replace(stored, status=DUPLICATE, original_status=stored.status)


def _sequence_refusal(conn: Connection, scope: DeviceScope, change: Change,
                      high_water: int) -> ChangeResult | None:
    if change.device_seq <= high_water:
        return _refused(change, Refusal(
            "seq_regression", "变更序号倒退：本机数据库可能是从旧备份恢复或复制的，"
                              "请停止上报并联系县级学籍管理部门。"))
    taken = conn.execute(select(change_receipts.c.change_id).where(
        *_of_device(scope), change_receipts.c.device_seq == change.device_seq)).first()
    if taken is not None:
        return _refused(change, Refusal(
            "seq_taken", "这个变更序号已被另一条变更占用，这次的内容未处理。"))
    return None


def _refused(change: Change, refusal: Refusal) -> ChangeResult:
    return ChangeResult(change_id=change.change_id, device_seq=change.device_seq,
                        status=refusal.status, error=refusal.error)


def _held(change: Change, high_water: int) -> ChangeResult:
    expected = high_water + 1
    return ChangeResult(
        change_id=change.change_id, device_seq=change.device_seq, status=HELD,
        error=ChangeError(code="seq_gap", expected_seq=expected,
                          message=f"尚未收到序号 {expected} 的变更，这条变更已暂存，"
                                  "缺失的变更上报后自动处理。"))


def _store(conn: Connection, now: int, scope: DeviceScope, change: Change,
           result: ChangeResult) -> None:
    held = result.status == HELD
    conn.execute(change_receipts.insert().values(
        school_id=scope.school_id, device_id=scope.device_id, change_id=change.change_id,
        device_seq=change.device_seq, request_hash=change.request_hash(), status=result.status,
        result=result.to_dict(), change=change.to_dict() if held else None,
        received_at=now, decided_at=None if held else now))
