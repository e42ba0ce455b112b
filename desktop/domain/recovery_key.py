"""The printed recovery key: the 256-bit data key in 14 groups of 4 characters.

Crockford base32 (no I, L, O, U; case-insensitive; I/L read as 1 and O as 0) over the 32-byte
key followed by a 3-byte SHA-256 checksum, so a mistyped character is caught before the key
is tried: 32 + 3 bytes = 280 bits = 56 characters = 14 groups.
"""

from __future__ import annotations

import hashlib
import re

from desktop.domain.errors import DomainError

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_READ_AS = {"I": "1", "L": "1", "O": "0"}
KEY_BYTES = 32
_CHECK_BYTES = 3
_CHARS = 56
GROUP = 4


def _checksum(key: bytes) -> bytes:
    return hashlib.sha256(b"xueji-recovery/1" + key).digest()[:_CHECK_BYTES]


def encode(key: bytes) -> str:
    """'ABCD-EFGH-…' (14 groups) for a 32-byte data key."""
    if len(key) != KEY_BYTES:
        raise ValueError("data key must be 32 bytes")
    number = int.from_bytes(key + _checksum(key), "big")
    chars = [_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(_CHARS))]
    text = "".join(chars)
    return "-".join(text[i : i + GROUP] for i in range(0, _CHARS, GROUP))


def decode(text: str) -> bytes:
    """The data key of a typed recovery key; DomainError if it is malformed or mistyped."""
    cleaned = re.sub(r"[\s\-]", "", text.upper())
    cleaned = "".join(_READ_AS.get(c, c) for c in cleaned)
    if len(cleaned) != _CHARS or any(c not in _ALPHABET for c in cleaned):
        raise DomainError("recovery.format", length=len(cleaned))
    number = 0
    for char in cleaned:
        number = (number << 5) | _ALPHABET.index(char)
    raw = number.to_bytes(KEY_BYTES + _CHECK_BYTES, "big")
    key, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if _checksum(key) != check:
        raise DomainError("recovery.checksum")
    return key
