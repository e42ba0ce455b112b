"""Recognising the header row of a template sheet, and which template item each column holds.

A header cell is folded (full-width to half-width, spaces and the ★ / * marks of required
items dropped) and looked up among the 71 template headers and the longer names written by
the national system's export (desktop.domain.record.HEADER_ALIASES). The header row is the
row among the first few with the most recognised headers, so title rows above it do no harm.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from desktop.domain.fields import (
    ALL_STUDENT_FIELDS,
    MEMBER_FIELDS,
    MEMBER_SLOTS,
    FieldSpec,
    Need,
    member_header,
    template_headers,
)
from desktop.domain.record import canonical_header

ROWS_SEARCHED = 10
MIN_RECOGNISED = 5
_MARKS = re.compile(r"^[*＊★☆\s]+|[*＊★☆\s]+$|[(（]必填[)）]$")

TEMPLATE_BY_CANONICAL = {canonical_header(h): h for h in template_headers()}
SPEC_BY_HEADER: dict[str, FieldSpec] = {spec.header: spec for spec in ALL_STUDENT_FIELDS}
SPEC_BY_HEADER.update({member_header(slot, spec): spec for slot in range(1, MEMBER_SLOTS + 1)
                       for spec in MEMBER_FIELDS})

# Without these a file cannot be imported: every row would be refused for the same reason.
REQUIRED_COLUMNS = (
    *(spec.header for spec in ALL_STUDENT_FIELDS if spec.need is Need.REQUIRED),
    "身份证件号", "成员1姓名", "成员1关系", "成员1是否监护人",
)


def template_header(cell: Any) -> str | None:
    """The template header a header cell stands for, or None."""
    if not isinstance(cell, str) or not cell.strip():
        return None
    return TEMPLATE_BY_CANONICAL.get(canonical_header(_MARKS.sub("", cell)))


@dataclass(frozen=True)
class HeaderRow:
    index: int  # 0-based row index in the sheet
    columns: dict[int, str]  # column index -> template header (first of duplicates)
    ignored: tuple[str, ...]  # written headers that are no template item, or repeat one

    @property
    def missing_required(self) -> list[str]:
        found = set(self.columns.values())
        return [header for header in REQUIRED_COLUMNS if header not in found]

    @property
    def missing_optional(self) -> list[str]:
        found = set(self.columns.values())
        return [h for h in template_headers() if h not in found and h not in REQUIRED_COLUMNS]


def read_header(index: int, row: Sequence[Any]) -> HeaderRow:
    columns: dict[int, str] = {}
    ignored: list[str] = []
    for column, cell in enumerate(row):
        header = template_header(cell)
        if header is not None and header not in columns.values():
            columns[column] = header
        elif isinstance(cell, str) and cell.strip():
            ignored.append(cell.strip())
    return HeaderRow(index, columns, tuple(ignored))


def find_header_row(rows: Sequence[Sequence[Any]]) -> HeaderRow | None:
    """The best header row among the first rows, or None if no row looks like one."""
    candidates = [read_header(i, row) for i, row in enumerate(rows[:ROWS_SEARCHED])]
    usable = [c for c in candidates
              if len(c.columns) >= MIN_RECOGNISED and "姓名" in c.columns.values()]
    return max(usable, key=lambda c: len(c.columns), default=None)
