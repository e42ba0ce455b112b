"""Bundles no correct writer produces, yet correctly framed, signed and sealed with test keys.

It follows docs/protocol.md ("USB bundles") on its own rather than calling the writer, so
it also checks that the documented layout and key schedule are the ones the reader uses.
"""

from __future__ import annotations

import zlib
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from desktop.sync.wire.protocol import (
    b64,
    canonical_json,
    key_fingerprint,
    sealing_public,
    signing_public,
    unb64,
)
from tests.sync_bundle.samples import DEVICE_ID, DEVICE_SIGN, REQUEST_ID, SCHOOL, SERVER_ENC, key

EPHEMERAL, NONCE = key("forged ephemeral"), key("forged nonce")[:12]


def deflate(body: bytes) -> bytes:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(body) + packer.flush()


def request_header(sign_key: bytes, recipient_pub: str, plain_len: int) -> dict[str, Any]:
    return {"format": "xjb/1", "suite": "ed25519-x25519-hkdfsha256-chacha20poly1305",
            "compression": "deflate", "kind": "request", "bundle_id": REQUEST_ID,
            "school_code": SCHOOL, "sender": DEVICE_ID, "sender_key": signing_public(sign_key),
            "recipient": "server", "to": key_fingerprint(recipient_pub), "seq": 1,
            "prev_sha256": "", "in_reply_to": "", "ephemeral": sealing_public(EPHEMERAL),
            "nonce": b64(NONCE), "plain_len": plain_len}


def forge(body: bytes = b"{}", *, packed: bytes | None = None, plain_len: int | None = None,
          header: dict[str, Any] | None = None, raw_header: bytes | None = None,
          sign_key: bytes = DEVICE_SIGN, recipient_pub: str | None = None) -> bytes:
    """A request-kind bundle around `body` (or around `packed`, taken as already deflated)."""
    recipient_pub = recipient_pub or sealing_public(SERVER_ENC)
    packed = deflate(body) if packed is None else packed
    fields = request_header(sign_key, recipient_pub, len(body) if plain_len is None else plain_len)
    raw = raw_header if raw_header is not None else canonical_json({**fields, **(header or {})})
    aad = b"XJB1" + bytes([1]) + len(raw).to_bytes(2, "big") + raw
    recipient = unb64(recipient_pub)
    shared = X25519PrivateKey.from_private_bytes(EPHEMERAL).exchange(
        X25519PublicKey.from_public_bytes(recipient))
    aead_key = HKDF(algorithm=hashes.SHA256(), length=32, info=b"xjb/1",
                    salt=unb64(sealing_public(EPHEMERAL)) + recipient).derive(shared)
    ciphertext = ChaCha20Poly1305(aead_key).encrypt(NONCE, packed, aad)
    signed = aad + len(ciphertext).to_bytes(4, "big") + ciphertext
    return signed + Ed25519PrivateKey.from_private_bytes(sign_key).sign(signed)
