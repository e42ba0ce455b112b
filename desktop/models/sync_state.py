"""Online sync state kept inside the encrypted database (sync protocol §2.2).

`SyncDevice` is the one enrolled device of this desk: the id the registry gave it, where the
registry is, this device's Ed25519 and X25519 private keys, the registry's public keys, the
feed epoch and cursor, and when it last synced (bundle chain fields ride along). The keys
exist before enrollment succeeds, so a retried enrollment presents the same keys.

`SyncResult` holds what the registry decided for each outbox change (version, 学籍号, reason);
`SyncShadow` the newest server version of each record the desk's copy reflects;
`SyncConflict` one row per item of a conflicting change, for the registrar to decide;
`SyncFinding` the 一人多籍 findings the registry sent.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utc_now, uuid_pk

DEVICE_ROW = 1  # the single row of sync_device


class SyncDevice(Base):
    __tablename__ = "sync_device"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, default=DEVICE_ROW)
    device_id: Mapped[str | None] = mapped_column(String(36))  # None until enrolled
    server_url: Mapped[str] = mapped_column(String(300))
    school_code: Mapped[str] = mapped_column(String(10))
    school_name: Mapped[str | None] = mapped_column(String(100))
    sign_key: Mapped[bytes] = mapped_column(LargeBinary)  # Ed25519 private key, 32 bytes
    enc_key: Mapped[bytes] = mapped_column(LargeBinary)  # X25519 private key, 32 bytes
    server_sign_pub: Mapped[str | None] = mapped_column(String(64))
    server_enc_pub: Mapped[str | None] = mapped_column(String(64))
    epoch: Mapped[str | None] = mapped_column(String(36))
    cursor: Mapped[str | None] = mapped_column(Text)
    enrolled_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_sync_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    last_result: Mapped[str | None] = mapped_column(Text)  # JSON of the last sync's counts
    bundle_seq: Mapped[int] = mapped_column(Integer, default=0)
    prev_bundle_sha256: Mapped[str | None] = mapped_column(String(64))
    last_response_seq: Mapped[int] = mapped_column(Integer, default=0)


class SyncResult(Base):
    __tablename__ = "sync_result"

    change_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    status: Mapped[str] = mapped_column(String(10))  # applied | rejected | conflict | held
    version: Mapped[int | None] = mapped_column(Integer)
    xjh: Mapped[str | None] = mapped_column(String(19))
    error_code: Mapped[str | None] = mapped_column(String(40))
    message: Mapped[str | None] = mapped_column(Text)
    decided_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class SyncShadow(Base):
    __tablename__ = "sync_shadow"

    record_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_type: Mapped[str] = mapped_column(String(30), default="student")
    server_version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class SyncConflict(Base):
    __tablename__ = "sync_conflict"

    id: Mapped[str] = uuid_pk()
    change_id: Mapped[str] = mapped_column(String(36), index=True)
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(40))
    local_value: Mapped[object] = mapped_column(JSON, nullable=True)
    server_value: Mapped[object] = mapped_column(JSON, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    resolution: Mapped[str | None] = mapped_column(String(10))  # mine | server
    resolved_by: Mapped[str | None] = mapped_column(String(36))  # account id
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolved_change_id: Mapped[str | None] = mapped_column(String(36))  # the new patch (mine)


class SyncFinding(Base):
    __tablename__ = "sync_finding"

    finding_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    code: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(60))
    message: Mapped[str] = mapped_column(Text)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


TABLES = (SyncDevice, SyncResult, SyncShadow, SyncConflict, SyncFinding)
