"""School, grades and classes of the one school this database belongs to."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, uuid_pk


class School(Base):
    __tablename__ = "school"

    id: Mapped[str] = uuid_pk()
    code: Mapped[str] = mapped_column(String(10), unique=True)  # 学校标识码
    name: Mapped[str] = mapped_column(String(100))
    english_name: Mapped[str | None] = mapped_column(String(200))
    system: Mapped[str] = mapped_column(String(10), default="6-3-3")  # 学制: 小学-初中-高中 years
    stages: Mapped[str] = mapped_column(String(20), default="小学,初中,高中")  # stages it runs
    region_code: Mapped[str | None] = mapped_column(String(6))  # school location (for L/J numbers)
    address: Mapped[str | None] = mapped_column(String(200))
    principal: Mapped[str | None] = mapped_column(String(36))
    phone: Mapped[str | None] = mapped_column(String(30))


class Grade(Base):
    __tablename__ = "grade"
    __table_args__ = (UniqueConstraint("name", "entry_year"),)

    id: Mapped[str] = uuid_pk()
    name: Mapped[str] = mapped_column(String(20))  # 三年级, 初一, 高二
    stage: Mapped[str] = mapped_column(String(10))  # 小学 / 初中 / 高中
    level: Mapped[int] = mapped_column(Integer)  # year within the stage, from 1
    entry_year: Mapped[int] = mapped_column(Integer)  # school year the cohort entered the stage
    classes: Mapped[list[SchoolClass]] = relationship(back_populates="grade")


class SchoolClass(Base):
    __tablename__ = "school_class"

    id: Mapped[str] = uuid_pk()
    grade_id: Mapped[str] = mapped_column(ForeignKey("grade.id"), index=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    number: Mapped[int] = mapped_column(Integer)  # 班号
    head_teacher: Mapped[str | None] = mapped_column(String(36))
    grade: Mapped[Grade] = relationship(back_populates="classes")
