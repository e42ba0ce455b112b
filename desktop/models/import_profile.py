"""Template profiles: what the columns of one layout of the national template hold.

A school's files come in the layout of its province and year; once the registrar has said
what each unknown column holds (or that it is left out on purpose) and which class each 班号
means, the answers are kept under a name and offered when a file with the same headers comes.
Headers, class codes and the file format (.xls or .xlsx) only: no student data.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import JSON, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from desktop.models.base import Base, utc_now, uuid_pk


class ImportProfile(Base):
    __tablename__ = "import_profile"

    id: Mapped[str] = uuid_pk()
    name: Mapped[str] = mapped_column(String(40), unique=True)
    headers: Mapped[list[str]] = mapped_column(JSON)  # folded headers of the layout, sorted
    mapping: Mapped[dict[str, str]] = mapped_column(JSON)  # folded header -> item or #不导入
    class_codes: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)  # 班号 -> class name
    # the format the layout's files come in ("xlsx" or "xls"): exports default to it
    file_format: Mapped[str] = mapped_column(String(4), default="xlsx", server_default="xlsx")
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utc_now)
