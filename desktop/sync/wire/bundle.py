"""USB bundles (.xjb): the online sync messages carried on a stick (docs/protocol.md).

A school without a network exports a *request* (its unacknowledged changes as a PushBatch
plus its feed cursor) sealed to the central server; the county station imports it into the
server, which answers with a *reply* (a PushResult, the feed since the cursor, the new
cursor) sealed to the device. An *enroll* bundle registers a device offline.

Builders take keys and plain messages and return the file's bytes; readers take the bytes
and what the reader already knows (keys, the sender, bundles seen before) and either return
the message or raise BundleError, always before anything is applied. Pure Python, shared
with the central server: no Qt, no storage, nothing else of `desktop`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Iterable
from typing import Any, Generic, TypeVar

from desktop.sync.wire.bundle_crypto import (
    Entropy,
    Route,
    expect_recipient,
    open_body,
    seal,
    verify_signature,
)
from desktop.sync.wire.bundle_errors import REASONS, BundleError
from desktop.sync.wire.bundle_format import (
    ENROLL,
    MAX_BUNDLE_BYTES,
    MAX_PLAIN_BYTES,
    REPLY,
    REQUEST,
    SERVER,
    Header,
    bundle_sha256,
    expect_kind,
    file_name,
    unpack,
)
from desktop.sync.wire.protocol import (
    PROTOCOL,
    EnrollRequest,
    EnrollResponse,
    Message,
    ProtocolError,
    PullPage,
    PushBatch,
    PushResult,
    SnapshotPage,
    canonical_json,
)

__all__ = [
    "ENROLL", "MAX_BUNDLE_BYTES", "MAX_PLAIN_BYTES", "REASONS", "REPLY", "REQUEST", "SERVER",
    "BundleEnroll", "BundleError", "BundleReply", "BundleRequest", "Entropy", "Header",
    "KnownDevice", "Opened", "SeenBundles", "build_enrollment", "build_reply", "build_request",
    "bundle_sha256", "expect_kind", "file_name", "peek", "read_enrollment", "read_reply",
    "read_request",
]

M = TypeVar("M", bound=Message)
_MAX_SEQ = 2**53


@dataclasses.dataclass(frozen=True, kw_only=True)
class BundleRequest(Message):
    """What a school sends: every unacknowledged change again (cumulative) and its cursor."""

    bundle_id: str  # UUIDv7
    device_id: str
    school_code: str
    seq: int  # this device's bundle counter, from 1
    prev_sha256: str = ""  # bundle_sha256 of this device's previous request file
    created_at: str  # the desk's clock: display only
    push: PushBatch  # push.device_id == device_id
    cursor: str | None = None  # the last feed cursor the desk stored; None: never pulled


@dataclasses.dataclass(frozen=True, kw_only=True)
class BundleEnroll(Message):
    """Offline enrollment: the single-use code, the device's keys and the proof, sealed."""

    bundle_id: str
    school_code: str
    created_at: str
    enroll: EnrollRequest  # exactly as POST /v1/devices/enroll takes it


@dataclasses.dataclass(frozen=True, kw_only=True)
class BundleReply(Message):
    """What the central server answers; apply results by change id and pages by version."""

    bundle_id: str
    in_reply_to: str  # the request or enrollment bundle answered
    device_id: str
    school_code: str
    seq: int  # the server's reply counter for this device, from 1
    prev_sha256: str = ""  # bundle_sha256 of the previous reply to this device
    created_at: str
    epoch: str
    replayed: bool = False  # the request had been imported before: nothing was applied twice
    push: PushResult | None = None  # None on enrollment replies
    enrollment: EnrollResponse | None = None  # only on enrollment replies
    snapshot: tuple[SnapshotPage, ...] = ()  # a full restore, when the cursor was absent or stale
    pages: tuple[PullPage, ...] = ()  # the feed after the cursor (after the snapshot, if any)
    cursor: str  # store it once everything above is stored; the next request carries it

    def item_count(self) -> int:
        """How many feed items the snapshot and the pages carry together."""
        return (sum(len(part.items) for part in self.snapshot)
                + sum(len(page.items) for page in self.pages))


@dataclasses.dataclass(frozen=True)
class KnownDevice:
    """The enrolled device a request must come from, as the server's registry knows it."""

    device_id: str
    school_code: str
    sign_pub: str


@dataclasses.dataclass(frozen=True)
class SeenBundles:
    """Bundles already imported from one sender to one recipient."""

    last_seq: int = 0
    imported: Collection[str] = ()  # bundle ids

    def replayed(self, header: Header) -> bool:
        """True for a bundle imported before; BundleError for an older, unknown one."""
        if header.bundle_id in self.imported:
            return True
        if header.seq <= self.last_seq:
            raise BundleError("bundle.stale", seq=header.seq, last=self.last_seq)
        return False


@dataclasses.dataclass(frozen=True)
class Opened(Generic[M]):
    """A bundle that passed every check."""

    message: M
    header: Header
    sha256: str  # of the file: the next bundle of this sender names it as prev_sha256
    replayed: bool  # imported before: harmless to apply again, nothing new in it


# --- builders ----------------------------------------------------------------------------


def build_request(message: BundleRequest, *, sign_key: bytes, server_enc_pub: str,
                  entropy: Entropy | None = None) -> bytes:
    """The request file: signed with the device's Ed25519 key, sealed to the server."""
    route = Route(kind=REQUEST, bundle_id=message.bundle_id, school_code=message.school_code,
                  sender=message.device_id, recipient=SERVER, seq=message.seq,
                  prev_sha256=message.prev_sha256)
    return _seal(route, message, sign_key, server_enc_pub, entropy)


def build_enrollment(message: BundleEnroll, *, sign_key: bytes, server_enc_pub: str,
                     entropy: Entropy | None = None) -> bytes:
    """The enrollment file: signed with the new device key it registers, sealed to the server."""
    route = Route(kind=ENROLL, bundle_id=message.bundle_id, school_code=message.school_code,
                  sender="", recipient=SERVER, seq=0)
    return _seal(route, message, sign_key, server_enc_pub, entropy)


def build_reply(message: BundleReply, *, sign_key: bytes, device_enc_pub: str,
                entropy: Entropy | None = None) -> bytes:
    """The reply file: signed with the server's key, sealed to the device's X25519 key."""
    route = Route(kind=REPLY, bundle_id=message.bundle_id, school_code=message.school_code,
                  sender=SERVER, recipient=message.device_id, seq=message.seq,
                  prev_sha256=message.prev_sha256, in_reply_to=message.in_reply_to)
    return _seal(route, message, sign_key, device_enc_pub, entropy)


def _seal(route: Route, message: Message, sign_key: bytes, recipient_pub: str,
          entropy: Entropy | None) -> bytes:
    data = seal(route, canonical_json(message.to_dict()), sign_key=sign_key,
                recipient_pub=recipient_pub, entropy=entropy)
    try:
        unpack(data)  # a builder never writes what a reader would refuse as damaged
    except BundleError as exc:
        raise ValueError(f"cannot build this bundle: {exc.code}") from exc
    return data


# --- readers -----------------------------------------------------------------------------


def peek(data: bytes) -> Header:
    """The cleartext header, unverified: enough to look up the sender's key, nothing more."""
    return unpack(data).header


def read_request(data: bytes, *, enc_key: bytes, device: KnownDevice,
                 seen: SeenBundles) -> Opened[BundleRequest]:
    """A request from `device`, opened with the server's X25519 key `enc_key`."""
    envelope = unpack(data)
    header = envelope.header
    expect_kind(header, REQUEST)
    _expect_sender(header, device.device_id, device.sign_pub)
    verify_signature(envelope, device.sign_pub)
    if header.school_code != device.school_code:
        raise BundleError("bundle.foreign_device")
    expect_recipient(header, enc_key)
    replayed = seen.replayed(header)
    message = _body(open_body(envelope, enc_key), BundleRequest)
    _agree(_request_pairs(header, message))
    _check_changes(message.push)
    return Opened(message, header, envelope.sha256, replayed)


def read_enrollment(data: bytes, *, enc_key: bytes) -> Opened[BundleEnroll]:
    """An enrollment bundle: self-signed by the key it registers (the server checks the code)."""
    envelope = unpack(data)
    header = envelope.header
    expect_kind(header, ENROLL)
    verify_signature(envelope, header.sender_key)
    expect_recipient(header, enc_key)
    message = _body(open_body(envelope, enc_key), BundleEnroll)
    _agree([(header.bundle_id, message.bundle_id), (header.sender, ""),
            (header.recipient, SERVER), (header.seq, 0),
            (header.school_code, message.school_code), (header.school_code, message.enroll.school_code),
            (header.sender_key, message.enroll.sign_pub)])
    return Opened(message, header, envelope.sha256, False)


def read_reply(data: bytes, *, enc_key: bytes, server_sign_pub: str, school_code: str,
               device_id: str | None, sent: Collection[str],
               seen: SeenBundles) -> Opened[BundleReply]:
    """A reply from the central server, opened with the device's X25519 key `enc_key`.

    `device_id` is None only while enrolling offline; `sent` are the ids of the bundles this
    desk exported; `seen` the replies it imported before.
    """
    envelope = unpack(data)
    header = envelope.header
    expect_kind(header, REPLY)
    _expect_sender(header, SERVER, server_sign_pub)
    verify_signature(envelope, server_sign_pub)
    expect_recipient(header, enc_key)
    if header.school_code != school_code or device_id not in (None, header.recipient):
        raise BundleError("bundle.wrong_recipient")
    if header.in_reply_to not in sent:
        raise BundleError("bundle.not_our_request")
    replayed = seen.replayed(header)
    message = _body(open_body(envelope, enc_key), BundleReply)
    _agree(_reply_pairs(header, message))
    return Opened(message, header, envelope.sha256, replayed)


def _expect_sender(header: Header, sender: str, sign_pub: str) -> None:
    if header.sender != sender or header.sender_key != sign_pub:
        raise BundleError("bundle.unknown_sender")


def _body(plain: bytes, kind: type[M]) -> M:
    try:
        return kind.from_json(plain)
    except (ProtocolError, ValueError, TypeError, KeyError, RecursionError) as exc:
        raise BundleError("bundle.malformed") from exc


def _agree(pairs: Iterable[tuple[Any, Any]]) -> None:
    """The signed header and the sealed body must say the same thing."""
    if any(left != right for left, right in pairs):
        raise BundleError("bundle.malformed")


def _request_pairs(header: Header, message: BundleRequest) -> list[tuple[Any, Any]]:
    return [(header.bundle_id, message.bundle_id), (header.sender, message.device_id),
            (header.sender, message.push.device_id), (header.recipient, SERVER),
            (header.school_code, message.school_code), (header.seq, message.seq),
            (header.prev_sha256, message.prev_sha256), (message.push.protocol, PROTOCOL),
            (header.seq > 0, True)]


def _reply_pairs(header: Header, message: BundleReply) -> list[tuple[Any, Any]]:
    pairs = [(header.bundle_id, message.bundle_id), (header.in_reply_to, message.in_reply_to),
             (header.recipient, message.device_id), (header.school_code, message.school_code),
             (header.seq, message.seq), (header.prev_sha256, message.prev_sha256)]
    if message.enrollment is not None:
        pairs.append((message.enrollment.device_id, message.device_id))
    return pairs


def _check_changes(batch: PushBatch) -> None:
    """Ids and sequence numbers fit the server's columns (what HTTP limits do online)."""
    for change in batch.changes:
        ids_fit = all(0 < len(text) <= 36 for text in (change.change_id, change.record_id))
        fits = (ids_fit and 0 < len(change.record_type) <= 30 and len(change.actor) <= 36
                and 0 < change.device_seq < _MAX_SEQ and 0 <= change.base_version < _MAX_SEQ)
        if not fits:
            raise BundleError("bundle.malformed")
