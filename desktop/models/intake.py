"""Lists the national system hands the school about pupils coming in: the preschool matched
list (five items, after which those items are 受控字段) and the junior-secondary entrance
handover list (个人标识码, name, ID number, graduating and admitting schools, stage)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utc_now, uuid_pk

PRESCHOOL, HANDOVER = "preschool", "handover"


class IntakeEntry(Base):
    __tablename__ = "intake_entry"
    __table_args__ = (UniqueConstraint("kind", "id_number"),)

    id: Mapped[str] = uuid_pk()
    kind: Mapped[str] = mapped_column(String(10))  # PRESCHOOL / HANDOVER
    name: Mapped[str] = mapped_column(String(36))
    sex: Mapped[str | None] = mapped_column(String(1))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    id_type: Mapped[str | None] = mapped_column(String(1))
    id_number: Mapped[str] = mapped_column(String(20), index=True)
    xjh: Mapped[str | None] = mapped_column(String(19))  # 个人标识码 (handover)
    from_school: Mapped[str | None] = mapped_column(String(10))  # 毕业学校标识码
    to_school: Mapped[str | None] = mapped_column(String(10))  # 录取学校标识码
    stage: Mapped[str | None] = mapped_column(String(10))  # 教育阶段
    student_id: Mapped[str | None] = mapped_column(ForeignKey("student.id"), index=True)
    source: Mapped[str] = mapped_column(String(200))  # the file it came from
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
