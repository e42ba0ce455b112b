"""Grades from class names (三年级(2)班, 初一3班, 高二(5)班, 2025级1班 …), school systems
6-3-3 and 5-4-3, refused names, and the school year's 1 September boundary."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.errors import DomainError
from desktop.domain.grades import (
    JUNIOR,
    PRIMARY,
    SENIOR,
    GradeRef,
    SchoolSystem,
    parse_class_name,
    parse_month_day,
    school_year_end,
    school_year_of,
    year_end_in_season,
)

TODAY = dt.date(2026, 11, 26)
ALL = SchoolSystem.parse("6-3-3", "小学,初中,高中")
JUNIOR_ONLY = SchoolSystem.parse("6-3-3", "初中")


@pytest.mark.parametrize(("name", "grade", "number"), [
    ("三年级(2)班", GradeRef(PRIMARY, 3), 2),
    ("三(2)班", GradeRef(PRIMARY, 3), 2),
    ("一年级（3）班", GradeRef(PRIMARY, 1), 3),
    ("六年级(二)班", GradeRef(PRIMARY, 6), 2),
    ("初一3班", GradeRef(JUNIOR, 1), 3),
    ("七年级(1)班", GradeRef(JUNIOR, 1), 1),
    ("九年级(12)班", GradeRef(JUNIOR, 3), 12),
    ("高二(5)班", GradeRef(SENIOR, 2), 5),
    ("十二年级(1)班", GradeRef(SENIOR, 3), 1),
    ("初 二 (4) 班", GradeRef(JUNIOR, 2), 4),
])
def test_class_names(name: str, grade: GradeRef, number: int) -> None:
    assert parse_class_name(name, ALL, TODAY) == (grade, number)


def test_five_four_three_system_puts_sixth_year_in_junior() -> None:
    system = SchoolSystem.parse("5-4-3", "小学,初中")
    assert parse_class_name("六年级(1)班", system, TODAY) == (GradeRef(JUNIOR, 1), 1)
    assert parse_class_name("五年级(1)班", system, TODAY) == (GradeRef(PRIMARY, 5), 1)


def test_cohort_in_a_single_stage_school() -> None:
    assert parse_class_name("2025级1班", JUNIOR_ONLY, TODAY) == (GradeRef(JUNIOR, 2), 1)
    assert parse_class_name("2026级3班", JUNIOR_ONLY, TODAY) == (GradeRef(JUNIOR, 1), 3)


def test_cohort_grade_follows_the_school_year() -> None:
    before_september = dt.date(2026, 8, 31)
    assert parse_class_name("2025级1班", JUNIOR_ONLY, before_september)[0] == GradeRef(JUNIOR, 1)


def refusal(name: str, system: SchoolSystem) -> DomainError:
    with pytest.raises(DomainError) as caught:
        parse_class_name(name, system, TODAY)
    return caught.value


def test_cohort_in_a_school_of_several_stages_is_ambiguous() -> None:
    error = refusal("2025级1班", ALL)
    assert error.code == "class.cohort_ambiguous"
    assert error.params["year"] == 2025


def test_cohort_that_already_left_is_refused() -> None:
    assert refusal("2020级1班", JUNIOR_ONLY).code == "class.cohort_ambiguous"


@pytest.mark.parametrize("name", ["三年级", "初一", "高二班级"])
def test_class_name_without_number_is_refused(name: str) -> None:
    assert refusal(name, ALL).code == "class.number_unknown"


@pytest.mark.parametrize("name", ["火箭(1)班", "实验1班"])
def test_class_name_without_grade_is_refused(name: str) -> None:
    error = refusal(name, ALL)
    assert error.code == "class.grade_unknown"
    assert error.params["value"] == name


def test_year_beyond_the_school_system_is_refused_with_its_name() -> None:
    error = refusal("十三年级(1)班", ALL)
    assert error.code == "class.grade_unknown"
    assert error.params.get("value") == "十三年级(1)班"


def test_grade_names() -> None:
    assert GradeRef(PRIMARY, 3).name() == "三年级"
    assert GradeRef(JUNIOR, 1).name() == "初一"
    assert GradeRef(SENIOR, 2).name() == "高二"


def test_school_year_starts_on_first_of_september() -> None:
    assert school_year_of(dt.date(2025, 8, 31)) == 2024
    assert school_year_of(dt.date(2025, 9, 1)) == 2025
    assert school_year_of(dt.date(2026, 1, 1)) == 2025
    assert school_year_of(dt.date(2025, 12, 31)) == 2025


def test_school_year_end_and_season() -> None:
    assert school_year_end(dt.date(2026, 12, 7), 7, 1) == dt.date(2027, 7, 1)
    assert school_year_end(dt.date(2027, 3, 1), 7, 15) == dt.date(2027, 7, 15)
    assert not year_end_in_season(dt.date(2026, 12, 7), 7, 1)
    assert not year_end_in_season(dt.date(2027, 6, 30), 7, 1)
    assert year_end_in_season(dt.date(2027, 7, 1), 7, 1)
    assert year_end_in_season(dt.date(2027, 8, 31), 7, 1)
    assert not year_end_in_season(dt.date(2027, 9, 1), 7, 1)  # a new year has begun
    assert parse_month_day("07-15") == (7, 15)
    assert parse_month_day("7-1") == (7, 1)
    for bad in ("", "13-01", "07-32", "02-29", "12-01", "x"):
        assert parse_month_day(bad) == (7, 1)
