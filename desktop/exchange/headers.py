"""Recognising the header row of a template sheet, and what each column holds.

Columns are matched by name, never by position. A header cell is folded (full-width to
half-width, spaces and the ★ / * marks of required items dropped) and looked up among the 71
template headers and the other spellings of resources/exchange/columns.csv
(desktop.domain.header_aliases). A column is then a template item, a class part (年级, 班级号,
班号, 校区号), known and left out on purpose (学籍接续标识 …), or unknown: unknown columns are
shown to the user, and a saved template profile (`mapping`) says what each one holds.
The header row is the row among the first few with the most recognised headers, so title
rows above it do no harm.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
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
from desktop.domain.header_aliases import (
    CLASS_CODE,
    CLASS_NUMBER,
    CLASS_PARTS,
    GRADE,
    LEAVE_OUT,
    canonical_header,
    fold_header,
)

ROWS_SEARCHED = 10
MIN_RECOGNISED = 5
CLASS_HEADER = "班级"

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
    return TEMPLATE_BY_CANONICAL.get(canonical_header(cell))


def column_target(cell: Any, mapping: Mapping[str, str] | None = None) -> str | None:
    """What a header cell holds: a template header, a class part, LEAVE_OUT, or None when
    unknown. `mapping` (a template profile: folded header -> target) is asked first."""
    if not isinstance(cell, str) or not cell.strip():
        return None
    if mapping and fold_header(cell) in mapping:
        return mapping[fold_header(cell)]
    header = template_header(cell)
    if header is not None:
        return header
    item = canonical_header(cell)
    return item if item in CLASS_PARTS or item == LEAVE_OUT else None


@dataclass(frozen=True)
class HeaderRow:
    index: int  # 0-based row index in the sheet
    columns: dict[int, str]  # column index -> template header (first of duplicates)
    class_parts: dict[int, str] = field(default_factory=dict)  # column index -> class part
    left_out: tuple[str, ...] = ()  # known columns not imported, and repeated items
    unknown: tuple[tuple[int, str], ...] = ()  # (column index, header as written)

    @property
    def ignored(self) -> tuple[str, ...]:
        """Every written header that is not imported (left out or unknown)."""
        return (*self.left_out, *(header for _column, header in self.unknown))

    @property
    def has_class(self) -> bool:
        parts = set(self.class_parts.values())
        return (CLASS_HEADER in self.columns.values() or CLASS_CODE in parts
                or {GRADE, CLASS_NUMBER} <= parts)

    @property
    def missing_required(self) -> list[str]:
        found = set(self.columns.values())
        return [header for header in REQUIRED_COLUMNS if header not in found
                and not (header == CLASS_HEADER and self.has_class)]

    @property
    def missing_optional(self) -> list[str]:
        found = set(self.columns.values())
        return [h for h in template_headers() if h not in found and h not in REQUIRED_COLUMNS]


def read_header(index: int, row: Sequence[Any],
                mapping: Mapping[str, str] | None = None) -> HeaderRow:
    columns: dict[int, str] = {}
    parts: dict[int, str] = {}
    left_out: list[str] = []
    unknown: list[tuple[int, str]] = []
    for column, cell in enumerate(row):
        target = column_target(cell, mapping)
        if target is None:
            if isinstance(cell, str) and cell.strip():
                unknown.append((column, cell.strip()))
        elif target in CLASS_PARTS and target not in parts.values():
            parts[column] = target
        elif target not in CLASS_PARTS and target != LEAVE_OUT and target not in columns.values():
            columns[column] = target
        else:
            left_out.append(str(cell).strip())
    return HeaderRow(index, columns, parts, tuple(left_out), tuple(unknown))


def find_header_row(rows: Sequence[Sequence[Any]],
                    mapping: Mapping[str, str] | None = None) -> HeaderRow | None:
    """The best header row among the first rows, or None if no row looks like one."""
    candidates = [read_header(i, row, mapping) for i, row in enumerate(rows[:ROWS_SEARCHED])]
    usable = [c for c in candidates
              if len(c.columns) >= MIN_RECOGNISED and "姓名" in c.columns.values()]
    return max(usable, key=lambda c: len(c.columns) + len(c.class_parts), default=None)
