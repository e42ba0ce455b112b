"""Writes the audit entries and outbox entries of changes, inside the caller's transaction.

One Journal per unit of work: it reads the head of the audit chain and the last device
sequence once, hashes and numbers new rows in memory, and inserts them all just before the
transaction commits (so a batch of thousands costs one executemany per table).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from desktop.domain.ids import new_id
from desktop.models.audit import GENESIS, AuditEntry, seal, seal_with_text
from desktop.models.base import utc_now
from desktop.models.bulk import insert_rows
from desktop.models.engine import EncodedJSON
from desktop.models.outbox import PENDING, OutboxEntry
from desktop.services.context import Actor


class Journal:
    def __init__(self, session: Session, actor: Actor) -> None:
        self.session = session
        self.actor = actor
        head = session.execute(
            select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
        ).first()
        self._seq, self._hash = (head[0], head[1]) if head else (0, GENESIS)
        self._device_seq = session.scalar(select(func.max(OutboxEntry.device_seq))) or 0
        self._audit_rows: list[dict[str, Any]] = []
        self._outbox_rows: list[dict[str, Any]] = []
        event.listen(session, "before_commit", self._write, once=True)

    def audit(self, action: str, entity: str, entity_id: str, *,
              before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> int:
        """Append an audit entry; returns its seq."""
        self._seq += 1
        row = seal(self._row(action, entity, entity_id, before, after), self._hash)
        self._hash = row["hash"]
        self._audit_rows.append(row)
        return self._seq

    def _row(self, action: str, entity: str, entity_id: str, before: dict[str, Any] | None,
             after: dict[str, Any] | None) -> dict[str, Any]:
        return {"seq": self._seq, "at": utc_now(), "actor": self.actor.account_id,
                "action": action, "entity": entity, "entity_id": entity_id,
                "before": before, "after": after}

    def change(self, action: str, record_type: str, record_id: str, *, op: str,
               payload: dict[str, Any], before: dict[str, Any] | None = None,
               base_version: int = 0) -> str:
        """Audit a change to a synced record and queue it in the outbox; returns change_id."""
        self._seq += 1
        row = self._row(action, record_type, record_id, before, payload)
        # The payload's text is stored once, as the audit entry's `after`: the outbox row's
        # payload is NULL, which OutboxEntry.payload reads as that text.
        row["after"] = EncodedJSON(seal_with_text(row, self._hash))
        self._hash, audit_seq = row["hash"], self._seq
        self._audit_rows.append(row)
        self._device_seq += 1
        change_id = new_id()
        self._outbox_rows.append({
            "change_id": change_id, "device_seq": self._device_seq, "record_type": record_type,
            "record_id": record_id, "op": op, "base_version": base_version, "payload": None,
            "actor": self.actor.account_id, "audit_seq": audit_seq, "state": PENDING,
            "attempts": 0, "created_at": row["at"],
        })
        return change_id

    def _write(self, session: Session) -> None:
        insert_rows(session, AuditEntry.__table__, self._audit_rows)
        insert_rows(session, OutboxEntry.__table__, self._outbox_rows)
