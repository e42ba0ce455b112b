"""Resident ID numbers (公民身份号码, GB 11643-1999) checked with python-stdnum.

Accepts 18-digit numbers (lower-case x, full-width digits and stray spaces normalised),
upgrades 15-digit numbers, and accepts the 81/82/83 prefixes of the residence permits of
Hong Kong, Macau and Taiwan residents, which follow the same structure.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from typing import NamedTuple

from stdnum.cn import ric

from desktop.domain.errors import DomainError
from desktop.domain.regions import is_known_province

_PERMIT_PREFIXES = ("81", "82", "83")
_DIGITS_15 = re.compile(r"\d{15}")
_DIGITS_18 = re.compile(r"\d{17}[\dX]")


class ResidentId(NamedTuple):
    """A checked resident ID number and what it says about its holder (a named tuple: a
    register reads three of them per pupil)."""

    number: str
    birth_date: dt.date
    sex: str  # "1" 男, "2" 女 (GB/T 2261.1)
    upgraded_from_15: bool = False

    @property
    def is_residence_permit(self) -> bool:
        return self.number[:2] in _PERMIT_PREFIXES


def normalise(text: str) -> str:
    """Full-width to half-width, spaces removed, `x` upper-cased."""
    if text.isascii() and text.isalnum():  # the common case: nothing to fold or remove
        return text.upper()
    folded = unicodedata.normalize("NFKC", text)
    return "".join(folded.split()).upper()


def upgrade_15(number: str) -> str:
    """The 18-digit form of a 15-digit number: '19' before the year, check digit after."""
    body = number[:6] + "19" + number[6:]
    return body + ric.calc_check_digit(body + "0")


def parse_resident_id(text: str, today: dt.date | None = None) -> ResidentId:
    """Check a resident ID number; raise DomainError with the reason when it is wrong."""
    number = normalise(text)
    upgraded = False
    if not _plain_18(number):  # the common case needs neither pattern
        if _DIGITS_15.fullmatch(number):
            number, upgraded = upgrade_15(number), True
        if not _DIGITS_18.fullmatch(number):
            raise DomainError("id.format", length=len(number))
    birth = _birth_date(number, today or _today())
    if number[-1] != ric.calc_check_digit(number):
        raise DomainError("id.checksum")
    if not (number.startswith(_PERMIT_PREFIXES) or is_known_province(number[:2])):
        raise DomainError("id.region", region=number[:6])
    return ResidentId(number, birth, "1" if int(number[16]) % 2 else "2", upgraded)  # odd: 男


def _today() -> dt.date:
    """The local date, asked of the system once a second (a register checks three ID
    numbers a pupil)."""
    second = int(time.time())
    made, value = _TODAY[0]
    if made != second:
        value = dt.date.today()
        _TODAY[0] = (second, value)
    return value


_TODAY = [(0, dt.date(1970, 1, 1))]  # [(POSIX second, the local date then)], swapped whole


def _plain_18(number: str) -> bool:
    """17 ASCII digits and a digit or X: what _DIGITS_18 matches, without the pattern."""
    return (len(number) == 18 and number.isascii() and number[:17].isdigit()
            and number[17] in _LAST_CHARS)


_LAST_CHARS = frozenset("0123456789X")


def _birth_date(number: str, today: dt.date) -> dt.date:
    """The date in positions 7–14 (as stdnum's get_birth_date reads it, without its generic
    clean-up: `number` is already 18 checked characters)."""
    digits = number[6:14]
    birth = _DATES.get(digits)
    if birth is None:
        try:
            birth = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
        except ValueError as exc:  # an impossible date such as 20150230
            raise DomainError("id.birth_date", value=digits) from exc
        if len(_DATES) < 100_000:  # a register's birth dates are a few thousand days
            _DATES[digits] = birth
    if birth > today or birth.year < 1900:
        raise DomainError("id.birth_date", value=digits)
    return birth


_DATES: dict[str, dt.date] = {}  # YYYYMMDD -> the date, for the dates that exist


def check_digit(first17: str) -> str:
    """The MOD 11-2 check character for 17 digits (also used for J 学籍号)."""
    return ric.calc_check_digit(first17 + "0")


def mask(number: str) -> str:
    """110105********002X: region code and last four shown, the rest hidden."""
    if len(number) <= 10:
        return number[:2] + "*" * max(len(number) - 2, 0)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
