"""POST /v1/sync/push: a batch decided in one transaction, each change together with its receipt.

Receipts are keyed (school, device, change_id) and kept for ever: a retry gets the stored
result back as `duplicate`; the same id with other content is rejected. A device's changes
take effect in device_seq order: one that arrives after a gap is stored as `held` and
applied as soon as the missing ones arrive.

The batch commits once, and the answer leaves only after that commit. A desk counts a change
as received only from the answer, so a crash or a lost connection before it costs nothing
but a resend, which is then decided afresh. Within the batch every change's effect runs in
its own savepoint (central/apply.py), so a refused change rolls back alone. The device's row
is locked first; the receipts the batch needs are read in two queries, and the new receipts,
the created records and the feed items are written at its end, one statement per table.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter
from sqlalchemy import Connection, select
from sqlalchemy.exc import OperationalError

from central.api.auth import ContextDep, DeviceDep
from central.apply import Batch, decide
from central.context import Context, DeviceScope
from central.errors import ApiProblem
from central.store import feed
from central.store.db import change_receipts, devices
from central.store.records import Refusal
from desktop.sync.wire.protocol import (
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
ATTEMPTS = 3  # a batch PostgreSQL aborted to break a deadlock (or a serialization failure) runs again
RETRYABLE = frozenset({"40P01", "40001"})


@router.post("/push", response_model=PushResult)
def push(batch: PushBatch, scope: DeviceDep, ctx: ContextDep) -> PushResult:
    """Decide every change of the batch; `results` follow the batch order."""
    _check_batch(batch, scope)
    return receive_batch(ctx, scope, batch)


def receive_batch(ctx: Context, scope: DeviceScope, batch: PushBatch) -> PushResult:
    """Decide the batch in one transaction; the result is returned once it has committed."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with ctx.engine.begin() as conn:
                return _Push(conn, ctx.now(), scope, batch).decide()
        except OperationalError as exc:
            if attempt == ATTEMPTS or getattr(exc.orig, "sqlstate", None) not in RETRYABLE:
                raise
    raise AssertionError("not reached: the last attempt returns or raises")


def _check_batch(batch: PushBatch, scope: DeviceScope) -> None:
    if batch.protocol != PROTOCOL:
        raise ApiProblem(426, "protocol_unsupported", "中心不支持这个同步协议版本，请升级程序。")
    if batch.device_id != scope.device_id:
        raise ApiProblem(403, "out_of_scope", "批次中的设备编号与访问令牌不符。")
    if len(batch.changes) > MAX_BATCH_CHANGES:
        raise ApiProblem(413, "batch_too_large",
                         f"一次最多上报 {MAX_BATCH_CHANGES} 条变更，请分批上报。")


@dataclass
class _Receipt:
    """A receipt as the batch sees it: read from the table (`stored`) or made by the batch."""

    change_id: str
    device_seq: int
    request_hash: str
    status: str
    result: dict[str, Any]
    change: dict[str, Any] | None  # kept while held, so the change can be applied when the gap fills
    received_at: int
    decided_at: int | None
    stored: bool = False
    updated: bool = False  # a stored held change this batch decided

    @classmethod
    def of_row(cls, row: Any) -> _Receipt:
        return cls(row.change_id, row.device_seq, row.request_hash, row.status, row.result,
                   row.change, row.received_at, row.decided_at, stored=True)


class _Push:
    """One push of one device: its high water, the receipts it needs, what it writes at its end."""

    def __init__(self, conn: Connection, now: int, scope: DeviceScope, message: PushBatch) -> None:
        self.conn, self.now, self.scope, self.message = conn, now, scope, message
        self.high_water = _lock_device(conn, scope.device_id)
        self.receipts: dict[str, _Receipt] = {}  # by change_id
        self.held: dict[int, _Receipt] = {}  # by device_seq: every held change of the device
        self._load(message.changes)
        self.batch = Batch.of(conn, message.changes)

    def decide(self) -> PushResult:
        results, released = [], self._release_held()  # none unless an older server left some
        for change in self.message.changes:
            results.append(self._receive(change))
            released += self._release_held()
        self._save()
        return PushResult(batch_id=self.message.batch_id, high_water=self.high_water,
                          results=tuple(results), released=tuple(released),
                          checkpoint=feed.last_seq(self.conn, self.scope.school_id))

    def _load(self, changes: tuple[Change, ...]) -> None:
        """The receipts of the batch's change ids, and every held change of the device (their
        sequence numbers are the only ones above the high water that are taken)."""
        mine = (change_receipts.c.school_id == self.scope.school_id,
                change_receipts.c.device_id == self.scope.device_id)
        asked = self.conn.execute(select(change_receipts).where(
            *mine, change_receipts.c.change_id.in_([change.change_id for change in changes])))
        held = self.conn.execute(select(change_receipts).where(
            *mine, change_receipts.c.device_seq > self.high_water, change_receipts.c.status == HELD))
        for row in [*asked, *held]:
            receipt = self.receipts.setdefault(row.change_id, _Receipt.of_row(row))
            if receipt.status == HELD:
                self.held[receipt.device_seq] = receipt

    def _receive(self, change: Change) -> ChangeResult:
        receipt = self.receipts.get(change.change_id)
        if receipt is not None:
            return _replay(receipt, change, self.high_water)
        if change.device_seq <= self.high_water:
            return _refused(change, Refusal(
                "seq_regression", "变更序号倒退：本机数据库可能是从旧备份恢复或复制的，"
                                  "请停止上报并联系县级学籍管理部门。"))
        if change.device_seq in self.held:
            return _refused(change, Refusal(
                "seq_taken", "这个变更序号已被另一条变更占用，这次的内容未处理。"))
        if change.device_seq > self.high_water + 1:
            result = _held(change, self.high_water)
        else:
            result = decide(self.conn, self.now, self.scope, change, self.batch)
            self.high_water = change.device_seq
        self._store(change, result)
        return result

    def _store(self, change: Change, result: ChangeResult) -> None:
        held = result.status == HELD
        receipt = _Receipt(change.change_id, change.device_seq, change.request_hash(),
                           result.status, result.to_dict(), change.to_dict() if held else None,
                           received_at=self.now, decided_at=None if held else self.now)
        self.receipts[change.change_id] = receipt
        if held:
            self.held[change.device_seq] = receipt

    def _release_held(self) -> list[ChangeResult]:
        """Apply held changes that now follow the high water, in order."""
        released = []
        while (receipt := self.held.pop(self.high_water + 1, None)) is not None:
            assert receipt.change is not None
            result = decide(self.conn, self.now, self.scope, Change.from_dict(receipt.change),
                            self.batch)
            receipt.status, receipt.result, receipt.change = result.status, result.to_dict(), None
            receipt.decided_at, receipt.updated = self.now, receipt.stored
            self.high_water = receipt.device_seq
            released.append(result)
        return released

    def _save(self) -> None:
        """Created records and feed items (central/apply.py), receipts, the high water."""
        self.batch.finish(self.conn, self.now)
        scope = self.scope
        new = [{"school_id": scope.school_id, "device_id": scope.device_id,
                "change_id": r.change_id, "device_seq": r.device_seq,
                "request_hash": r.request_hash, "status": r.status, "result": r.result,
                "change": r.change, "received_at": r.received_at, "decided_at": r.decided_at}
               for r in self.receipts.values() if not r.stored]
        if new:
            self.conn.execute(change_receipts.insert(), new)
        for receipt in self.receipts.values():
            if receipt.updated:
                self.conn.execute(change_receipts.update().where(
                    change_receipts.c.school_id == scope.school_id,
                    change_receipts.c.device_id == scope.device_id,
                    change_receipts.c.change_id == receipt.change_id).values(
                    status=receipt.status, result=receipt.result, change=None,
                    decided_at=receipt.decided_at))
        self.conn.execute(devices.update().where(devices.c.device_id == scope.device_id)
                          .values(high_water=self.high_water))


def _lock_device(conn: Connection, device_id: str) -> int:
    """The device's high water, with its row locked until the transaction ends."""
    high_water: int = conn.execute(select(devices.c.high_water)
                                   .where(devices.c.device_id == device_id)
                                   .with_for_update()).scalar_one()
    return high_water


def _replay(receipt: _Receipt, change: Change, high_water: int) -> ChangeResult:
    if receipt.request_hash != change.request_hash():
        return _refused(change, Refusal(
            "idempotency_mismatch", "同一变更编号先前上报的内容与这次不同，这次的内容未处理。"))
    stored = ChangeResult.from_dict(receipt.result)
    if stored.status == HELD:
        return _held(change, high_water)
    return dataclasses.replace(stored, status=DUPLICATE, original_status=stored.status)


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
