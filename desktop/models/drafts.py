"""Unsaved editor forms kept inside the encrypted database, so that a lock, a closed window or
a killed process never loses what the registrar typed. One row per open form: `key` names it
(the student's id, or `new:<uuid>` for a pupil not saved yet); `row` is the form's template
row as JSON. Drafts are scratch paper: no audit entry, no outbox entry, never synced."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utc_now


class EditorDraft(Base):
    __tablename__ = "editor_draft"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    account_id: Mapped[str] = mapped_column(String(36))
    student_id: Mapped[str | None] = mapped_column(String(36))
    row: Mapped[str] = mapped_column(Text)  # JSON of the template row
    saved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


TABLES = (EditorDraft,)
