"""Dates as registrars type them: 2020-03-12, 20200312, 2020/3/12, 2020.3.12, 2020年3月12日
(full-width digits too), and year-months likewise (2025-09, 202509, 2025/9, 2025.9, 2025年9月).
Each gives the template's text (YYYYMMDD, YYYYMM) or None when the text is not in one of
these forms; whether the date is real and in range is for `values.parse_date` to say.

Also where a date picker should open: the birth date in the ID number, or the birth year
typical of a grade (a child starts 小学 in the September after turning 6)."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

_SEPARATED = re.compile(r"(\d{4})[-/.年](\d{1,2})(?:[-/.月](\d{1,2})日?)?月?")
ENTRY_AGE = {"小学": 6, "初中": 12, "高中": 15}


def _fold(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def typed_date(text: str) -> str | None:
    """'2020/3/12' -> '20200312'; None if `text` is not a date in a registrar's form."""
    value = _fold(text)
    if re.fullmatch(r"\d{8}", value):
        return value
    match = _SEPARATED.fullmatch(value)
    if match is None or match.group(3) is None:
        return None
    year, month, day = match.groups()
    return f"{year}{int(month):02d}{int(day):02d}"


def typed_month(text: str) -> str | None:
    """'2025/9' -> '202509'; None if `text` is not a year and month in a registrar's form."""
    value = _fold(text)
    if re.fullmatch(r"\d{6}", value):
        return value
    match = _SEPARATED.fullmatch(value)
    if match is None or match.group(3) is not None:
        return None
    return f"{match.group(1)}{int(match.group(2)):02d}"


def as_date(template: str) -> dt.date | None:
    """YYYYMMDD or YYYYMM (the 1st of the month) as a date, or None if it is not one."""
    try:
        if re.fullmatch(r"\d{8}", template):
            return dt.date(int(template[:4]), int(template[4:6]), int(template[6:]))
        if re.fullmatch(r"\d{6}", template):
            return dt.date(int(template[:4]), int(template[4:]), 1)
    except ValueError:
        return None
    return None


def typical_birth_date(stage: str, level: int, school_year: int) -> dt.date:
    """Where a birth-date picker should open for a pupil of grade `level` of `stage` in the
    school year beginning in September of `school_year`: 1 March of the usual birth year."""
    entry_year = school_year - (level - 1)
    return dt.date(entry_year - ENTRY_AGE.get(stage, 6), 3, 1)
