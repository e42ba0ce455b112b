"""School statistics for reports and the 统计 tab: students on the register by grade and class
× sex and the flags the bureau asks about (留守, 随迁, 残疾, 随班就读, 寄宿), by ethnicity, by age
(周岁 on 31 August of the school year, the national statistics date), and 学籍变动 per month."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from desktop.domain.codes import table
from desktop.domain.grades import school_year_of
from desktop.domain.status import AT_SCHOOL, DECISION_EVENT, ENTRY_EVENT
from desktop.models.history import StatusChange
from desktop.models.school import Grade, SchoolClass
from desktop.models.student import Student
from desktop.services.context import Workspace

FLAGS = ("留守", "随迁", "残疾", "随班就读", "寄宿")
CLASS_COLUMNS = ("合计", "男", "女", *FLAGS)
SEX_COLUMNS = ("合计", "男", "女")
TITLES = ("分班级统计", "分民族统计", "分年龄统计（周岁，截至当学年8月31日）", "学籍变动（按月）")
_STAGE_ORDER = {"小学": 0, "初中": 1, "高中": 2}


@dataclass(frozen=True)
class CountTable:
    """A titled table of counts: one label and one count per column on each row."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[int, ...]], ...]

    def total(self, column: str) -> int:
        """The sum of a column over the detail rows (小计 and 合计 rows left out)."""
        index = self.columns.index(column)
        return sum(counts[index] for label, counts in self.rows if not label.endswith(("小计", "合计")))


@dataclass(frozen=True)
class _Pupil:
    stage: str
    level: int
    grade: str
    class_number: int
    class_name: str
    sex: str
    ethnicity: str
    birth: dt.date
    flags: frozenset[str]


def school_statistics(ws: Workspace, today: dt.date | None = None) -> list[CountTable]:
    """Every table of the statistics page, in display order."""
    day = today or dt.date.today()
    pupils = _pupils(ws)
    return [by_class(pupils), by_ethnicity(pupils), by_age(pupils, day), changes_per_month(ws, day)]


def _pupils(ws: Workspace) -> list[_Pupil]:
    columns = (Grade.stage, Grade.level, Grade.name, SchoolClass.number, SchoolClass.name,
               Student.sex, Student.ethnicity, Student.birth_date, Student.left_behind,
               Student.migrant_child, Student.disability, Student.regular_class, Student.attendance)
    with ws.store.reading() as session:
        rows = session.execute(select(*columns).join(Student.school_class).join(SchoolClass.grade)
                               .where(Student.status.in_(AT_SCHOOL))).all()
    return [_pupil(row) for row in rows]


def _pupil(row: Sequence[Any]) -> _Pupil:
    (stage, level, grade, number, class_name, sex, ethnicity, birth, left_behind, migrant,
     disability, regular_class, attendance) = row
    flags = {"留守": left_behind in ("1", "2"), "随迁": migrant == "1",
             "残疾": disability not in (None, "", "0"), "随班就读": regular_class not in (None, "", "0"),
             "寄宿": attendance == "2"}
    return _Pupil(stage, level, grade, number, class_name, table("xb").name_of(sex),
                  table("mz").name_of(ethnicity), birth,
                  frozenset(flag for flag, on in flags.items() if on))


def _counts(pupils: list[_Pupil], columns: tuple[str, ...]) -> tuple[int, ...]:
    def count(column: str) -> int:
        if column == "合计":
            return len(pupils)
        if column in ("男", "女"):
            return sum(p.sex == column for p in pupils)
        return sum(column in p.flags for p in pupils)

    return tuple(count(column) for column in columns)


def by_class(pupils: list[_Pupil]) -> CountTable:
    """Each class, a 小计 row after each grade, and the school total."""
    grades: dict[tuple[int, int, str], dict[tuple[int, str], list[_Pupil]]] = defaultdict(
        lambda: defaultdict(list))
    for p in pupils:
        grades[(_STAGE_ORDER.get(p.stage, 9), p.level, p.grade)][(p.class_number, p.class_name)].append(p)
    rows: list[tuple[str, tuple[int, ...]]] = []
    for (_stage, _level, grade), classes in sorted(grades.items()):
        for (_number, name), members in sorted(classes.items()):
            rows.append((name, _counts(members, CLASS_COLUMNS)))
        everyone = [p for members in classes.values() for p in members]
        rows.append((f"{grade}小计", _counts(everyone, CLASS_COLUMNS)))
    rows.append(("全校合计", _counts(pupils, CLASS_COLUMNS)))
    return CountTable(TITLES[0], CLASS_COLUMNS, tuple(rows))


def by_ethnicity(pupils: list[_Pupil]) -> CountTable:
    groups: dict[str, list[_Pupil]] = defaultdict(list)
    for p in pupils:
        groups[p.ethnicity or "未填"].append(p)
    ordered = sorted(groups.items(), key=lambda item: (-len(item[1]), item[0]))
    return CountTable(TITLES[1], SEX_COLUMNS,
                      tuple((name, _counts(members, SEX_COLUMNS)) for name, members in ordered))


def age_on_census(birth: dt.date, today: dt.date) -> int:
    """周岁 on 31 August of the school year that `today` falls in."""
    census = dt.date(school_year_of(today), 8, 31)
    return census.year - birth.year - ((census.month, census.day) < (birth.month, birth.day))


def by_age(pupils: list[_Pupil], today: dt.date) -> CountTable:
    groups: dict[int, list[_Pupil]] = defaultdict(list)
    for p in pupils:
        groups[age_on_census(p.birth, today)].append(p)
    return CountTable(TITLES[2], SEX_COLUMNS,
                      tuple((f"{age}岁", _counts(groups[age], SEX_COLUMNS)) for age in sorted(groups)))


def changes_per_month(ws: Workspace, today: dt.date, months: int = 12) -> CountTable:
    """学籍变动 of the last `months` months (by effective date), one column per kind of change."""
    first = _month_start(today, months - 1)
    with ws.store.reading() as session:
        events = session.execute(select(StatusChange.effective_date, StatusChange.change_type).where(
            StatusChange.change_type.not_in((ENTRY_EVENT, DECISION_EVENT)),
            StatusChange.effective_date >= first, StatusChange.effective_date <= today)).all()
    per_month: dict[str, Counter[str]] = {f"{_month_start(today, back):%Y-%m}": Counter()
                                          for back in reversed(range(months))}
    for day, kind in events:
        per_month[f"{day:%Y-%m}"][kind] += 1
    kinds = tuple(sorted({kind for counter in per_month.values() for kind in counter}))
    columns = ("合计", *kinds)
    rows = tuple((month, (sum(counter.values()), *(counter[k] for k in kinds)))
                 for month, counter in per_month.items())
    return CountTable(TITLES[3], columns, rows)


def _month_start(today: dt.date, back: int) -> dt.date:
    index = today.year * 12 + today.month - 1 - back
    return dt.date(index // 12, index % 12 + 1, 1)
