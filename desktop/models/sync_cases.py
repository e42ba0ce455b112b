"""What the registry's case engine tells this school, kept inside the encrypted database.

`SyncCase` is the newest `case` feed item of each case the school is a party of (a transfer
in or out, an approval of one of its own changes): the registry decides every state, the
desk only shows it and answers when its step comes. `SyncGuardianRequest` is the newest
`guardian_request` item: a guardian asking for contact items of a pupil to be updated.
`answer_change_id` names the desk's queued answer until a newer item from the registry
supersedes it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utc_now


class SyncCase(Base):
    __tablename__ = "sync_case"

    case_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # transfer | approval
    change_type: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(10), index=True)  # open | approved | rejected | withdrawn
    code: Mapped[str | None] = mapped_column(String(12))
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    version: Mapped[int] = mapped_column(Integer)
    action_needed: Mapped[bool] = mapped_column(Boolean, default=False)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    answer_change_id: Mapped[str | None] = mapped_column(String(36))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class SyncGuardianRequest(Base):
    __tablename__ = "sync_guardian_request"

    request_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    state: Mapped[str] = mapped_column(String(10), index=True)  # open | answered
    version: Mapped[int] = mapped_column(Integer)
    body: Mapped[dict[str, Any]] = mapped_column(JSON)
    answer_change_id: Mapped[str | None] = mapped_column(String(36))
    received_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


TABLES = (SyncCase, SyncGuardianRequest)
