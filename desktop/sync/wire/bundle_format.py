"""The .xjb container: framing and the cleartext header (docs/protocol.md, "USB bundles").

    offset   size  field
    0        4     magic "XJB1"
    4        1     format version, 0x01
    5        2     header length H, unsigned big-endian, 1 … 16 384
    7        H     header: canonical JSON object (UTF-8, sorted keys, no spaces)
    7+H      4     ciphertext length C, unsigned big-endian, 16 … 64 MiB
    11+H     C     ciphertext of the body (bundle_crypto)
    11+H+C   64    Ed25519 signature over bytes [0, 11+H+C)

The file is exactly 75 + H + C bytes long. Nothing in it names a file or a path. This
module only frames and checks syntax; signatures, sealing and meaning are elsewhere.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from typing import Final, Literal

from desktop.sync.wire.bundle_errors import KIND_NAMES, BundleError
from desktop.sync.wire.protocol import Message, ProtocolError, canonical_json

MAGIC = b"XJB1"
VERSION = 1
FORMAT = "xjb/1"
SUITE = "ed25519-x25519-hkdfsha256-chacha20poly1305"
COMPRESSION = "deflate"
MIB = 1024 * 1024
MAX_BUNDLE_BYTES = 64 * MIB  # the whole file
MAX_PLAIN_BYTES = 256 * MIB  # the body once decompressed (declared in the header, enforced)
MAX_HEADER_BYTES = 16 * 1024
TAG_BYTES, SIGNATURE_BYTES, PRELUDE = 16, 64, 7
REQUEST: Final = "request"
REPLY: Final = "reply"
ENROLL: Final = "enroll"
SERVER = "server"  # sender or recipient id of the central registry

Kind = Literal["request", "reply", "enroll"]
_UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
_PATTERNS = {
    "bundle_id": _UUID, "in_reply_to": f"(?:{_UUID})?", "sender": f"(?:{_UUID}|{SERVER})?",
    "recipient": f"(?:{_UUID}|{SERVER})?", "school_code": r"[0-9A-Za-z]{1,20}",
    "prev_sha256": r"(?:[0-9a-f]{64})?", "to": r"[0-9a-f]{32}",
    "sender_key": r"[A-Za-z0-9_-]{43}", "ephemeral": r"[A-Za-z0-9_-]{43}",  # 32 bytes, base64url
    "nonce": r"[A-Za-z0-9_-]{16}",  # 12 bytes
}


@dataclasses.dataclass(frozen=True, kw_only=True)
class Header(Message):
    """The cleartext, signed part: who sent it to whom, where it sits in its chain."""

    format: str = FORMAT
    suite: str = SUITE
    compression: str = COMPRESSION
    kind: Kind
    bundle_id: str  # UUIDv7
    school_code: str
    sender: str  # device id; "server" on replies; "" on enrollment bundles
    sender_key: str  # the sender's Ed25519 public key (base64url), checked against the registry
    recipient: str  # "server" on requests; the device id on replies ("" if not yet known)
    to: str  # fingerprint of the recipient's X25519 key (protocol.key_fingerprint)
    seq: int  # the sender's bundle counter for this device (0 for an enrollment bundle)
    prev_sha256: str  # sha256 of the sender's previous bundle file to this device; "" for the first
    in_reply_to: str  # on replies: the bundle id answered; "" otherwise
    ephemeral: str  # X25519 public key of this bundle's ephemeral key (base64url)
    nonce: str  # 12-byte AEAD nonce (base64url)
    plain_len: int  # length of the body once decompressed


@dataclasses.dataclass(frozen=True)
class Envelope:
    """A framed bundle, checked for syntax only: nothing in it is trusted yet."""

    header: Header
    aad: bytes  # bytes [0, 7+H): bound to the ciphertext
    signed: bytes  # bytes [0, 11+H+C): what the signature covers
    ciphertext: bytes
    signature: bytes
    sha256: str  # of the whole file, as the next bundle's prev_sha256 names it


def frame_header(header: Header) -> bytes:
    """Magic, version, header length and header: the part that is also the AEAD's data."""
    raw = canonical_json(header.to_dict())
    if len(raw) > MAX_HEADER_BYTES:
        raise ValueError("bundle header too long")
    return MAGIC + bytes([VERSION]) + len(raw).to_bytes(2, "big") + raw


def frame(aad: bytes, ciphertext: bytes) -> bytes:
    """The bytes the signature covers (the signature is appended after them)."""
    return aad + len(ciphertext).to_bytes(4, "big") + ciphertext


def bundle_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def unpack(data: bytes, max_bytes: int = MAX_BUNDLE_BYTES) -> Envelope:
    """Split a file into its parts; BundleError for anything that is not a well-formed .xjb."""
    if len(data) > max_bytes:
        raise BundleError("bundle.too_large", limit_mb=max_bytes // MIB)
    _check_prelude(data)
    header_len = int.from_bytes(data[5:PRELUDE], "big")
    if not 0 < header_len <= MAX_HEADER_BYTES:
        raise BundleError("bundle.damaged")
    body_at = PRELUDE + header_len + 4
    _need(data, body_at)
    body_len = int.from_bytes(data[body_at - 4:body_at], "big")
    if not TAG_BYTES <= body_len <= max_bytes:
        raise BundleError("bundle.damaged")
    end = body_at + body_len
    _need(data, end + SIGNATURE_BYTES)
    if len(data) != end + SIGNATURE_BYTES:
        raise BundleError("bundle.damaged")  # bytes after the signature
    header = parse_header(data[PRELUDE:PRELUDE + header_len])
    return Envelope(header=header, aad=data[:PRELUDE + header_len], signed=data[:end],
                    ciphertext=data[body_at:end], signature=data[end:],
                    sha256=bundle_sha256(data))


def _check_prelude(data: bytes) -> None:
    head = data[:len(MAGIC)]
    if head != MAGIC[:len(head)]:
        raise BundleError("bundle.not_a_bundle")
    _need(data, PRELUDE)
    if data[4] != VERSION:
        raise BundleError("bundle.unsupported", found=f"版本 {data[4]}")


def _need(data: bytes, length: int) -> None:
    if len(data) < length:
        raise BundleError("bundle.truncated")


def parse_header(raw: bytes) -> Header:
    try:
        header = Header.from_dict(json.loads(raw.decode("utf-8")))
    except (ProtocolError, ValueError, RecursionError) as exc:
        raise BundleError("bundle.damaged") from exc
    if (header.format, header.suite, header.compression) != (FORMAT, SUITE, COMPRESSION):
        raise BundleError("bundle.unsupported", found=f"{header.format} {header.suite}")
    if not _well_formed(header):
        raise BundleError("bundle.damaged")
    return header


def _well_formed(header: Header) -> bool:
    fields_ok = all(re.fullmatch(pattern, getattr(header, name), flags=re.ASCII)
                    for name, pattern in _PATTERNS.items())
    return fields_ok and 0 <= header.seq < 2**53 and 0 <= header.plain_len < 2**53


def expect_kind(header: Header, kind: str) -> None:
    if header.kind != kind:
        raise BundleError("bundle.wrong_kind", found=KIND_NAMES[header.kind],
                          expected=KIND_NAMES[kind])


def file_name(header: Header) -> str:
    """`XJB1-<school_code>-<kind>-<bundle_id>.xjb`, from checked fields only (no path parts)."""
    parts = (header.school_code, header.kind, header.bundle_id)
    safe = [re.sub(r"[^0-9A-Za-z-]", "_", part) or "_" for part in parts]
    return "XJB1-" + "-".join(safe) + ".xjb"
