"""Administrative division codes (GB/T 2260, kept with abolished codes) and the 12-digit form.

The national template writes 出生地 and 户口所在地 as 12-digit codes (county code + township +
village); a 6-digit county code is padded with zeros.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from desktop.domain.data import read_rows
from desktop.domain.errors import DomainError


@cache
def _rows() -> tuple[dict[str, str], ...]:
    """The rows of the code list, read once for every view of it below."""
    return tuple(read_rows("regions/gb2260.csv"))


@cache
def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for row in _rows():
        names.setdefault(row["code"], row["name"])
    return names


@cache
def _provinces() -> frozenset[str]:
    return frozenset(code[:2] for code in _names())


def is_known_province(prefix: str) -> bool:
    return prefix in _provinces()


@lru_cache(maxsize=4096)
def parse_region12(text: str) -> str:
    """A 12-digit region code from a 6- or 12-digit input; the county part must exist."""
    if text.isascii() and text.isdigit() and len(text) in (6, 12):  # as the template writes it
        value = text.ljust(12, "0")
    else:
        value = _normalised_region(text)
    if value[:6] not in _names() and not value.startswith(("81", "82", "83")):
        raise DomainError("region.unknown", region=value[:6])
    return value


def _normalised_region(text: str) -> str:
    """The 12 digits of a code written with full-width digits, spaces or 6 digits."""
    value = "".join(unicodedata.normalize("NFKC", text).split())
    if re.fullmatch(r"\d{6}", value):
        value += "000000"
    if not re.fullmatch(r"\d{12}", value):
        raise DomainError("region.format")
    return value


@cache
def current_counties() -> tuple[tuple[str, str], ...]:
    """(code, province+prefecture name) of county-level codes in use today, for demo data."""
    return tuple(
        (row["code"], row["province"] + (row["prefecture"] or ""))
        for row in _rows()
        if not row["valid_to"] and not row["code"].endswith("00")
        and row["name"] not in ("市辖区", "县") and row["code"][:2] not in ("71", "81", "82", "83")
    )


@cache
def _current() -> dict[str, str]:
    return {row["code"]: row["name"] for row in _rows() if not row["valid_to"]}


def provinces() -> list[tuple[str, str]]:
    """(code, name) of current provincial-level divisions (XX0000)."""
    return sorted((c, n) for c, n in _current().items() if c.endswith("0000"))


def prefectures(province: str) -> list[tuple[str, str]]:
    """(code, name) of current prefecture-level divisions of a province (XXXX00)."""
    return sorted((c, n) for c, n in _current().items()
                  if c[:2] == province[:2] and c.endswith("00") and not c.endswith("0000"))


def counties(prefecture: str) -> list[tuple[str, str]]:
    """(code, name) of current county-level divisions of a prefecture (or a municipality)."""
    return sorted((c, n) for c, n in _current().items()
                  if c[:4] == prefecture[:4] and not c.endswith("00")
                  and n not in ("市辖区", "县"))


@cache
def _full_names() -> dict[str, str]:
    """County-level code -> 省+地+县 name (current names first, then historical ones)."""
    rows = sorted(_rows(), key=lambda row: bool(row["valid_to"]))
    names: dict[str, str] = {}
    for row in rows:
        prefecture = row["prefecture"] if row["prefecture"] not in ("市辖区", "县", "") else ""
        parts = [row["province"], prefecture, row["name"]]
        if row["code"].endswith("0000"):
            parts = [row["province"]]
        elif row["code"].endswith("00"):
            parts = [row["province"], row["name"]]
        names.setdefault(row["code"], "".join(dict.fromkeys(p for p in parts if p)))
    return names


def region_name(code: str) -> str:
    """A 6- or 12-digit region code as it reads on paper: 210922000000 -> 辽宁省阜新市彰武县.
    A code below county level keeps its digits after the name (the township table is not
    bundled); an unknown code is returned as it is."""
    digits = "".join(code.split())
    name = _full_names().get(digits[:6]) if re.fullmatch(r"\d{6}|\d{12}", digits) else None
    if name is None:
        return code
    return name if digits[6:].strip("0") == "" else f"{name}（{digits}）"
