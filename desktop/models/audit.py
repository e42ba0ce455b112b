"""Audit log: append-only, each row hash-chained to the one before it.

row hash = SHA-256(previous hash + canonical JSON of the row's content), so changing,
removing or reordering any row breaks every hash after it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy import JSON, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models import json_text
from desktop.models.base import Base, utc_now

GENESIS = "0" * 64


class AuditEntry(Base):
    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    actor: Mapped[str] = mapped_column(String(36))  # account id
    action: Mapped[str] = mapped_column(String(40))  # student.create, account.password …
    entity: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))

    def content(self) -> dict[str, Any]:
        return content_of(self.__dict__)


_CONTENT_KEYS = ("seq", "actor", "action", "entity", "entity_id", "before", "after")


def content_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """The hashed content of an audit row (ORM attributes or a plain dict)."""
    content = {key: row.get(key) for key in _CONTENT_KEYS}
    content["at"] = row["at"].isoformat()
    return content


def chain_hash(prev_hash: str, content: dict[str, Any], *, plain: bool | None = None) -> str:
    """`plain`: json_text.is_plain(content), when the caller asked it already."""
    canonical = json_text.dumps_utf8(content, sort_keys=True, plain=plain)
    return hashlib.sha256(prev_hash.encode("utf-8") + canonical).hexdigest()


def seal(row: dict[str, Any], prev_hash: str) -> dict[str, Any]:
    """Set the chain fields of a new row (a dict) that follows the row hashed `prev_hash`."""
    row.setdefault("at", utc_now())
    row["prev_hash"] = prev_hash
    row["hash"] = chain_hash(prev_hash, content_of(row))
    return row


def seal_with_text(row: dict[str, Any], prev_hash: str) -> str:
    """`seal(row, prev_hash)` for a row whose `after` is stored as JSON text in another table
    too (the outbox): `row["after"]` becomes that text, which is returned. The content is
    checked for plain data once for both texts (json_text.is_plain)."""
    row.setdefault("at", utc_now())
    row["prev_hash"] = prev_hash
    content = content_of(row)
    plain = json_text.is_plain(content)
    row["hash"] = chain_hash(prev_hash, content, plain=plain)
    text = row["after"] = json_text.dumps(row["after"], plain=True if plain else None)
    return text


def first_break(entries: list[AuditEntry], prev_hash: str = GENESIS) -> int | None:
    """The seq of the first row whose chain does not verify, or None if all verify."""
    for entry in entries:
        if entry.prev_hash != prev_hash or chain_hash(prev_hash, entry.content()) != entry.hash:
            return entry.seq
        prev_hash = entry.hash
    return None

