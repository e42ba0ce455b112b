"""Data-quality checks of the semester verification: clean data gives no finding; an age far
from the grade, a possible duplicate, an overdue suspension and an old L number are found."""

from __future__ import annotations

import datetime as dt

from desktop.domain.ids import new_id
from desktop.models.history import StudentNumberHistory
from desktop.models.student import Student
from desktop.services.changes.data_quality import quality_findings
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search
from tests.factories import valid_row

TODAY = dt.date(2026, 11, 26)


def test_clean_data_has_no_finding(ws):
    add_students(ws, [valid_row(name="王小明", seq=11, birth=dt.date(2017, 3, 5))])
    assert quality_findings(ws, TODAY) == []


def test_age_far_from_the_grade_is_found(ws):
    add_students(ws, [valid_row(name="王大龄", seq=11, birth=dt.date(2011, 3, 5),
                                class_name="一年级(1)班")])
    [finding] = quality_findings(ws, TODAY)
    assert (finding.name, finding.check) == ("王大龄", "年龄")
    assert "一年级" in finding.detail


def test_possible_duplicate_is_found(ws):
    add_students(ws, [valid_row(name="王小明", seq=11)])
    add_students(ws, [valid_row(name="王小明", seq=13, region="110105")])
    checks = [f.check for f in quality_findings(ws, TODAY)]
    assert checks == ["疑似重复"]


def test_overdue_suspension_is_found(ws):
    add_students(ws, [valid_row(name="王小明", seq=11)])
    apply_change(ws, ChangeRequest(student=search(ws, StudentQuery()).rows[0].id_number or "",
                                   change="休学", effective=dt.date(2026, 3, 2),
                                   until=dt.date(2026, 8, 31)))
    [finding] = quality_findings(ws, TODAY)
    assert finding.check == "休学逾期" and "2026-08-31" in finding.detail
    assert quality_findings(ws, dt.date(2026, 8, 31)) == []


def test_temporary_number_older_than_a_year_is_found(ws):
    add_students(ws, [valid_row(name="王小明", seq=11)])
    student = search(ws, StudentQuery()).rows[0]
    number = "L440604201703050001"
    with ws.store.writing() as session:  # as the centre's reply would record it
        session.add(StudentNumberHistory(id=new_id(), student_id=student.id, number=number,
                                         kind="L", provisional=False, source="central",
                                         recorded_at=dt.datetime(2025, 9, 1)))
        session.get(Student, student.id).xjh = number
    [finding] = quality_findings(ws, TODAY)
    assert finding.check == "临时学籍号" and number in finding.detail
    assert quality_findings(ws, dt.date(2026, 8, 1)) == []
