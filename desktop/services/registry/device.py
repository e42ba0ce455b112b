"""The desk's enrolled device: its keys, where the registry is, the feed cursor, the last sync.

Keys are made by the sync layer and kept here, inside the encrypted database, before the
enrollment request goes out: a retried enrollment then presents the same keys and gets the
same device back. Nothing about sync is written to plain files.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from desktop.models.accounts import Meta
from desktop.models.base import utc_now
from desktop.models.school import School
from desktop.models.sync_state import DEVICE_ROW, SyncDevice
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError


@dataclass(frozen=True)
class DeviceInfo:
    """What the 同步 page and the CLI show about this desk's enrollment (no keys)."""

    enrolled: bool
    device_id: str | None
    server_url: str
    school_code: str
    school_name: str | None
    epoch: str | None
    cursor: str | None
    enrolled_at: dt.datetime | None
    last_sync_at: dt.datetime | None
    last_result: dict[str, Any] | None


@dataclass(frozen=True)
class DeviceKeys:
    """The private keys and identity the sync layer signs with."""

    device_id: str | None
    server_url: str
    school_code: str
    sign_key: bytes
    enc_key: bytes
    server_sign_pub: str | None
    server_enc_pub: str | None


@dataclass(frozen=True)
class BundleChain:
    """Where the USB bundle chain of this device stands (sync protocol §2.7)."""

    bundle_seq: int
    prev_bundle_sha256: str | None
    last_response_seq: int


def normalise_server_url(text: str) -> str:
    """`http(s)://host[:port][/path]` without a trailing slash; ServiceError otherwise."""
    url = text.strip().rstrip("/")
    scheme, _, rest = url.partition("://")
    if scheme.lower() not in ("http", "https") or not rest or any(c.isspace() for c in rest):
        raise ServiceError("sync.server_url", value=text.strip())
    return f"{scheme.lower()}://{rest}"


def device_info(ws: Workspace) -> DeviceInfo | None:
    """The device row as plain data; None before any enrollment was started."""
    with ws.store.reading() as session:
        device = session.get(SyncDevice, DEVICE_ROW)
        if device is None:
            return None
        result = json.loads(device.last_result) if device.last_result else None
        return DeviceInfo(device.device_id is not None, device.device_id, device.server_url,
                          device.school_code, device.school_name, device.epoch, device.cursor,
                          device.enrolled_at, device.last_sync_at, result)


def prepare_enrollment(ws: Workspace, server_url: str, sign_key: bytes,
                       enc_key: bytes) -> DeviceKeys:
    """Keep the offered keys unless keys already exist; refuse if already enrolled."""
    ws.require(Role.REGISTRAR)
    url = normalise_server_url(server_url)
    with ws.store.writing() as session:
        device = session.get(SyncDevice, DEVICE_ROW)
        if device is not None and device.device_id is not None:
            raise ServiceError("sync.already_enrolled", device=device.device_id)
        school = session.scalars(select(School)).one()
        if device is None:
            device = SyncDevice(id=DEVICE_ROW, sign_key=sign_key, enc_key=enc_key)
            session.add(device)
        device.server_url, device.school_code = url, school.code
        return _keys(device)


def record_enrollment(ws: Workspace, *, device_id: str, school_name: str, server_sign_pub: str,
                      server_enc_pub: str, epoch: str) -> None:
    """Store what the registry answered to the enrollment (one transaction)."""
    with ws.store.writing() as session:
        device = _device(session)
        device.device_id, device.school_name = device_id, school_name
        device.server_sign_pub, device.server_enc_pub = server_sign_pub, server_enc_pub
        device.epoch, device.enrolled_at = epoch, utc_now()


def device_keys(ws: Workspace) -> DeviceKeys:
    """The enrolled device's keys; ServiceError sync.not_enrolled before enrollment."""
    ws.require(Role.REGISTRAR)
    with ws.store.reading() as session:
        device = session.get(SyncDevice, DEVICE_ROW)
        if device is None or device.device_id is None:
            raise ServiceError("sync.not_enrolled")
        return _keys(device)


def set_server_url(ws: Workspace, server_url: str) -> str:
    """Point the enrolled device at another address of the same registry."""
    ws.require(Role.REGISTRAR)
    url = normalise_server_url(server_url)
    with ws.store.writing() as session:
        device = session.get(SyncDevice, DEVICE_ROW)
        if device is None or device.device_id is None:
            raise ServiceError("sync.not_enrolled")
        device.server_url = url
    return url


def store_cursor(session: Session, cursor: str, epoch: str | None) -> None:
    """Inside the caller's transaction (the one that stored the page the cursor follows).
    A cursor behind the stored one (an old reply bundle read after an online sync) leaves
    the stored one as it is: the desk never goes back in its feed."""
    device = _device(session)
    if _behind(cursor, device.cursor):
        return
    device.cursor = cursor
    if epoch:
        device.epoch = epoch


def _behind(cursor: str, stored: str | None) -> bool:
    """The registry's cursors are base64url JSON {e: epoch (UUIDv7), r, s: seq}
    (docs/protocol.md): compare by epoch, then by seq."""
    new, old = _position(cursor), _position(stored)
    return new is not None and old is not None and new < old


def _position(cursor: str | None) -> tuple[str, int] | None:
    if not cursor:
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
        return str(data["e"]), int(data["s"])
    except (ValueError, KeyError, TypeError):
        return None


def save_cursor(ws: Workspace, cursor: str, epoch: str | None) -> None:
    """The cursor a snapshot restore ends with, once its last page is stored."""
    with ws.store.writing() as session:
        store_cursor(session, cursor, epoch)


def record_sync_run(ws: Workspace, result: dict[str, Any], *, reached: bool) -> None:
    """Remember how the last sync went; the time only moves when the registry was reached."""
    with ws.store.writing() as session:
        device = session.get(SyncDevice, DEVICE_ROW)
        if device is None:
            return
        device.last_result = json.dumps(result, ensure_ascii=False)
        if reached:
            device.last_sync_at = utc_now()
            _set_meta(session, "last_sync_at", _local_text(device.last_sync_at))


def bundle_chain(ws: Workspace) -> BundleChain:
    with ws.store.reading() as session:
        device = _device(session)
        return BundleChain(device.bundle_seq, device.prev_bundle_sha256, device.last_response_seq)


def advance_bundle_chain(ws: Workspace, *, bundle_seq: int | None = None,
                         bundle_sha256: str | None = None, response_seq: int | None = None) -> None:
    """After a request bundle was written (seq, hash) or a response bundle was imported."""
    with ws.store.writing() as session:
        device = _device(session)
        if bundle_seq is not None:
            device.bundle_seq, device.prev_bundle_sha256 = bundle_seq, bundle_sha256
        if response_seq is not None:
            device.last_response_seq = max(device.last_response_seq, response_seq)


def _device(session: Session) -> SyncDevice:
    device = session.get(SyncDevice, DEVICE_ROW)
    if device is None:
        raise ServiceError("sync.not_enrolled")
    return device


def _keys(device: SyncDevice) -> DeviceKeys:
    return DeviceKeys(device.device_id, device.server_url, device.school_code, device.sign_key,
                      device.enc_key, device.server_sign_pub, device.server_enc_pub)


def _set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


def _local_text(moment: dt.datetime) -> str:
    """Naive UTC -> the desk's local time as the status bar shows it."""
    return moment.replace(tzinfo=dt.UTC).astimezone().strftime("%Y-%m-%d %H:%M")
