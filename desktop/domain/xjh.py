"""学籍号 (national student number): G (ID based), J (no usable ID), L (temporary).

The central system assigns numbers; locally a number is provisional until it confirms it.
G = "G" + the 18-digit resident ID number. L = "L" + 6-digit school region code + birth
date + 4 digits. J = "J" + 6-digit region + birth date + 3-digit sequence + check digit.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from desktop.domain.errors import DomainError
from desktop.domain.idnumber import check_digit

_PATTERN = re.compile(r"[GJL]\d{17}[\dX]")


@dataclass(frozen=True)
class StudentNumber:
    """A 学籍号 and whether the central system has confirmed it."""

    value: str
    provisional: bool

    @property
    def kind(self) -> str:
        return self.value[0]


def parse(text: str) -> str:
    """Check the shape of a 学籍号 (and the check digit of G and J numbers)."""
    value = text.strip().upper()
    if not _PATTERN.fullmatch(value):
        raise DomainError("xjh.format")
    if value[0] in "GJ" and value[-1] != check_digit(value[1:18]):
        raise DomainError("xjh.checksum")
    return value


def g_number(resident_id: str) -> str:
    return "G" + resident_id


def l_number(region6: str, birth: dt.date, serial: int) -> str:
    return f"L{region6}{birth:%Y%m%d}{serial % 10000:04d}"


def j_number(region6: str, birth: dt.date, sequence: int) -> str:
    body = f"{region6}{birth:%Y%m%d}{sequence % 1000:03d}"
    return "J" + body + check_digit(body)


def provisional_for(id_type: str, id_number: str) -> StudentNumber | None:
    """The number a new record shows until the centre assigns one: G for a resident ID.

    Other pupils get their L or J number from the central system; until then they have none.
    """
    if id_type == "1" and id_number:
        return StudentNumber(g_number(id_number), provisional=True)
    return None
