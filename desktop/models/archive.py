"""The paper archive (学籍档案) register of each student: which documents the folder holds,
where it is kept, scanned pages, who borrowed it, and to whom it was handed over.

Scans are content-addressed: `ArchiveBlob` keeps the bytes once per SHA-256 of the plain
bytes, inside the encrypted database; `ArchiveAttachment` links a blob to a student's
document kind under the file name it was added with.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utc_now, uuid_pk


class ArchiveItem(Base):
    """One line of a student's checklist: a kind of document, held or missing."""

    __tablename__ = "archive_item"
    __table_args__ = (UniqueConstraint("student_id", "kind"),)

    id: Mapped[str] = uuid_pk()
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # basic_form, identity_copy, photo …
    present: Mapped[bool] = mapped_column(default=False)
    copies: Mapped[int | None] = mapped_column(Integer)  # 份数
    pages: Mapped[int | None] = mapped_column(Integer)  # 页数
    received_on: Mapped[dt.date | None] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(String(200))
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class ArchiveLocation(Base):
    """Where the student's paper folder is kept: 柜 / 层 / 盒, free text."""

    __tablename__ = "archive_location"

    id: Mapped[str] = uuid_pk()
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"), unique=True)
    cabinet: Mapped[str] = mapped_column(String(40), default="")
    shelf: Mapped[str] = mapped_column(String(40), default="")
    box: Mapped[str] = mapped_column(String(40), default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class ArchiveBlob(Base):
    """The bytes of one scan, stored once whatever number of attachments name it."""

    __tablename__ = "archive_blob"

    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary, deferred=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class ArchiveAttachment(Base):
    """A scan attached to one kind of document of one student."""

    __tablename__ = "archive_attachment"
    __table_args__ = (UniqueConstraint("student_id", "kind", "sha256"),)

    id: Mapped[str] = uuid_pk()
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    sha256: Mapped[str] = mapped_column(ForeignKey("archive_blob.sha256"), index=True)
    file_name: Mapped[str] = mapped_column(String(200))
    mime: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    added_by: Mapped[str] = mapped_column(String(36))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class ArchiveLoan(Base):
    """借阅: the folder lent out, until it comes back."""

    __tablename__ = "archive_loan"

    id: Mapped[str] = uuid_pk()
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"), index=True)
    borrower: Mapped[str] = mapped_column(String(60))
    purpose: Mapped[str] = mapped_column(String(200))
    lent_on: Mapped[dt.date] = mapped_column(Date)
    due: Mapped[dt.date] = mapped_column(Date)
    returned_on: Mapped[dt.date | None] = mapped_column(Date, index=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    recorded_by: Mapped[str] = mapped_column(String(36))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


class ArchiveHandover(Base):
    """The folder left the school: to the new school on transfer (a backup and copies stay),
    to the merged school, or to the unit the county names when the school closes."""

    __tablename__ = "archive_handover"

    id: Mapped[str] = uuid_pk()
    student_id: Mapped[str] = mapped_column(ForeignKey("student.id"), index=True)
    reason: Mapped[str] = mapped_column(String(10))  # 转学 / 升学 / 出境 / 学校合并 / 学校撤销
    handed_on: Mapped[dt.date] = mapped_column(Date)
    receiver: Mapped[str] = mapped_column(String(100))  # receiving unit
    sender_signatory: Mapped[str] = mapped_column(String(36))
    receiver_signatory: Mapped[str] = mapped_column(String(36))
    items: Mapped[list[Any]] = mapped_column(JSON, default=list)  # document kinds handed over
    backup_kept: Mapped[bool] = mapped_column(default=False)  # electronic backup kept here
    copies_kept: Mapped[bool] = mapped_column(default=False)  # paper copies kept here
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by: Mapped[str] = mapped_column(String(36))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)


TABLES = (ArchiveItem, ArchiveLocation, ArchiveBlob, ArchiveAttachment, ArchiveLoan,
          ArchiveHandover)
