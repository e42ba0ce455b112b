"""User accounts and roles. Passwords are not stored here: each account's password wraps the
data key in the key-slot file beside the database (desktop.models.keyslots)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import DateTime, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utc_now, uuid_pk


class Account(Base):
    __tablename__ = "account"

    id: Mapped[str] = uuid_pk()
    username: Mapped[str] = mapped_column(String(40), unique=True)
    display_name: Mapped[str] = mapped_column(String(40))
    role: Mapped[str] = mapped_column(String(12))  # registrar | approver | viewer
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class Meta(Base):
    """Key/value facts about this database: its id, device id, creation time."""

    __tablename__ = "meta"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
