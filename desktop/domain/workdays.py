"""Chinese working days: public holidays and make-up workdays (调休).

The calendar comes from the maintained `chinese-calendar` package, overridden and extended by
resources/calendar/workdays.csv (a new year's schedule can be added there without a new
release). For a year neither knows, Monday to Friday count as working days and the result
is marked as estimated. Deadlines never count the day of the event itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import chinese_calendar

from desktop.domain.data import read_rows


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    estimated: bool  # some day in between had no published holiday schedule


# Holidays on fixed dates (元旦, 劳动节, 国庆 1-3 October); the lunar ones and the 调休 of a
# year come only with its published schedule.
_FIXED_HOLIDAYS = {(1, 1), (5, 1), (10, 1), (10, 2), (10, 3)}


@cache
def _overrides() -> dict[dt.date, bool]:
    return {dt.date.fromisoformat(row["date"]): row["kind"] == "workday"
            for row in read_rows("calendar/workdays.csv") if row.get("date")}


@cache
def _override_years() -> frozenset[int]:
    return frozenset(day.year for day in _overrides())


def is_workday(day: dt.date) -> tuple[bool, bool]:
    """(is a working day, estimated) for one date."""
    overrides = _overrides()
    if day in overrides:
        return overrides[day], False
    try:
        return chinese_calendar.is_workday(day), False
    except NotImplementedError:
        estimated = day.year not in _override_years()
        fixed_holiday = (day.month, day.day) in _FIXED_HOLIDAYS
        return day.weekday() < 5 and not fixed_holiday, estimated


def add_workdays(start: dt.date, count: int) -> Deadline:
    """The date `count` working days after `start` (the start day itself is not counted)."""
    day, left, estimated = start, count, False
    while left > 0:
        day += dt.timedelta(days=1)
        working, guessed = is_workday(day)
        estimated = estimated or guessed
        if working:
            left -= 1
    return Deadline(day, estimated)


def add_months(start: dt.date, months: int) -> dt.date:
    """The same day `months` later (the last day of a shorter month if needed)."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    for day in (start.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue
    raise ValueError(start)


def one_year_after(start: dt.date) -> dt.date:
    """The last day of a period of at most one year that begins on `start`: the day before
    the corresponding date a year later, or, where that year has no such date (29 February),
    the last day of that month."""
    try:
        return start.replace(year=start.year + 1) - dt.timedelta(days=1)
    except ValueError:
        return dt.date(start.year + 1, start.month + 1, 1) - dt.timedelta(days=1)
