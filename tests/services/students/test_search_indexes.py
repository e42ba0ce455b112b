"""The letter and number searches as a UNION of index ranges (schema v12): the same pupils in
the same order as the plain OR of the ranges, with the grade, class, status and flag filters,
page by page; each pupil once though both ranges match; and the plan walks the covering
indexes without reading a pupil's row."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import select

from desktop.models.school import SchoolClass
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search, search_statements
from desktop.services.students.school import list_classes
from tests.factories import valid_row

NAMES = ["张伟", "张小华", "赵志华", "周正", "郑中", "朱珠", "李丽", "刘磊", "林立", "陆路",
         "王伟", "汪文", "吴玮", "魏巍", "欧阳修", "张三丰", "庄周", "詹姆", "翟志", "章子"]
CLASSES = ["三年级(2)班", "四年级(1)班", "初一3班"]


@pytest.fixture
def seeded(ws: Workspace, today: dt.date) -> None:
    rows = [valid_row(name=name, seq=11 + i, birth=dt.date(2016, 1, 1) + dt.timedelta(days=9 * i),
                      class_name=CLASSES[i % 3])
            for i, name in enumerate(NAMES)]
    for i, row in enumerate(rows):
        if i % 4 == 0:
            row["是否留守儿童"] = "单亲留守儿童"
    add_students(ws, rows, today=today)


def matches(student: Student, grades: dict[str, str], query: StudentQuery) -> bool:
    """The search's rule, written out in Python: letters start the pinyin key or the
    initials; digits start the ID number or a G/L/J 学籍号; a G/L/J start the 学籍号."""
    text = query.text.strip()
    if text.isascii() and text.isalpha():
        hit = (student.name_key.startswith(text.lower())
               or student.name_initials.startswith(text.lower()))
    elif text[:1].isdigit():
        hit = ((student.id_number or "").startswith(text.upper())
               or any((student.xjh or "").startswith(p + text.upper()) for p in "GLJ"))
    else:
        hit = (student.xjh or "").startswith(text.upper())
    return (hit and (not query.class_id or student.class_id == query.class_id)
            and (not query.grade_id or grades[student.class_id] == query.grade_id)
            and (not query.status or student.status == query.status)
            and (not query.flags or student.left_behind in ("1", "2")))


def reference_ids(ws: Workspace, query: StudentQuery) -> list[str]:
    """Every match by the rule above, in (pinyin key, id) order."""
    with ws.store.reading() as session:
        grades = {c: g for c, g in session.execute(select(SchoolClass.id, SchoolClass.grade_id))}
        pupils = session.scalars(select(Student)).all()
        hits = [p for p in pupils if matches(p, grades, query)]
        return [p.id for p in sorted(hits, key=lambda p: (p.name_key, p.id))]


def queries(ws: Workspace) -> list[StudentQuery]:
    klass = list_classes(ws)[0]
    texts = ["z", "zh", "zhang", "zw", "l", "li", "w", "4", "44", "G4", "G", "X", "q"]
    out = [StudentQuery(text=t) for t in texts]
    out += [StudentQuery(text=t, class_id=klass.id) for t in ("z", "4")]
    out += [StudentQuery(text=t, grade_id=klass.grade_id) for t in ("zh", "l")]
    out += [StudentQuery(text=t, status="ACTIVE", flags=("留守",)) for t in ("z", "4", "w")]
    return out


def test_union_finds_what_the_or_finds_page_by_page(ws: Workspace, seeded: None) -> None:
    for query in queries(ws):
        expected = reference_ids(ws, query)
        assert expected or query.text in ("G", "X", "q"), query  # every filter is exercised
        whole = search(ws, query, limit=100)
        assert (whole.total, [r.id for r in whole.rows]) == (len(expected), expected), query
        pages = [search(ws, query, offset=start, limit=3) for start in range(0, len(expected), 3)]
        assert [r.id for page in pages for r in page.rows] == expected, query
        assert all(page.total == len(expected) for page in pages)


def test_a_pupil_matched_by_both_ranges_is_counted_once(ws: Workspace, seeded: None) -> None:
    page = search(ws, StudentQuery(text="z"), limit=100)  # 张伟: zhangwei and zw both match
    ids = [r.id for r in page.rows]
    assert len(ids) == len(set(ids)) == page.total
    assert "张伟" in {r.name for r in page.rows}


def plan(ws: Workspace, stmt: Any) -> list[str]:
    compiled = stmt.compile(compile_kwargs={"literal_binds": True})
    with ws.store.querying() as conn:
        return [row[-1] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]


@pytest.mark.parametrize(("text", "indexes"), [
    ("zh", {"ix_student_roster_order", "ix_student_initials_order"}),
    ("4406", {"ix_student_id_number_order", "ix_student_xjh_order"}),
    ("G44", {"ix_student_xjh_order"}),
])
def test_the_page_walks_covering_indexes(ws: Workspace, text: str, indexes: set[str]) -> None:
    _count, page = search_statements(StudentQuery(text=text), 0, 100)
    steps = [step for step in plan(ws, page) if step.startswith(("SEARCH student", "SCAN student"))]
    by_key = [step for step in steps if "(id=?)" not in step]  # the page's own rows, by id
    assert by_key, steps
    assert all("COVERING INDEX" in step for step in by_key), steps
    assert {step.split("COVERING INDEX ")[1].split()[0] for step in by_key} == indexes


@pytest.mark.parametrize("text", ["zh", "4406", "G44"])
def test_the_count_searches_index_ranges_only(ws: Workspace, text: str) -> None:
    """The count's OR is a union of row numbers from index ranges (a count reads no row)."""
    count, _page = search_statements(StudentQuery(text=text), 0, 100)
    steps = plan(ws, count)
    assert not any(step.startswith("SCAN") for step in steps), steps
    assert any("MULTI-INDEX OR" in step or "COVERING INDEX" in step for step in steps), steps


def test_the_old_indexes_are_gone_from_a_new_database(ws: Workspace) -> None:
    with ws.store.querying() as conn:
        names = {row[0] for row in conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'student'")}
    assert {"ix_student_initials_order", "ix_student_id_number_order",
            "ix_student_xjh_order"} <= names
    assert not names & {"ix_student_name_initials", "ix_student_xjh"}


@pytest.mark.parametrize("text", ["王", "小明", "欧阳"])
def test_a_name_part_walks_the_roster_index_in_order(ws: Workspace, text: str) -> None:
    """No sort of the matches: the page is the first matches met in the roster order."""
    _count, page = search_statements(StudentQuery(text=text), 0, 50)
    steps = plan(ws, page)
    assert "SCAN student USING COVERING INDEX ix_student_roster_order" in steps, steps
    ids_steps = steps[steps.index("SCAN student USING COVERING INDEX ix_student_roster_order"):]
    assert not any("TEMP B-TREE" in step for step in ids_steps[:2]), steps


@pytest.mark.parametrize("text", ["", "王", "zh"])
def test_a_status_filter_walks_the_status_index_in_roster_order(ws: Workspace, text: str) -> None:
    """Nearly every pupil is 在籍在读: the page of a status filter is the first pupils of that
    status in roster order, read from the index, not every such pupil sorted."""
    _count, page = search_statements(StudentQuery(text=text, status="ACTIVE"), 0, 50)
    steps = plan(ws, page)
    walks = [s for s in steps if "ix_student_status_order" in s]
    assert walks and all("COVERING INDEX" in s for s in walks), steps
