"""Semester verification marks (学籍核查) and the dropout ledger (控辍保学台账)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utc_now, uuid_pk


class VerificationMark(Base):
    """One pupil's conclusion in one verification round; a pupil present without a 学籍 here
    (在校不在籍) has no record, only a name."""

    __tablename__ = "verification_mark"
    __table_args__ = (UniqueConstraint("round", "student_id", "name"),)

    id: Mapped[str] = uuid_pk()
    round: Mapped[str] = mapped_column(String(20), index=True)  # 2026-2027-1
    student_id: Mapped[str | None] = mapped_column(ForeignKey("student.id"), index=True)
    name: Mapped[str] = mapped_column(String(36))
    class_name: Mapped[str] = mapped_column(String(40))
    conclusion: Mapped[str] = mapped_column(String(10))  # 人籍一致 / 在籍不在校 / …
    reason: Mapped[str | None] = mapped_column(String(40))  # 不在校原因
    whereabouts: Mapped[str | None] = mapped_column(String(100))
    action: Mapped[str | None] = mapped_column(String(40))  # 办理转学 / 补办休学 / 注销 / 劝返 …
    due: Mapped[dt.date | None] = mapped_column(Date)
    checker: Mapped[str] = mapped_column(String(36))
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class DropoutCase(Base):
    """A pupil who left school during compulsory education: the 学籍 stays, the case stays open
    until the pupil returns or is placed (销号)."""

    __tablename__ = "dropout_case"

    id: Mapped[str] = uuid_pk()
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"), index=True)
    left_on: Mapped[dt.date] = mapped_column(Date)
    reason: Mapped[str | None] = mapped_column(String(40))  # 厌学 / 外出务工 / 家庭经济 …
    whereabouts: Mapped[str | None] = mapped_column(String(100))
    responsible: Mapped[str | None] = mapped_column(String(100))  # 包保责任人
    visits: Mapped[list[Any]] = mapped_column(JSON, default=list)  # [{date, method, people, result}]
    closed_on: Mapped[dt.date | None] = mapped_column(Date)
    outcome: Mapped[str | None] = mapped_column(Text)  # 返校复学 / 随班就读 / 送教上门 / 转学 …
