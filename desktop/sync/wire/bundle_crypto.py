"""Sealing and opening a bundle body: compress, encrypt to the recipient, sign the whole.

Body: raw DEFLATE (level 9) of the body's canonical JSON, encrypted with ChaCha20-Poly1305.
Key: HKDF-SHA256 over X25519(ephemeral, recipient), salt = ephemeral pub ‖ recipient pub,
info = "xjb/1", 32 bytes; the AEAD's associated data is the framed header. The Ed25519
signature covers the header and the ciphertext, and is checked before anything is decrypted.
"""

from __future__ import annotations

import dataclasses
import os
import zlib

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.sync.wire.bundle_errors import BundleError
from desktop.sync.wire.bundle_format import (
    MAX_BUNDLE_BYTES,
    MAX_PLAIN_BYTES,
    MIB,
    Envelope,
    Header,
    Kind,
    frame,
    frame_header,
)
from desktop.sync.wire.protocol import (
    ProtocolError,
    b64,
    key_fingerprint,
    sealing_public,
    signing_public,
    unb64,
)

INFO = b"xjb/1"
NONCE_BYTES = 12


@dataclasses.dataclass(frozen=True, kw_only=True)
class Route:
    """The header fields a builder chooses; the crypto fields are filled in by `seal`."""

    kind: Kind
    bundle_id: str
    school_code: str
    sender: str
    recipient: str
    seq: int
    prev_sha256: str = ""
    in_reply_to: str = ""


@dataclasses.dataclass(frozen=True)
class Entropy:
    """The random parts of a bundle. Left empty they are fresh; tests pin them for vectors."""

    ephemeral_key: bytes | None = None  # X25519 private key, 32 bytes
    nonce: bytes | None = None  # 12 bytes


def seal(route: Route, body: bytes, *, sign_key: bytes, recipient_pub: str,
         entropy: Entropy | None = None) -> bytes:
    """The complete .xjb file for `body`, sealed to `recipient_pub` and signed with `sign_key`."""
    entropy = entropy or Entropy()
    ephemeral = X25519PrivateKey.from_private_bytes(entropy.ephemeral_key or os.urandom(32))
    nonce = entropy.nonce or os.urandom(NONCE_BYTES)
    header = Header(**dataclasses.asdict(route), sender_key=signing_public(sign_key),
                    to=key_fingerprint(recipient_pub), nonce=b64(nonce), plain_len=len(body),
                    ephemeral=sealing_public(ephemeral.private_bytes_raw()))
    aad = frame_header(header)
    recipient = unb64(recipient_pub)
    key = _derive(ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient)),
                  unb64(header.ephemeral), recipient)
    signed = frame(aad, ChaCha20Poly1305(key).encrypt(nonce, compress(body), aad))
    data = signed + Ed25519PrivateKey.from_private_bytes(sign_key).sign(signed)
    if len(data) > MAX_BUNDLE_BYTES:
        raise BundleError("bundle.too_large", limit_mb=MAX_BUNDLE_BYTES // MIB)
    return data


def verify_signature(envelope: Envelope, sign_pub: str) -> None:
    """BundleError unless `sign_pub` signed exactly these header and ciphertext bytes."""
    try:
        public = Ed25519PublicKey.from_public_bytes(unb64(sign_pub))
        public.verify(envelope.signature, envelope.signed)
    except (InvalidSignature, ValueError) as exc:
        raise BundleError("bundle.damaged") from exc


def expect_recipient(header: Header, enc_key: bytes) -> None:
    if header.to != key_fingerprint(sealing_public(enc_key)):
        raise BundleError("bundle.wrong_recipient")


def open_body(envelope: Envelope, enc_key: bytes, max_plain: int = MAX_PLAIN_BYTES) -> bytes:
    """The decrypted, decompressed body; call only after the signature was verified."""
    header = envelope.header
    if header.plain_len > max_plain:
        raise BundleError("bundle.too_large", limit_mb=max_plain // MIB)
    try:
        ephemeral = unb64(header.ephemeral)
        shared = X25519PrivateKey.from_private_bytes(enc_key).exchange(
            X25519PublicKey.from_public_bytes(ephemeral))
        key = _derive(shared, ephemeral, unb64(sealing_public(enc_key)))
        packed = ChaCha20Poly1305(key).decrypt(unb64(header.nonce), envelope.ciphertext,
                                               envelope.aad)
    except (InvalidTag, ValueError, ProtocolError) as exc:
        raise BundleError("bundle.damaged") from exc
    return decompress(packed, header.plain_len)


def _derive(shared: bytes, ephemeral_pub: bytes, recipient_pub: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral_pub + recipient_pub,
                info=INFO).derive(shared)


def compress(body: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(body) + packer.flush()


def decompress(packed: bytes, plain_len: int) -> bytes:
    """Inflate at most `plain_len` bytes: a body that would grow beyond it is refused unread."""
    inflater = zlib.decompressobj(-15)
    try:
        plain = inflater.decompress(packed, plain_len + 1)
    except zlib.error as exc:
        raise BundleError("bundle.malformed") from exc
    complete = inflater.eof and not inflater.unused_data and not inflater.unconsumed_tail
    if len(plain) != plain_len or not complete:
        raise BundleError("bundle.malformed")
    return plain
