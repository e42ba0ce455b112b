"""Record and change identifiers: UUIDv7 (time-ordered, RFC 9562) as 36-character text."""

from __future__ import annotations

import uuid6


def new_id() -> str:
    return str(uuid6.uuid7())
