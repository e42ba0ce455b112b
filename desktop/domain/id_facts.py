"""What a valid mainland resident ID number already says about its holder, as template text:
出生日期 (YYYYMMDD), 性别 (男/女) and 出生地 (the 12-digit code of the county in the number,
when the region table knows it). The editor fills empty items from it and warns, never
overwrites, when a filled item says otherwise."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

from desktop.domain.codes import table
from desktop.domain.errors import DomainError
from desktop.domain.idnumber import parse_resident_id
from desktop.domain.regions import parse_region12


@dataclass(frozen=True)
class IdFacts:
    number: str
    values: dict[str, str]  # template header -> text


def id_facts(text: str) -> IdFacts | None:
    """The facts of a complete, valid 18-digit resident ID number; None otherwise."""
    try:
        resident = parse_resident_id(text)
    except DomainError:
        return None
    if len(text.strip()) != 18 or resident.is_residence_permit:
        return None
    values = {"出生日期": f"{resident.birth_date:%Y%m%d}",
              "性别": table("xb").name_of(resident.sex)}
    with contextlib.suppress(DomainError):  # a code the table does not know: left to the registrar
        values["出生地"] = parse_region12(resident.number[:6])
    return IdFacts(resident.number, values)


def fills(facts: IdFacts, row: dict[str, str]) -> dict[str, str]:
    """The items of `row` that are empty and the ID number can fill."""
    return {header: value for header, value in facts.values.items() if not row.get(header)}


def conflicts(facts: IdFacts, row: dict[str, str]) -> dict[str, str]:
    """Filled items of `row` that differ from the ID number: header -> what the number says.
    出生地 differs only when its county does (a township code may follow the county)."""
    found = {}
    for header, value in facts.values.items():
        given = row.get(header, "")
        if not given:
            continue
        same = given[:6] == value[:6] if header == "出生地" else given == value
        if not same:
            found[header] = value
    return found
