"""Append-only histories of a student: 学籍号 numbers held, and status-change events."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utc_now, uuid_pk


class StudentNumberHistory(Base):
    """Each 学籍号 a student has held: G/L/J, provisional or confirmed, and why it changed."""

    __tablename__ = "student_number_history"

    id: Mapped[str] = uuid_pk()
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"), index=True)
    number: Mapped[str] = mapped_column(String(19), index=True)
    kind: Mapped[str] = mapped_column(String(1))
    provisional: Mapped[bool] = mapped_column(default=True)
    source: Mapped[str] = mapped_column(String(20))  # local / central / national-export
    reason: Mapped[str | None] = mapped_column(String(200))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class StatusChange(Base):
    """One 学籍变动 event. The student's status is derived from these; never updated or deleted.

    A reversal is a new event whose `reverses` names the event it undoes.
    """

    __tablename__ = "status_change"

    id: Mapped[str] = uuid_pk()
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)  # order of events of this student, from 1
    change_type: Mapped[str] = mapped_column(String(20))  # 新生注册, 休学, 转出 …
    from_status: Mapped[str | None] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    effective_date: Mapped[dt.date] = mapped_column(Date)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(Text)
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # applicant, approvals, evidence
    reverses: Mapped[str | None] = mapped_column(String(36))
    recorded_by: Mapped[str] = mapped_column(String(36))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
