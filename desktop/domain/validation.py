"""Rules that span fields of one student record (required items, ID numbers, guardians).

Single-cell parsing happened before; these checks add FieldErrors to the record:
required and recommended items, the ID number against birth date and sex, Z-type and
missing IDs, at least one guardian, 关系 = 其他 needs 关系说明, consistency warnings.
"""

from __future__ import annotations

import re
from operator import methodcaller
from typing import Any, Protocol

from desktop.domain.errors import DomainError, FieldError
from desktop.domain.fields import ALL_STUDENT_FIELDS, MEMBER_FIELDS, Need, member_header
from desktop.domain.idnumber import ResidentId, parse_resident_id

RESIDENT_ID = "1"
OTHER_ID = "Z"
RELATION_OTHER = "9"
YES = "1"
_DOCUMENT_RE = re.compile(r"[A-Z0-9()\-]{4,20}")


class Record(Protocol):
    """What the checks read and write of a record (desktop.domain.record.Record has it; this
    module does not import that one, which imports this)."""

    values: dict[str, Any]
    members: list[dict[str, Any]]
    member_slots: list[int]
    errors: list[FieldError]

    def fail(self, header: str, error: DomainError, *, warning: bool = False) -> None: ...


def validate(record: Record) -> None:
    """Append every cross-field problem of `record` to `record.errors`."""
    _check_required(record)
    _check_student_id(record)
    _check_members(record)
    _check_consistency(record)


def _check_required(record: Record) -> None:
    values = record.values
    if None not in map(values.get, _NEEDED_STUDENT_KEYS):
        for member in record.members:
            if None in map(member.get, _NEEDED_MEMBER_KEYS):
                break
        else:
            return  # the common case: everything needed is there
    missing: list[tuple[str, Need]] = [(header, need) for key, header, need in _NEEDED_STUDENT_ITEMS
               if values.get(key) is None]
    for slot, member in zip(record.member_slots, record.members, strict=True):
        missing.extend((member_header(slot, spec), spec.need) for spec in _NEEDED_MEMBER_FIELDS
                       if member.get(spec.key) is None)
    if not missing:
        return
    failed = {e.field for e in record.errors}
    for header, need in missing:
        if header not in failed:
            _missing(record, header, need)


_NEEDED_STUDENT_ITEMS = tuple((s.key, s.header, s.need) for s in ALL_STUDENT_FIELDS
                              if s.need is not Need.OPTIONAL)
_NEEDED_MEMBER_FIELDS = tuple(s for s in MEMBER_FIELDS if s.need is not Need.OPTIONAL)
_NEEDED_STUDENT_KEYS = tuple(key for key, _header, _need in _NEEDED_STUDENT_ITEMS)
_NEEDED_MEMBER_KEYS = tuple(s.key for s in _NEEDED_MEMBER_FIELDS)


def _missing(record: Record, header: str, need: Need) -> None:
    if need is Need.REQUIRED:
        record.fail(header, DomainError("required"))
    elif need is Need.RECOMMENDED:
        record.fail(header, DomainError("recommended"), warning=True)


def _check_student_id(record: Record) -> None:
    values = record.values
    id_type, number = values.get("id_type"), values.get("id_number")
    if id_type is None:
        return
    if id_type == OTHER_ID:
        record.fail("身份证件类型", DomainError("id.z_needs_certificate"), warning=True)
    elif not number:
        record.fail("身份证件号", DomainError("id.required_for_type"))
    elif id_type == RESIDENT_ID:
        checked = _checked_resident_id(record, None, values)
        if checked is not None:
            _check_person(record, checked)
    elif not _DOCUMENT_RE.fullmatch(number):
        record.fail("身份证件号", DomainError("id.document_format"))


def _checked_resident_id(record: Record, slot: int | None, target: dict[str, Any],
                         ) -> ResidentId | None:
    """`target`'s ID number (the pupil's, or family member `slot`'s) checked and written in
    its 18-digit form; None (and the record's error) when it is wrong."""
    try:
        checked = parse_resident_id(target["id_number"])
    except DomainError as error:
        record.fail(_id_header(slot), error)
        return None
    if checked.upgraded_from_15:
        record.fail(_id_header(slot), DomainError("id.upgraded", number=checked.number),
                    warning=True)
    target["id_number"] = checked.number
    return checked


def _check_person(record: Record, checked: ResidentId) -> None:
    """The pupil's own birth date and sex against what their ID number says."""
    birth, sex = record.values.get("birth_date"), record.values.get("sex")
    if birth is not None and birth != checked.birth_date:
        record.fail("出生日期", DomainError("id.birth_mismatch", id_birth=checked.birth_date))
    if sex is not None and sex != checked.sex:
        record.fail("性别", DomainError("id.sex_mismatch"))


def _check_members(record: Record) -> None:
    members = record.members
    if not members:
        record.fail("成员1姓名", DomainError("member.none"))
        return
    for slot, member in zip(record.member_slots, members, strict=True):
        _check_member(record, slot, member)
    if YES not in map(_guardian, members):
        record.fail("成员1是否监护人", DomainError("member.no_guardian"))
    if not record.values.get("id_number") and not any(map(_id_number, members)):
        record.fail("成员1身份证件号", DomainError("member.id_required"))


_guardian = methodcaller("get", "is_guardian")
_id_number = methodcaller("get", "id_number")


def _check_member(record: Record, slot: int, member: dict[str, Any]) -> None:
    if member.get("relation") == RELATION_OTHER and not member.get("relation_note"):
        record.fail(f"成员{slot}关系说明", DomainError("member.relation_note"))
    if not member.get("id_number"):
        return
    id_type = member.get("id_type")
    if id_type is None:
        member["id_type"] = id_type = RESIDENT_ID
    if id_type == RESIDENT_ID:
        _checked_resident_id(record, slot, member)


def _id_header(slot: int | None) -> str:
    """The column of the pupil's ID number (slot None) or family member `slot`'s."""
    return "身份证件号" if slot is None else f"成员{slot}身份证件号"


def _check_consistency(record: Record) -> None:
    values = record.values
    if values.get("health") == "50" and values.get("disability") in (None, "0"):
        record.fail("残疾类型", DomainError("health.disability"), warning=True)
    if values.get("regular_class") not in (None, "0") and values.get("disability") in (None, "0"):
        record.fail("残疾类型", DomainError("regular_class.disability"), warning=True)
