"""A student record read from template-shaped input (JSON objects, Excel rows).

`read_record` turns {header: cell} into stored values and a list of FieldErrors; nothing is
guessed: an unknown header, an unreadable cell or a missing required item is reported.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from desktop.domain.errors import DomainError, FieldError
from desktop.domain.fields import (
    ALL_STUDENT_FIELDS,
    MEMBER_FIELDS,
    SCHOOL_CODE_HEADER,
    FieldSpec,
)
from desktop.domain.header_aliases import canonical_header
from desktop.domain.validation import validate
from desktop.domain.values import parse_cell, parse_signature

# Keys that output adds and input ignores (a listed record can be fed back unchanged).
OUTPUT_ONLY = {"学籍号", "学籍状态", "年级", "姓名拼音"}

_MEMBER_RE = re.compile(r"成员(\d+)(.+)")


@dataclass
class Record:
    """Stored values of one student and its family members, plus what was wrong."""

    values: dict[str, Any] = field(default_factory=dict)
    members: list[dict[str, Any]] = field(default_factory=list)
    member_slots: list[int] = field(default_factory=list)
    school_code: str | None = None
    errors: list[FieldError] = field(default_factory=list)

    def fail(self, header: str, error: DomainError, *, warning: bool = False) -> None:
        self.errors.append(FieldError(header, error.code, error.params, warning))

    @property
    def blocking(self) -> list[FieldError]:
        return [e for e in self.errors if not e.warning]


_STUDENT_BY_HEADER = {canonical_header(s.header): s for s in ALL_STUDENT_FIELDS}
_MEMBER_BY_HEADER = {canonical_header(s.header): s for s in MEMBER_FIELDS}


@lru_cache(maxsize=1024)
def _route(raw_header: str) -> tuple[str, int, FieldSpec | None]:
    """Where a header's value goes: ('school'|'student'|'member'|'skip'|'unknown', slot, spec)."""
    header = canonical_header(raw_header)
    if header in OUTPUT_ONLY or header.startswith("#"):
        return "skip", 0, None
    if header == SCHOOL_CODE_HEADER:
        return "school", 0, None
    if header in _STUDENT_BY_HEADER:
        return "student", 0, _STUDENT_BY_HEADER[header]
    match = _MEMBER_RE.fullmatch(header)
    if match and match.group(2) in _MEMBER_BY_HEADER:
        return "member", int(match.group(1)), _MEMBER_BY_HEADER[match.group(2)]
    return "unknown", 0, None


def read_record(cells: dict[str, Any]) -> Record:
    """Parse one template-shaped row. Errors are collected; nothing is raised."""
    record = Record()
    members: dict[int, dict[str, Any]] = {}
    values = record.values
    steps = _steps()
    for raw_header, raw in cells.items():
        step = steps.get(raw_header) or _add_step(steps, raw_header)
        target, slot, spec, memo = step
        if target in _VALUE_TARGETS:
            assert spec is not None  # _route gives every value target its spec
            dest = values if target == "student" else members.setdefault(slot, {})
            if raw.__class__ is str:
                hit = memo.get(raw, _MISS)
                if hit is not _MISS:
                    dest[spec.key] = hit
                    continue
            _read_cell(record, dest, spec, str(raw_header), raw, memo)
        elif target == "school":
            record.school_code = str(raw).strip() if raw not in (None, "") else None
        elif target == "unknown":
            record.fail(str(raw_header), DomainError("header.unknown"))
    record.member_slots = [n for n in sorted(members) if any(members[n].values())]
    record.members = [members[n] for n in record.member_slots]
    validate(record)
    return record


def _read_cell(record: Record, target: dict[str, Any], spec: FieldSpec, header: str,
               raw: Any, memo: dict[str, Any]) -> None:
    try:
        target[spec.key] = value = parse_cell(spec, raw)
    except DomainError as error:
        target[spec.key] = None
        error.params.setdefault("value", "" if raw is None else str(raw))
        record.fail(header, error)
        return
    if raw.__class__ is str:
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[raw] = value


# Each header as written -> (where its value goes, member slot, spec, memo). The memo holds
# the stored value of each cell text already read for items that read a text alike (one per
# parse signature, values.parse_signature: a pupil's three addresses and the family's share
# one): a register repeats the same codes, classes, regions, addresses and dates
# thousands of times. Only texts that parsed are kept (an error is raised anew each time,
# with its own params); dates and months are checked against today, so everything is
# forgotten when the day changes.
_MISS = object()
_VALUE_TARGETS = frozenset(("student", "member"))
_MEMO_SIZE = 50_000
_STEPS: dict[str, Any] = {"day": None, "steps": {}, "memos": {}}


_Step = tuple[str, int, FieldSpec | None, dict[str, Any]]


def _steps() -> dict[Any, _Step]:
    today = dt.date.today()
    if _STEPS["day"] != today:
        _STEPS.update(day=today, steps={}, memos={})
    steps: dict[Any, _Step] = _STEPS["steps"]
    return steps


def _add_step(steps: dict[Any, _Step], raw_header: Any) -> _Step:
    target, slot, spec = _route(str(raw_header))
    memo = _STEPS["memos"].setdefault(parse_signature(spec), {}) if spec is not None else {}
    if len(steps) < _MEMO_SIZE:  # headers are few; a file of random headers is not kept
        steps[raw_header] = (target, slot, spec, memo)
    return target, slot, spec, memo
