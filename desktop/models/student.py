"""Student and family member: every item of the national 72-item collection form.

Column names are the FieldSpec keys of desktop.domain.fields; coded items hold codes.
Search keys (pinyin, initials) are stored so search and sort run in SQL.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from desktop.models.base import Base, utc_now, uuid_pk
from desktop.models.school import SchoolClass

S = String


class Student(Base):
    __tablename__ = "student"
    # Roster order; holding the name too lets a name search scan this index alone. The
    # letter and number searches walk their key with the roster order beside it (v12), so a
    # page of matches is found in the index without reading a pupil's row.
    __table_args__ = (
        Index("ix_student_roster_order", "name_key", "id", "name"),
        Index("ix_student_initials_order", "name_initials", "name_key", "id"),
        Index("ix_student_id_number_order", "id_number", "name_key", "id"),
        Index("ix_student_xjh_order", "xjh", "name_key", "id"),
        # A status filter, alone or with a name, walks its pupils in roster order (v13).
        Index("ix_student_status_order", "status", "name_key", "id", "name", "name_initials"),
    )

    id: Mapped[str] = uuid_pk()
    class_id: Mapped[str] = mapped_column(ForeignKey("school_class.id"), index=True)
    status: Mapped[str] = mapped_column(S(20), default="ACTIVE")  # indexed with the order
    xjh: Mapped[str | None] = mapped_column(S(19))  # 学籍号 (indexed with the roster order)
    xjh_provisional: Mapped[bool] = mapped_column(default=True)
    name_key: Mapped[str] = mapped_column(S(120), index=True)  # pinyin sort/search key
    name_initials: Mapped[str] = mapped_column(S(40))  # indexed with the roster order
    possible_duplicate_of: Mapped[str | None] = mapped_column(S(36))
    away_flag: Mapped[str | None] = mapped_column(S(10))  # 辍学 (在籍不在校) / 专门学校
    studied_abroad: Mapped[bool] = mapped_column(default=False)  # marked on 回国
    version: Mapped[int] = mapped_column(Integer, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
    photo: Mapped[bytes | None] = mapped_column(LargeBinary, deferred=True)

    # Block 1 学生个人基础信息
    name: Mapped[str] = mapped_column(S(36), index=True)
    sex: Mapped[str] = mapped_column(S(1))
    birth_date: Mapped[dt.date] = mapped_column(Date)
    birthplace: Mapped[str] = mapped_column(S(12))
    native_place: Mapped[str] = mapped_column(S(60))
    ethnicity: Mapped[str] = mapped_column(S(2))
    nationality: Mapped[str] = mapped_column(S(3))
    id_type: Mapped[str] = mapped_column(S(1))
    id_number: Mapped[str | None] = mapped_column(S(20), unique=True)
    gatqw: Mapped[str] = mapped_column(S(2))
    political: Mapped[str | None] = mapped_column(S(2))
    health: Mapped[str] = mapped_column(S(2))
    # Block 2 辅助信息
    name_pinyin: Mapped[str | None] = mapped_column(S(120))
    former_name: Mapped[str | None] = mapped_column(S(36))
    id_validity: Mapped[str | None] = mapped_column(S(30))
    hukou_place: Mapped[str] = mapped_column(S(12))
    hukou_type: Mapped[str] = mapped_column(S(1))
    specialty: Mapped[str | None] = mapped_column(S(60))
    blood_type: Mapped[str | None] = mapped_column(S(2))
    # Block 3 学籍基本信息
    aux_number: Mapped[str | None] = mapped_column(S(30))
    class_seq: Mapped[str | None] = mapped_column(S(10))
    entry_month: Mapped[str] = mapped_column(S(6))
    entry_mode: Mapped[str] = mapped_column(S(2))
    attendance: Mapped[str] = mapped_column(S(1))
    student_source: Mapped[str | None] = mapped_column(S(1))
    # Block 4 联系信息
    current_address: Mapped[str] = mapped_column(S(120))
    mailing_address: Mapped[str] = mapped_column(S(120))
    home_address: Mapped[str] = mapped_column(S(120))
    phone: Mapped[str] = mapped_column(S(20))
    postcode: Mapped[str] = mapped_column(S(6))
    email: Mapped[str | None] = mapped_column(S(60))
    homepage: Mapped[str | None] = mapped_column(S(120))
    # Block 5 扩展信息
    only_child: Mapped[str] = mapped_column(S(1))
    preschool: Mapped[str] = mapped_column(S(1))
    left_behind: Mapped[str | None] = mapped_column(S(1))
    migrant_child: Mapped[str | None] = mapped_column(S(1))
    orphan: Mapped[str | None] = mapped_column(S(1))
    martyr_child: Mapped[str | None] = mapped_column(S(1))
    regular_class: Mapped[str | None] = mapped_column(S(1))
    disability: Mapped[str | None] = mapped_column(S(1))
    gov_place: Mapped[str | None] = mapped_column(S(1))
    needs_aid: Mapped[str | None] = mapped_column(S(1))
    boarding_subsidy: Mapped[str | None] = mapped_column(S(1))
    # Block 6 上下学交通方式
    commute_km: Mapped[str | None] = mapped_column(S(10))
    commute_mode: Mapped[str | None] = mapped_column(S(1))
    school_bus: Mapped[str | None] = mapped_column(S(1))

    school_class: Mapped[SchoolClass] = relationship()
    members: Mapped[list[FamilyMember]] = relationship(
        back_populates="student", order_by="FamilyMember.slot", cascade="all, delete-orphan"
    )


class FamilyMember(Base):
    """Block 7: 家庭成员或监护人 (two on the form; more may be kept)."""

    __tablename__ = "family_member"

    id: Mapped[str] = uuid_pk()
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"), index=True)
    slot: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(S(36))
    relation: Mapped[str] = mapped_column(S(2))
    relation_note: Mapped[str | None] = mapped_column(S(30))
    ethnicity: Mapped[str | None] = mapped_column(S(2))
    employer: Mapped[str | None] = mapped_column(S(60))
    address: Mapped[str | None] = mapped_column(S(120))
    hukou_place: Mapped[str | None] = mapped_column(S(12))
    phone: Mapped[str | None] = mapped_column(S(20))
    is_guardian: Mapped[str | None] = mapped_column(S(1))
    id_type: Mapped[str | None] = mapped_column(S(1))
    id_number: Mapped[str | None] = mapped_column(S(20))
    position: Mapped[str | None] = mapped_column(S(30))

    student: Mapped[Student] = relationship(back_populates="members")
