"""Record and change identifiers: UUIDv7 (time-ordered, RFC 9562) as 36-character text.

uuid-utils (Rust) makes one in about half a microsecond, which matters when a whole
roster's records, family members, events and changes are created at once.
"""

from __future__ import annotations

import uuid_utils


def new_id() -> str:
    return str(uuid_utils.uuid7())
