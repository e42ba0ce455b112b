"""Deterministic demo data: realistic students in the national template's shape.

Valid ID numbers with real county codes and birth dates that fit the grade, names drawn
from common surnames (about 1% with a rare character outside the BMP), two guardians each,
a few pupils from Hong Kong and abroad. The same seed and school year give the same data.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Iterator
from functools import cache
from typing import Any

from desktop.domain.data import read_rows
from desktop.domain.grades import SchoolSystem, school_year_of
from desktop.domain.idnumber import check_digit
from desktop.domain.regions import current_counties

CLASS_SIZE = 45
_ETHNIC = ["汉族"] * 46 + ["壮族", "回族", "满族", "苗族"]
_TOWNS = ("红星", "光明", "新华", "永安", "太平", "长乐", "和平", "兴隆")
_FOREIGN = [("KOR", "韩国"), ("USA", "美国"), ("JPN", "日本"), ("VNM", "越南")]


@cache
def _name_data() -> tuple[list[str], list[int], dict[str, list[str]], list[str]]:
    surnames = read_rows("demo/surnames.csv")
    given: dict[str, list[str]] = {"m": [], "f": [], "u": []}
    for row in read_rows("demo/given_chars.csv"):
        given[row["sex"]].append(row["char"])
    rare = [row["char"] for row in read_rows("demo/rare_chars.csv")]
    return [r["surname"] for r in surnames], [int(r["weight"]) for r in surnames], given, rare


class DemoPeople:
    """Random but reproducible people: names, ID numbers, phones."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used_ids: set[str] = set()
        counties = current_counties()
        self.home = self.rng.choice(counties)
        self.counties = counties

    def surname(self) -> str:
        names, weights, _given, _rare = _name_data()
        return self.rng.choices(names, weights)[0]

    def given(self, sex: str) -> str:
        _names, _weights, given, rare = _name_data()
        pool = given["m" if sex == "1" else "f"] + given["u"]
        chars = [self.rng.choice(pool) for _ in range(self.rng.choice((1, 2, 2)))]
        if self.rng.random() < 0.01:
            chars[-1] = self.rng.choice(rare)
        return "".join(chars)

    def county(self) -> tuple[str, str]:
        return self.home if self.rng.random() < 0.7 else self.rng.choice(self.counties)

    def resident_id(self, region: str, birth: dt.date, sex: str) -> str:
        while True:
            seq = self.rng.randrange(0, 500) * 2 + (1 if sex == "1" else 0)
            body = f"{region}{birth:%Y%m%d}{seq:03d}"
            number = body + check_digit(body)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def phone(self) -> str:
        return "1" + self.rng.choice("3456789") + "".join(self.rng.choices("0123456789", k=9))

    def birth_in(self, year: int) -> dt.date:
        return dt.date(year, 1, 1) + dt.timedelta(days=self.rng.randrange(365))


def class_plan(system: SchoolSystem, count: int) -> list[tuple[str, int]]:
    """(class name, years of schooling) for `count` pupils spread evenly over the grades."""
    grades: list[tuple[str, int, str]] = []
    offset = 0
    for stage in ("小学", "初中", "高中"):
        for level in range(1, system.years[stage] + 1):
            if stage in system.stages:
                grades.append((stage, level, _grade_name(stage, level)))
        offset += system.years[stage]
    per_grade = max(1, -(-count // len(grades)))
    plan: list[tuple[str, int]] = []
    for index, (stage, level, name) in enumerate(grades):
        size = min(per_grade, count - len(plan))
        years = _years_before(system, stage) + level
        for n in range(size):
            plan.append((f"{name}({n // CLASS_SIZE + 1})班", years))
        if len(plan) >= count or index == len(grades) - 1:
            break
    return plan


def _years_before(system: SchoolSystem, stage: str) -> int:
    order = ("小学", "初中", "高中")
    return sum(system.years[s] for s in order[: order.index(stage)])


def _grade_name(stage: str, level: int) -> str:
    numeral = "一二三四五六七八九"[level - 1]
    return f"{numeral}年级" if stage == "小学" else ("初" if stage == "初中" else "高") + numeral


def demo_rows(system: SchoolSystem, school_code: str, count: int, seed: int,
              today: dt.date) -> Iterator[dict[str, Any]]:
    """`count` template-shaped student rows for a school with `system`."""
    people = DemoPeople(seed)
    year = school_year_of(today)
    for class_name, years in class_plan(system, count):
        yield _student(people, school_code, class_name, years, year)


def demo_county(system: SchoolSystem, school_codes: list[str], count: int, seed: int,
                today: dt.date) -> Iterator[tuple[str, dict[str, Any]]]:
    """(school code, row): `count` pupils for each school, drawn from one population so that
    no ID number repeats across the schools (a county's or a prefecture's registry)."""
    people = DemoPeople(seed)
    year = school_year_of(today)
    for school_code in school_codes:
        for class_name, years in class_plan(system, count):
            yield school_code, _student(people, school_code, class_name, years, year)


def _student(people: DemoPeople, school_code: str, class_name: str, years: int,
             year: int) -> dict[str, Any]:
    rng = people.rng
    sex = rng.choice("12")
    surname = people.surname()
    region, place = people.county()
    birth = people.birth_in(year - 6 - years + 1 - (1 if rng.random() < 0.3 else 0))
    kind = rng.random()
    row = _base_row(people, school_code, class_name, sex, surname, region, place, birth)
    row["入学年月"] = f"{year - _stage_year(years) + 1}09"
    row["入学方式"] = "统一招生考试/普通入学" if years > 9 else "就近入学"
    if kind < 0.005:
        _make_hong_kong(row, rng)
    elif kind < 0.008:
        _make_foreign(row, rng)
    else:
        row["身份证件号"] = people.resident_id(region, birth, sex)
    _add_family(row, people, surname, region, birth, foreign=kind < 0.008)
    return row


def _stage_year(years: int) -> int:
    return years if years <= 6 else years - 6 if years <= 9 else years - 9


def _base_row(people: DemoPeople, school_code: str, class_name: str, sex: str, surname: str,
              region: str, place: str, birth: dt.date) -> dict[str, Any]:
    rng = people.rng
    village = rng.choice("东南西北") + rng.choice("山河塘岭坪") + "村"
    house = f"{rng.randrange(1, 12)}组{rng.randrange(1, 99)}号"
    address = f"{place}{rng.choice(_TOWNS)}镇{village}{house}"
    return {
        "学校标识码": school_code, "姓名": surname + people.given(sex),
        "性别": "男" if sex == "1" else "女", "出生日期": f"{birth:%Y%m%d}",
        "出生地": region + "000000", "籍贯": place, "民族": rng.choice(_ETHNIC),
        "国籍/地区": "中国", "身份证件类型": "居民身份证", "港澳台侨外": "否",
        "健康状况": "健康或良好", "政治面貌": "群众",
        "户口性质": rng.choice(("农业户口", "农业户口", "非农业户口")),
        "户口所在地": region + "000000", "班级": class_name,
        "就读方式": rng.choices(("走读", "住校"), (3, 1))[0],
        "现住址": address, "通信地址": address, "家庭地址": address, "联系电话": people.phone(),
        "邮政编码": f"{rng.randrange(100000, 860000):06d}",
        "是否独生子女": rng.choice(("是", "否", "否")), "是否受过学前教育": "是",
        "是否留守儿童": rng.choices(("非留守儿童", "单亲留守儿童", "双亲留守儿童"), (85, 10, 5))[0],
        "是否需要申请资助": "否", "是否享受一补": "否", "是否孤儿": "否",
        "是否烈士或优抚子女": "否", "是否进城务工人员随迁子女": rng.choice(("否",) * 9 + ("是",)),
        "上下学距离（公里）": f"{rng.randrange(2, 80) / 10}", "上下学交通方式": "步行",
        "是否需要乘坐校车": "否", "随班就读": "非随班就读", "残疾类型": "无残疾",
    }


def _make_hong_kong(row: dict[str, Any], rng: random.Random) -> None:
    row.update({"国籍/地区": "中国香港", "身份证件类型": "香港特区护照/身份证明",
                "港澳台侨外": "香港同胞", "身份证件号": f"H{rng.randrange(10**7, 10**8)}"})


def _make_foreign(row: dict[str, Any], rng: random.Random) -> None:
    code, _name = rng.choice(_FOREIGN)
    row.update({"国籍/地区": code, "身份证件类型": "护照", "港澳台侨外": "外国人",
                "民族": "其他", "身份证件号": f"E{rng.randrange(10**7, 10**8)}"})


def _add_family(row: dict[str, Any], people: DemoPeople, surname: str, region: str,
                birth: dt.date, *, foreign: bool) -> None:
    rng = people.rng
    grandparents = row["是否留守儿童"] == "双亲留守儿童"
    members = [("1", surname + people.given("1"), "父亲", 28),
               ("2", people.surname() + people.given("2"), "母亲", 26)]
    if grandparents:
        members[1] = ("1", surname + people.given("1"), "祖父母或外祖父母", 52)
    for slot, (sex, name, relation, age) in enumerate(members, start=1):
        member_birth = people.birth_in(birth.year - age - rng.randrange(0, 8))
        prefix = f"成员{slot}"
        row.update({
            f"{prefix}姓名": name, f"{prefix}关系": relation, f"{prefix}现住址": row["现住址"],
            f"{prefix}户口所在地": row["户口所在地"], f"{prefix}联系电话": people.phone(),
            f"{prefix}是否监护人": "否" if grandparents and slot == 1 else "是",
            f"{prefix}民族": "汉族", f"{prefix}工作单位": rng.choice(("务农", "个体", "外出务工")),
        })
        if foreign:
            row[f"{prefix}身份证件类型"] = "护照"
            row[f"{prefix}身份证件号"] = f"E{rng.randrange(10**7, 10**8)}"
        else:
            row[f"{prefix}身份证件类型"] = "居民身份证"
            row[f"{prefix}身份证件号"] = people.resident_id(region, member_birth, sex)
