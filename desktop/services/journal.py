"""Writes the audit entry and the outbox entry of a change, inside the caller's transaction.

One Journal per unit of work: it reads the head of the audit chain and the last device
sequence once, then appends in memory order, so a batch of thousands stays fast.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from desktop.domain.ids import new_id
from desktop.models.audit import GENESIS, AuditEntry, seal
from desktop.models.base import utc_now
from desktop.models.outbox import OutboxEntry
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

    def audit(self, action: str, entity: str, entity_id: str, *,
              before: dict[str, Any] | None = None, after: dict[str, Any] | None = None) -> int:
        """Append an audit entry; returns its seq."""
        self._seq += 1
        entry = AuditEntry(seq=self._seq, at=utc_now(), actor=self.actor.account_id,
                           action=action, entity=entity, entity_id=entity_id,
                           before=before, after=after)
        seal(entry, self._hash)
        self._hash = entry.hash
        self.session.add(entry)
        return entry.seq

    def change(self, action: str, record_type: str, record_id: str, *, op: str,
               payload: dict[str, Any], before: dict[str, Any] | None = None,
               base_version: int = 0) -> str:
        """Audit a change to a synced record and queue it in the outbox; returns change_id."""
        audit_seq = self.audit(action, record_type, record_id, before=before, after=payload)
        self._device_seq += 1
        change_id = new_id()
        self.session.add(OutboxEntry(
            change_id=change_id, device_seq=self._device_seq, record_type=record_type,
            record_id=record_id, op=op, base_version=base_version, payload=payload,
            actor=self.actor.account_id, audit_seq=audit_seq, created_at=utc_now(),
        ))
        return change_id
