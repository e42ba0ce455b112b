"""The 缓学 (deferred enrolment) register: children who are not registered while deferred."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utc_now, uuid_pk


class DeferralEntry(Base):
    __tablename__ = "deferral"

    id: Mapped[str] = uuid_pk()
    name: Mapped[str] = mapped_column(String(36))
    id_number: Mapped[str | None] = mapped_column(String(20), index=True)
    birth_date: Mapped[dt.date] = mapped_column(Date)
    guardian: Mapped[str] = mapped_column(String(36))
    phone: Mapped[str | None] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(200))
    certificate: Mapped[str] = mapped_column(String(100))  # 县级以上医院证明 …
    start: Mapped[dt.date] = mapped_column(Date)
    until: Mapped[dt.date] = mapped_column(Date)
    state: Mapped[str] = mapped_column(String(10), default="缓学中")  # 缓学中 / 已入学 / 已续缓
    follows: Mapped[str | None] = mapped_column(String(36))  # the entry this re-application renews
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
