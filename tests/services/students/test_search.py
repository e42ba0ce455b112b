"""Searching the roster (services.students.read.search): Chinese substring, pinyin prefix,
initials, ID number prefix, 学籍号; pinyin order and paging; template_rows output fed into a
fresh database reproduces the same rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.domain.fields import template_headers
from desktop.domain.names import pinyin_key
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, get_student, search, template_rows
from tests.conftest import PASSWORD
from tests.factories import SCHOOL_CODE, valid_row

NAMES = ["王小明", "李娜", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄敏", "周杰", "吴昊",
         "徐小静", "孙丽", "马超", "朱琳", "胡歌", "郭靖", "何炅", "高远", "林峰", "罗兰",
         "郑爽", "梁小龙", "谢娜", "宋佳", "唐嫣", "韩梅", "冯巩", "邓超", "单田芳", "欧阳修"]
CLASSES = ["三年级(2)班", "四年级(1)班", "初一3班"]


def seed_rows() -> list[dict[str, str]]:
    return [valid_row(name=name, seq=11 + i, birth=dt.date(2016, 1, 1) + dt.timedelta(days=7 * i),
                      class_name=CLASSES[i % 3])
            for i, name in enumerate(NAMES)]


@pytest.fixture
def seeded(ws: Workspace, today: dt.date) -> list[dict[str, str]]:
    rows = seed_rows()
    add_students(ws, rows, today=today)
    return rows


def found(ws: Workspace, text: str) -> list[str]:
    return [row.name for row in search(ws, StudentQuery(text=text)).rows]


def test_chinese_substring(ws: Workspace, seeded: list) -> None:
    assert found(ws, "小") == ["梁小龙", "王小明", "徐小静"]
    assert found(ws, "欧阳") == ["欧阳修"]
    assert found(ws, "娜") == ["李娜", "谢娜"]


def test_pinyin_prefix(ws: Workspace, seeded: list) -> None:
    assert found(ws, "wang") == ["王小明"]
    assert found(ws, "ZHANG") == ["张伟"]
    assert found(ws, "shan") == ["单田芳"]
    assert found(ws, "ouyang") == ["欧阳修"]


def test_initials(ws: Workspace, seeded: list) -> None:
    assert found(ws, "wxm") == ["王小明"]
    assert found(ws, "oyx") == ["欧阳修"]
    assert found(ws, "stf") == ["单田芳"]


def test_letters_match_pinyin_or_initials(ws: Workspace, seeded: list) -> None:
    expected = {"张伟", "赵磊", "周杰", "朱琳", "郑爽"}
    assert set(found(ws, "zh")) == expected


def test_id_number_prefix(ws: Workspace, seeded: list[dict[str, str]]) -> None:
    january = [r["姓名"] for r in seeded if r["出生日期"].startswith("201601")]
    assert len(january) == 5
    assert sorted(found(ws, "44060420160")) == sorted(
        r["姓名"] for r in seeded if r["身份证件号"].startswith("44060420160"))
    assert sorted(found(ws, "440604201601")) == sorted(january)


def test_full_id_number_with_lower_case_x(ws: Workspace, seeded: list[dict[str, str]]) -> None:
    with_x = [r for r in seeded if r["身份证件号"].endswith("X")]
    assert with_x, "the seed should contain an ID number ending in X"
    assert found(ws, with_x[0]["身份证件号"].lower()) == [with_x[0]["姓名"]]


def test_xjh_with_g_prefix(ws: Workspace, seeded: list[dict[str, str]]) -> None:
    target = seeded[7]
    assert found(ws, "G" + target["身份证件号"]) == [target["姓名"]]
    assert found(ws, "g" + target["身份证件号"][:16]) == [target["姓名"]]


def test_no_match(ws: Workspace, seeded: list) -> None:
    assert found(ws, "诸葛") == []
    assert found(ws, "L440604") == []
    assert found(ws, "xyzq") == []


@pytest.mark.parametrize("wildcard", ["%", "_", "\\"])
def test_like_wildcards_are_plain_characters(ws: Workspace, seeded: list, wildcard: str) -> None:
    assert found(ws, wildcard) == []


def test_results_are_ordered_by_pinyin(ws: Workspace, seeded: list) -> None:
    page = search(ws, StudentQuery(), limit=100)
    assert page.total == 30
    assert [r.name for r in page.rows] == sorted(NAMES, key=pinyin_key)


def test_paging(ws: Workspace, seeded: list) -> None:
    everyone = [r.id for r in search(ws, StudentQuery(), limit=100).rows]
    page = search(ws, StudentQuery(), offset=10, limit=7)
    assert (page.total, page.offset) == (30, 10)
    assert [r.id for r in page.rows] == everyone[10:17]
    last = search(ws, StudentQuery(), offset=28, limit=7)
    assert [r.id for r in last.rows] == everyone[28:]
    assert search(ws, StudentQuery(), offset=30, limit=7).rows == ()


def test_paging_of_a_filtered_search(ws: Workspace, seeded: list) -> None:
    page = search(ws, StudentQuery(text="z"), offset=1, limit=2)
    assert page.total == len(found(ws, "z"))
    assert [r.name for r in page.rows] == found(ws, "z")[1:3]


@pytest.mark.parametrize("text", ["", "z", "zh", "l", "小", "娜", "4", "G4", "欧阳"])
def test_every_page_is_the_matches_in_pinyin_order(ws: Workspace, seeded: list, text: str) -> None:
    """A page is read as ids first, then their rows: the pages of every kind of search put
    together are every match, each once, in (pinyin, id) order, with the roster columns."""
    query = StudentQuery(text=text)
    whole = search(ws, query, limit=100)
    assert whole.total == len(whole.rows)
    keys = {r.id: (pinyin_key(r.name), r.id) for r in whole.rows}
    assert [r.id for r in whole.rows] == sorted(keys, key=keys.__getitem__)
    pages = [search(ws, query, offset=start, limit=4) for start in range(0, whole.total, 4)]
    assert [row for page in pages for row in page.rows] == list(whole.rows)
    assert all(row.class_name and row.grade_name for row in whole.rows)


def test_roster_row_content(ws: Workspace, seeded: list[dict[str, str]]) -> None:
    [row] = search(ws, StudentQuery(text="wxm")).rows
    assert (row.name, row.sex, row.class_name, row.grade_name, row.status) == (
        "王小明", "男", "三年级(2)班", "三年级", "在籍在读")
    assert row.xjh == "G" + seeded[0]["身份证件号"]
    assert row.birth_date == dt.date(2016, 1, 1)


def class_id_of(ws: Workspace, student_id: str) -> str:
    with ws.store.reading() as session:
        student = session.get(Student, student_id)
        assert student is not None
        return student.class_id


def test_search_by_class(ws: Workspace, seeded: list) -> None:
    [first] = search(ws, StudentQuery(text="wxm")).rows
    in_class = search(ws, StudentQuery(class_id=class_id_of(ws, first.id)), limit=100)
    assert in_class.total == 10
    assert {r.class_name for r in in_class.rows} == {"三年级(2)班"}
    assert get_student(ws, first.id).values["class_name"] == "三年级(2)班"


def test_template_rows_have_every_header(ws: Workspace, seeded: list[dict[str, str]]) -> None:
    rows = list(template_rows(ws, StudentQuery()))
    assert len(rows) == 30
    assert list(rows[0]) == [*template_headers(), "学籍号", "学籍状态"]
    by_name = {r["姓名"]: r for r in rows}
    for given in seeded:
        out = by_name[given["姓名"]]
        assert {k: out[k] for k in given} == given


def test_template_rows_round_trip(ws: Workspace, seeded: list, tmp_path: Path,
                                 today: dt.date, fast_kdf) -> None:
    rows = list(template_rows(ws, StudentQuery()))
    school = NewSchool(code=SCHOOL_CODE, name="测试县第一小学", stages="小学,初中")
    fresh, _ = create_database(tmp_path / "fresh.db", school, "registrar", PASSWORD, fast_kdf)
    try:
        add_students(fresh, rows, today=today)
        assert list(template_rows(fresh, StudentQuery())) == rows
    finally:
        fresh.lock()


def test_template_rows_of_a_search(ws: Workspace, seeded: list) -> None:
    rows = list(template_rows(ws, StudentQuery(text="oyx")))
    assert [r["姓名"] for r in rows] == ["欧阳修"]
    assert rows[0]["学籍状态"] == "在籍在读"
