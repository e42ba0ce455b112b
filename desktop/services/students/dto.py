"""Frozen data that leaves the services: rows for lists, details for one student, pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from desktop.domain.errors import FieldError
from desktop.services.changed import Changed


@dataclass(frozen=True, slots=True)
class StudentRow:
    """One line of the roster."""

    id: str
    name: str
    sex: str  # 男 / 女
    birth_date: dt.date
    class_name: str
    grade_name: str
    id_type: str
    id_number: str | None
    xjh: str | None
    xjh_provisional: bool
    status: str  # Chinese label
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class StudentDetail:
    """Everything about one student, values keyed by the FieldSpec keys (codes, dates)."""

    id: str
    values: Mapping[str, Any]
    members: tuple[Mapping[str, Any], ...]
    grade_name: str
    xjh: str | None
    xjh_provisional: bool
    status: str
    version: int
    possible_duplicate_of: str | None


@dataclass(frozen=True)
class Page:
    rows: tuple[StudentRow, ...]
    total: int
    offset: int


@dataclass(frozen=True)
class AddResult:
    """Students created by a batch, and warnings that did not block it (by record index)."""

    ids: tuple[str, ...]
    warnings: Mapping[int, list[FieldError]] = field(default_factory=dict)
    possible_duplicates: Mapping[int, StudentRow] = field(default_factory=dict)
    changed: Changed = field(default_factory=Changed)  # what the window shows again
