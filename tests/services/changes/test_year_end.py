"""Year-end: the preview, promotion of every class, graduation of the final grades, one
transaction, and a second run for the same school year that changes nothing."""

from __future__ import annotations

import datetime as dt

from desktop.services.changes.year_end import plan_year_end, run_year_end
from desktop.services.safekeeping.integrity import check_database
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search
from desktop.services.students.school import list_classes
from tests.factories import valid_row

JULY = dt.date(2027, 7, 10)


def _seed(ws) -> None:
    add_students(ws, [
        valid_row(name="王一", seq=11, birth=dt.date(2020, 3, 1), class_name="一年级(1)班"),
        valid_row(name="王五", seq=13, birth=dt.date(2016, 3, 1), class_name="五年级(1)班"),
        valid_row(name="王六", seq=15, birth=dt.date(2015, 3, 1), class_name="六年级(1)班"),
        valid_row(name="李六", seq=12, birth=dt.date(2015, 4, 1), class_name="六年级(1)班"),
    ], today=dt.date(2026, 11, 26))


def test_preview_changes_nothing(ws):
    _seed(ws)
    plan = plan_year_end(ws, JULY)
    assert plan.school_year == 2026 and not plan.already_done
    assert ("五年级(1)班", "六年级(1)班", 1) in plan.promotions
    assert ("六年级(1)班", 2) in plan.graduations
    assert {c.name for c in list_classes(ws)} == {"一年级(1)班", "五年级(1)班", "六年级(1)班"}


def test_year_end_promotes_and_graduates(ws):
    _seed(ws)
    run_year_end(ws, JULY)
    names = {c.name: c.grade_name for c in list_classes(ws)}
    assert names["二年级(1)班"] == "二年级"
    assert names["六年级(1)班"] == "六年级"
    assert "2027届六年级(1)班" in names
    graduated = search(ws, StudentQuery(status="GRADUATED")).rows
    assert sorted(r.name for r in graduated) == ["李六", "王六"]
    assert search(ws, StudentQuery(text="王五")).rows[0].class_name == "六年级(1)班"
    assert check_database(ws).ok


def test_second_run_changes_nothing(ws):
    _seed(ws)
    run_year_end(ws, JULY)
    before = sorted((c.name, c.grade_name) for c in list_classes(ws))
    again = run_year_end(ws, dt.date(2027, 8, 1))
    assert again.already_done
    assert sorted((c.name, c.grade_name) for c in list_classes(ws)) == before
    assert search(ws, StudentQuery(status="GRADUATED")).total == 2


def test_new_first_grade_after_year_end_is_a_new_cohort(ws):
    _seed(ws)
    run_year_end(ws, JULY)
    add_students(ws, [valid_row(name="新一", seq=17, birth=dt.date(2021, 3, 1),
                                class_name="一年级(1)班")], today=JULY)
    grades = {c.name: c.grade_name for c in list_classes(ws)}
    assert grades["一年级(1)班"] == "一年级"
    assert grades["二年级(1)班"] == "二年级"


def _statements_to_graduate(ws, pupils: int) -> int:
    """SQL statements the year-end runs when 六年级(1)班 has `pupils` pupils."""
    from sqlalchemy import event

    names = ["王" + "一二三四五六七八九十"[i % 10] + "甲乙丙丁戊己庚辛壬癸"[i // 10 % 10]
             for i in range(pupils)]  # letters only: a name holds no digits
    add_students(ws, [valid_row(name=names[i], seq=11 + 2 * i,
                                birth=dt.date(2015, 3, 1) + dt.timedelta(days=i),
                                class_name="六年级(1)班") for i in range(pupils)],
                 today=dt.date(2026, 11, 26))
    statements: list[str] = []

    def count(*args) -> None:  # type: ignore[no-untyped-def]
        statements.append(args[2])

    event.listen(ws.store.engine, "before_cursor_execute", count)
    try:
        run_year_end(ws, JULY)
    finally:
        event.remove(ws.store.engine, "before_cursor_execute", count)
    return len(statements)


def test_graduating_a_class_costs_the_same_statements_for_2_or_30_pupils(tmp_path, fast_kdf):
    """The last event of each pupil is read in one query for the class, not one per pupil
    (a query per pupil also made the session check every loaded pupil each time)."""
    from desktop.services.safekeeping.accounts import NewSchool, create_database

    def fresh(name: str):  # type: ignore[no-untyped-def]
        school = NewSchool(code="4406040001", name="测试县第一小学", stages="小学,初中")
        return create_database(tmp_path / name, school, "registrar", "correct-horse-7",
                               fast_kdf)[0]

    assert _statements_to_graduate(fresh("a.db"), 2) == _statements_to_graduate(fresh("b.db"), 30)


def test_pupils_are_read_by_class_alone_and_counted_in_one_query(ws):
    """A query on a class and a status at once may walk the status index (every pupil in
    school) for each class when SQLite has no statistics: at 50,000 pupils the year-end took
    minutes. Pupils are counted for every class in one query and read by class alone."""
    from sqlalchemy import event

    _seed(ws)
    add_students(ws, [valid_row(name="赵" + "一二三四五六七八"[i], seq=31 + 2 * i,
                                birth=dt.date(2018, 3, 1), class_name=f"三年级({i + 1})班")
                      for i in range(8)], today=dt.date(2026, 11, 26))
    statements: list[str] = []

    def keep(*args) -> None:  # type: ignore[no-untyped-def]
        statements.append(" ".join(args[2].split()))

    event.listen(ws.store.engine, "before_cursor_execute", keep)
    try:
        run_year_end(ws, JULY)
    finally:
        event.remove(ws.store.engine, "before_cursor_execute", keep)
    on_student = [s for s in statements if s.startswith("SELECT") and "FROM student" in s]
    assert not [s for s in on_student if "student.class_id =" in s and "student.status =" in s]
    assert len([s for s in on_student if "count(" in s]) == 1
