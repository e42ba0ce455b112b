"""Short public codes (case progress, guardian requests): 8 Crockford base32 characters,
printed as two groups of four. Lookups forgive case, dashes, spaces and O/I/L typos."""

from __future__ import annotations

import re
import secrets

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_TYPOS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})
LENGTH = 8


def new_code() -> str:
    """A fresh code in its stored form (no dash)."""
    return "".join(secrets.choice(_ALPHABET) for _ in range(LENGTH))


def printed(code: str) -> str:
    return f"{code[:4]}-{code[4:]}"


def normalise(text: str) -> str | None:
    """The stored form of a typed code, or None when it cannot be one."""
    code = text.upper().translate(_TYPOS)
    return code if re.fullmatch(f"[{_ALPHABET}]{{{LENGTH}}}", code) else None
