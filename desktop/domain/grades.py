"""Grades and class names: 学制, school years, and reading the grade from a class name.

Class names as schools write them: 三年级(2)班, 三(2)班, 初一3班, 七年级(1)班, 高二(5)班,
2025级1班 (a cohort: the grade follows from the school year and the school's stages).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

from desktop.domain.errors import DomainError

PRIMARY, JUNIOR, SENIOR = "小学", "初中", "高中"
STAGES = (PRIMARY, JUNIOR, SENIOR)
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}
_DIGITS.update({"十": 10})


@dataclass(frozen=True)
class GradeRef:
    stage: str
    level: int  # year within the stage, from 1

    def name(self) -> str:
        numeral = "零一二三四五六七八九"[self.level] if self.level < 10 else str(self.level)
        if self.stage == PRIMARY:
            return f"{numeral}年级"
        return ("初" if self.stage == JUNIOR else "高") + numeral


@dataclass(frozen=True)
class SchoolSystem:
    """学制: years of each stage (6-3-3 or 5-4-3) and the stages this school runs."""

    years: dict[str, int]
    stages: tuple[str, ...]

    @classmethod
    def parse(cls, system: str, stages: str) -> SchoolSystem:
        parts = [int(p) for p in system.split("-")]
        return cls(dict(zip(STAGES, parts, strict=True)), tuple(s for s in STAGES if s in stages))

    def grades(self) -> list[GradeRef]:
        """Every grade of the stages this school runs, youngest first."""
        return [GradeRef(stage, level) for stage in self.stages
                for level in range(1, self.years[stage] + 1)]

    def stage_of_year(self, school_year: int) -> GradeRef:
        """The grade of the n-th year of schooling (1 = 小学一年级)."""
        asked = school_year
        for stage in STAGES:
            if school_year <= self.years[stage]:
                return GradeRef(stage, school_year)
            school_year -= self.years[stage]
        raise DomainError("class.grade_unknown", value=f"{asked}年级")


def school_year_of(day: dt.date) -> int:
    """The calendar year in which the school year containing `day` began (1 September)."""
    return day.year if day.month >= 9 else day.year - 1


def school_year_end(day: dt.date, month: int, day_of_month: int) -> dt.date:
    """The day the school year containing `day` ends, the school ending its years on
    `month`-`day_of_month` (e.g. 7-1): always in the calendar year after the year began."""
    return dt.date(school_year_of(day) + 1, month, day_of_month)


def year_end_in_season(day: dt.date, month: int, day_of_month: int) -> bool:
    """True from the school year's last day until the next one begins (1 September)."""
    return day >= school_year_end(day, month, day_of_month)


def parse_month_day(text: str, default: tuple[int, int] = (7, 1)) -> tuple[int, int]:
    """'07-01' -> (7, 1); anything that is not a real month and day gives `default`."""
    try:
        month, day_of_month = (int(part) for part in text.split("-"))
        dt.date(2001, month, day_of_month)  # 2001: not a leap year, so never 2-29
    except ValueError:
        return default
    if not 6 <= month <= 8:  # a school year ends in summer
        return default
    return month, day_of_month


def _number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text.startswith("十"):
        return 10 + (_DIGITS[text[1]] if len(text) > 1 else 0)
    return _DIGITS[text]


_NUM = r"(\d{1,2}|[一二三四五六七八九]|十[一二三四五六七八九]?)"
_PATTERNS = (
    (re.compile(rf"^{_NUM}年级"), "year"),
    (re.compile(r"^初([一二三四1-4])"), JUNIOR),
    (re.compile(r"^高([一二三1-3])"), SENIOR),
    (re.compile(rf"^{_NUM}(?=[(（]|班|\d)"), "year"),
)


def parse_class_name(name: str, system: SchoolSystem, today: dt.date) -> tuple[GradeRef, int]:
    """(grade, class number) for a class name; DomainError if the grade cannot be read."""
    text = unicodedata.normalize("NFKC", name).replace(" ", "")
    number = _class_number(text)
    if cohort := re.match(r"^(\d{4})级", text):
        return _cohort_grade(int(cohort.group(1)), system, today), number
    for pattern, kind in _PATTERNS:
        if match := pattern.match(text):
            level = _number(match.group(1))
            if kind != "year":
                return GradeRef(kind, level), number
            try:
                return system.stage_of_year(level), number
            except DomainError as error:
                raise DomainError("class.grade_unknown", value=name) from error
    raise DomainError("class.grade_unknown", value=name)


def class_number(name: str) -> int | None:
    """The class number a name ends with (三年级(2)班 -> 2), or None."""
    try:
        return _class_number(unicodedata.normalize("NFKC", name).replace(" ", ""))
    except DomainError:
        return None


def _class_number(text: str) -> int:
    match = re.search(r"[(（]?(\d{1,2}|[一二三四五六七八九十]+)[)）]?班$", text)
    if not match:
        match = re.search(r"(\d{1,2})[)）]?$", text)
    if not match:
        raise DomainError("class.number_unknown", value=text)
    return _number(match.group(1))


def _cohort_grade(entry_year: int, system: SchoolSystem, today: dt.date) -> GradeRef:
    level = school_year_of(today) - entry_year + 1
    if len(system.stages) != 1 or not 1 <= level <= system.years[system.stages[0]]:
        raise DomainError("class.cohort_ambiguous", year=entry_year)
    return GradeRef(system.stages[0], level)
