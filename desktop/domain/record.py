"""A student record read from template-shaped input (JSON objects, Excel rows).

`read_record` turns {header: cell} into stored values and a list of FieldErrors; nothing is
guessed: an unknown header, an unreadable cell or a missing required item is reported.
`read_records` reads many rows to the same records, faster when they share their headers.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, repeat
from operator import is_, itemgetter
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


def read_records(rows: Iterable[Mapping[str, Any]]) -> list[Record]:
    """`read_record` of each row (the same records, errors and memo). Rows under the same
    headers (an import's) share one layout of where each cell goes, and look up the memo of
    texts already read a row at a time; a row with a cell that is not text is read alone."""
    steps = _steps()
    layouts: dict[tuple[Any, ...], _Layout | None] = {}
    records = []
    for cells in rows:
        keys = tuple(cells)
        if keys in layouts:
            layout = layouts[keys]
        else:
            layout = _Layout.of([steps.get(k) or _add_step(steps, k) for k in keys], keys)
            if len(layouts) < _MEMO_SIZE:
                layouts[keys] = layout
        record = layout.read(tuple(cells.values())) if layout is not None else None
        records.append(record if record is not None else read_record(dict(cells)))
    return records


_memo_get = dict.get


class _Layout:
    """Where each cell of rows with the same headers goes: the pupil's values, a family
    member's, the school code or nowhere (an unknown header: no layout, the row is read
    cell by cell)."""

    def __init__(self, route: Sequence[_Step], headers: Sequence[Any]) -> None:
        self.memos = tuple(step[3] for step in route)
        self.places = range(len(route))
        self.specs = tuple(step[2] for step in route)
        self.headers = tuple(map(str, headers))
        self.school = [i for i, step in enumerate(route) if step[0] == "school"]
        self.student = _part(route, [i for i, step in enumerate(route) if step[0] == "student"])
        slots = sorted({step[1] for step in route if step[0] == "member"})
        self.members = [(slot, _part(route, [i for i, step in enumerate(route)
                                             if step[0] == "member" and step[1] == slot]))
                        for slot in slots]

    @classmethod
    def of(cls, route: Sequence[_Step], headers: Sequence[Any]) -> _Layout | None:
        if any(step[0] not in _LAID_OUT for step in route):
            return None
        return cls(route, headers)

    def read(self, values: tuple[Any, ...]) -> Record | None:
        """The record of one row's cells; None when a cell is not text (read_record reads
        that row: an empty or numeric cell, a list from JSON)."""
        record = Record()
        try:
            parsed = list(map(_memo_get, self.memos, values, repeat(_MISS)))
        except TypeError:  # a value that cannot be a key: not text
            return None
        for index in compress(self.places, map(is_, parsed, repeat(_MISS))):  # in cell order
            spec, raw = self.specs[index], values[index]
            if raw.__class__ is not str:
                return None
            if spec is None:  # the school code or an output-only item: not a value
                parsed[index] = None
                continue
            memo = self.memos[index]
            hit = memo.get(raw, _MISS)  # read by an earlier cell of this row (an address)
            if hit is not _MISS:
                parsed[index] = hit
                continue
            try:
                parsed[index] = value = parse_cell(spec, raw)
            except DomainError as error:
                parsed[index] = None
                error.params.setdefault("value", raw)
                record.fail(self.headers[index], error)
                continue
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[raw] = value
        keys, pick = self.student
        record.values = dict(zip(keys, pick(parsed), strict=True))
        for slot, (keys, pick) in self.members:  # in slot order; a member with nothing is left out
            member = dict(zip(keys, pick(parsed), strict=True))
            if any(member.values()):
                record.member_slots.append(slot)
                record.members.append(member)
        if self.school:
            raw = values[self.school[-1]]
            record.school_code = raw.strip() if raw else None
        validate(record)
        return record


_LAID_OUT = frozenset(("student", "member", "school", "skip"))
_Picker = Callable[[list[Any]], tuple[Any, ...]]


def _part(route: Sequence[_Step], indexes: list[int]) -> tuple[tuple[str, ...], _Picker]:
    """(keys, picker of their parsed values) of the cells at `indexes`, in cell order."""
    keys = tuple(spec.key for i in indexes if (spec := route[i][2]) is not None)
    if len(indexes) == 1:
        only = indexes[0]
        return keys, lambda parsed: (parsed[only],)
    return keys, (itemgetter(*indexes) if indexes else lambda _parsed: ())
