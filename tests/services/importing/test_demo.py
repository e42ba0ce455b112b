"""Demo data (services.importing.demo, services.importing.demo_load): deterministic rows that all pass
validation, about 1% names with a character outside the BMP, some pupils without a resident
ID, and a loaded demo school that passes the database check."""

from __future__ import annotations

import datetime as dt
from functools import cache

from desktop.domain.grades import SchoolSystem
from desktop.domain.record import read_record
from desktop.services.context import Workspace
from desktop.services.importing.demo import demo_rows
from desktop.services.importing.demo_load import load_demo
from desktop.services.safekeeping.integrity import check_database
from desktop.services.students.read import StudentQuery, search
from tests.dbutil import count
from tests.factories import SCHOOL_CODE

SYSTEM = SchoolSystem.parse("6-3-3", "小学,初中")
TODAY = dt.date(2026, 11, 26)


@cache
def two_thousand() -> tuple[dict, ...]:
    return tuple(demo_rows(SYSTEM, SCHOOL_CODE, 2000, 7, TODAY))


def test_same_seed_and_date_give_the_same_rows() -> None:
    first = list(demo_rows(SYSTEM, SCHOOL_CODE, 200, 7, TODAY))
    assert list(demo_rows(SYSTEM, SCHOOL_CODE, 200, 7, TODAY)) == first
    assert list(demo_rows(SYSTEM, SCHOOL_CODE, 200, 8, TODAY)) != first


def test_count_is_exact() -> None:
    assert len(two_thousand()) == 2000
    assert len(list(demo_rows(SYSTEM, SCHOOL_CODE, 1, 7, TODAY))) == 1


def test_every_row_passes_validation() -> None:
    blocking = {i: r.blocking for i, r in enumerate(map(read_record, two_thousand()))
                if r.blocking}
    assert blocking == {}


def test_id_numbers_are_unique() -> None:
    numbers = [r["身份证件号"] for r in two_thousand()]
    assert len(set(numbers)) == len(numbers)


def test_about_one_percent_have_a_rare_character() -> None:
    rare = [r["姓名"] for r in two_thousand() if any(ord(c) > 0xFFFF for c in r["姓名"])]
    assert 0.002 * 2000 <= len(rare) <= 0.03 * 2000, rare


def test_some_pupils_have_no_resident_id() -> None:
    others = [r for r in two_thousand() if r["身份证件类型"] != "居民身份证"]
    assert 1 <= len(others) <= 60
    assert {r["身份证件类型"] for r in others} <= {"护照", "香港特区护照/身份证明"}


def test_rows_cover_every_grade_of_the_school() -> None:
    grades = {r["班级"].split("(")[0] for r in two_thousand()}
    assert grades == {"一年级", "二年级", "三年级", "四年级", "五年级", "六年级",
                      "初一", "初二", "初三"}


def test_loaded_demo_passes_the_check(ws: Workspace) -> None:
    assert load_demo(ws, 300, 2026, TODAY) == 300
    assert count(ws, "student") == 300
    assert count(ws, "outbox") == 300
    assert search(ws, StudentQuery(), limit=1).total == 300
    report = check_database(ws)
    assert report.ok, report
