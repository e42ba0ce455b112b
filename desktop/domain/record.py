"""A student record read from template-shaped input (JSON objects, Excel rows).

`read_record` turns {header: cell} into stored values and a list of FieldErrors; nothing is
guessed: an unknown header, an unreadable cell or a missing required item is reported.
"""

from __future__ import annotations

import re
import unicodedata
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
from desktop.domain.validation import validate
from desktop.domain.values import parse_cell

# Headers written by the national system's export, and other spellings seen in real files.
HEADER_ALIASES = {
    "出生地行政区划代码": "出生地",
    "户口所在地行政区划": "户口所在地",
    "户口所在地行政区划代码": "户口所在地",
    "国籍": "国籍/地区",
    "国籍地区": "国籍/地区",
    "身份证号": "身份证件号",
    "上下学距离": "上下学距离（公里）",
    "上下学距离(公里)": "上下学距离（公里）",
    # longer names of the national system's export and of older templates
    "出生地行政区划": "出生地",
    "出生地行政区划码": "出生地",
    "户口所在地行政区划码": "户口所在地",
    "身份证件号码": "身份证件号",
    "证件号码": "身份证件号",
    "班级名称": "班级",
    "通讯地址": "通信地址",
    "家庭住址": "家庭地址",
    "电子邮箱": "电子信箱",
    "进城务工人员随迁子女": "是否进城务工人员随迁子女",
}
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


@lru_cache(maxsize=1024)
def canonical_header(header: str) -> str:
    folded = unicodedata.normalize("NFKC", str(header)).strip().replace(" ", "")
    folded = HEADER_ALIASES.get(folded, folded)
    match = _MEMBER_RE.fullmatch(folded)
    if match and match.group(2) in HEADER_ALIASES:
        folded = f"成员{match.group(1)}{HEADER_ALIASES[match.group(2)]}"
    return folded


_STUDENT_BY_HEADER = {canonical_header(s.header): s for s in ALL_STUDENT_FIELDS}
_MEMBER_BY_HEADER = {canonical_header(s.header): s for s in MEMBER_FIELDS}


@lru_cache(maxsize=1024)
def _route(raw_header: str) -> tuple[str, int, FieldSpec | None]:
    """Where a header's value goes: ('school'|'student'|'member'|'skip'|'unknown', slot, spec)."""
    header = canonical_header(raw_header)
    if header in OUTPUT_ONLY:
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
    for raw_header, raw in cells.items():
        target, slot, spec = _route(str(raw_header))
        if target == "student":
            _read_cell(record, record.values, spec, str(raw_header), raw)
        elif target == "member":
            _read_cell(record, members.setdefault(slot, {}), spec, str(raw_header), raw)
        elif target == "school":
            record.school_code = str(raw).strip() if raw not in (None, "") else None
        elif target == "unknown":
            record.fail(str(raw_header), DomainError("header.unknown"))
    record.member_slots = [n for n in sorted(members) if any(members[n].values())]
    record.members = [members[n] for n in record.member_slots]
    validate(record)
    return record


def _read_cell(record: Record, target: dict[str, Any], spec: FieldSpec, header: str,
               raw: Any) -> None:
    try:
        target[spec.key] = parse_cell(spec, raw)
    except DomainError as error:
        target[spec.key] = None
        error.params.setdefault("value", "" if raw is None else str(raw))
        record.fail(header, error)


