"""Transactional outbox (sync protocol §2.2): one row per change, written with the change.

`change_id` is a UUIDv7; `device_seq` counts from 1 without gaps on this device. The row
names the audit entry written in the same transaction.

A change's payload is the `after` of that audit entry, byte for byte: since schema v14 the row
stores NULL and `payload` reads the audit entry's text (rows written before keep their own copy,
which `payload` reads first), so a change's JSON is written once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, ForeignKey, Index, Integer, String, Text, func, select
from sqlalchemy.orm import Mapped, column_property, mapped_column

from desktop.models.audit import AuditEntry
from desktop.models.base import Base, utc_now

# The states of an outbox row. Unacknowledged: the registry has not told this desk a final
# result yet (those are the changes an online push and a bundle export carry).
PENDING, SENT, SENT_VIA_BUNDLE, HELD = "PENDING", "SENT", "SENT_VIA_BUNDLE", "HELD"
APPLIED, REJECTED, CONFLICT = "APPLIED", "REJECTED", "CONFLICT"
UNACKNOWLEDGED = (PENDING, SENT, SENT_VIA_BUNDLE, HELD)
STATES = (*UNACKNOWLEDGED, APPLIED, REJECTED, CONFLICT)


class OutboxEntry(Base):
    __tablename__ = "outbox"
    # 待办 asks for the unacknowledged patches among thousands of unacknowledged creates
    __table_args__ = (Index("ix_outbox_op_state", "op", "state"),)

    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    device_seq: Mapped[int] = mapped_column(Integer, unique=True)
    record_type: Mapped[str] = mapped_column(String(30))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    op: Mapped[str] = mapped_column(String(10))  # create | patch | delete | command
    base_version: Mapped[int] = mapped_column(Integer, default=0)
    # NULL: the payload is the `after` text of the audit entry `audit_seq` (see `payload`)
    stored_payload: Mapped[dict[str, Any] | None] = mapped_column(
        "payload", JSON(none_as_null=True), nullable=True)
    actor: Mapped[str] = mapped_column(String(36))
    audit_seq: Mapped[int] = mapped_column(
        ForeignKey("audit_log.seq", deferrable=True, initially="DEFERRED"), index=True
    )
    state: Mapped[str] = mapped_column(String(16), default=PENDING, index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    batch_id: Mapped[str | None] = mapped_column(String(36))
    bundle_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    # What the change carries: its own copy (rows written before v14) or its audit entry's text
    payload: Mapped[dict[str, Any]] = column_property(func.coalesce(
        stored_payload,
        select(AuditEntry.after).where(AuditEntry.seq == audit_seq).scalar_subquery(),
        type_=JSON))
