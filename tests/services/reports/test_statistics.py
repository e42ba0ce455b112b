"""Statistics on a real encrypted roster: class × sex and flags with grade subtotals, ethnicity,
age on the census date, changes per month; students who left are not counted."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.reports.statistics import (
    age_on_census,
    by_class,
    changes_per_month,
    school_statistics,
)
from desktop.services.students.add import add_students
from tests.gui.conftest import LEFT_BEHIND, SEED, seed_rows

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def school(ws):
    add_students(ws, seed_rows())
    return ws


def rows_of(table) -> dict[str, dict[str, int]]:
    return {label: dict(zip(table.columns, counts, strict=True)) for label, counts in table.rows}


def expected_sex(class_name: str) -> tuple[int, int]:
    seqs = [seq for _n, _b, seq, klass in SEED if klass == class_name]
    return sum(seq % 2 == 1 for seq in seqs), sum(seq % 2 == 0 for seq in seqs)


def test_class_rows_count_sex_and_flags(school) -> None:
    tables = school_statistics(school, TODAY)
    rows = rows_of(tables[0])
    for class_name in {klass for *_rest, klass in SEED}:
        boys, girls = expected_sex(class_name)
        assert (rows[class_name]["男"], rows[class_name]["女"]) == (boys, girls), class_name
        assert rows[class_name]["合计"] == boys + girls
    left_class = next(klass for name, _b, _s, klass in SEED if name == LEFT_BEHIND)
    assert rows[left_class]["留守"] == 1
    assert rows["三年级小计"]["合计"] == 10 and rows["三年级小计"]["留守"] == 1
    assert rows["全校合计"]["合计"] == len(SEED)
    assert tables[0].total("合计") == len(SEED)  # subtotals are not counted twice


def test_grades_in_school_order(school) -> None:
    labels = [label for label, _ in by_class_table(school).rows]
    assert labels.index("一年级小计") < labels.index("二年级(1)班") < labels.index("三年级(2)班")
    assert labels.index("三年级小计") < labels.index("初一(1)班")
    assert labels[-1] == "全校合计"


def by_class_table(ws):
    return school_statistics(ws, TODAY)[0]


def test_student_who_left_is_not_counted(school) -> None:
    first = seed_rows()[0]
    apply_change(school, ChangeRequest(student=first["身份证件号"], change="死亡",
                                       effective=dt.date(2026, 10, 9)))
    rows = rows_of(by_class_table(school))
    assert rows["全校合计"]["合计"] == len(SEED) - 1


def test_age_on_31_august_of_the_school_year() -> None:
    assert age_on_census(dt.date(2017, 8, 31), TODAY) == 9
    assert age_on_census(dt.date(2017, 9, 1), TODAY) == 8
    assert age_on_census(dt.date(2017, 9, 1), dt.date(2027, 3, 1)) == 8  # same school year


def test_age_table_sums_to_everyone(school) -> None:
    ages = school_statistics(school, TODAY)[2]
    assert ages.total("合计") == len(SEED)
    assert rows_of(ages)["9岁"]["合计"] == sum(
        age_on_census(birth, TODAY) == 9 for _n, birth, _s, _k in SEED)


def test_ethnicity_table(school) -> None:
    ethnic = rows_of(school_statistics(school, TODAY)[1])
    assert sum(row["合计"] for row in ethnic.values()) == len(SEED)
    assert "汉族" in ethnic


def test_changes_per_month(school) -> None:
    rows = seed_rows()
    apply_change(school, ChangeRequest(student=rows[1]["身份证件号"], change="休学",
                                       effective=dt.date(2026, 3, 2), until=dt.date(2026, 8, 31)))
    table = changes_per_month(school, TODAY)
    counted = rows_of(table)
    assert len(table.rows) == 12 and table.rows[-1][0] == "2026-11" and table.rows[0][0] == "2025-12"
    assert counted["2026-03"]["休学"] == 1 and counted["2026-03"]["合计"] == 1
    assert sum(row["合计"] for row in counted.values()) == 1  # 录入 is not a change


def test_empty_school(ws) -> None:
    assert rows_of(by_class([]))["全校合计"]["合计"] == 0
    assert school_statistics(ws, TODAY)[0].rows == (("全校合计", (0,) * 8),)
