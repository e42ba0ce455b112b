"""缓学 register: one school year, no 学籍 meanwhile, re-application, enrolment, its to-do."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.errors import DomainError
from desktop.services.changes.deferral import (
    DeferralInput,
    active_deferrals,
    mark_enrolled,
    reapply,
    register_deferral,
)
from desktop.services.changes.tasks import list_tasks, overdue_count
from desktop.services.errors import ServiceError
from desktop.services.students.read import StudentQuery, search
from tests.factories import resident_id

BIRTH = dt.date(2020, 5, 1)


def _input(**kw) -> DeferralInput:
    values = {"name": "刘小宝", "birth_date": BIRTH, "guardian": "刘大宝", "reason": "先天性心脏病术后",
              "certificate": "县人民医院诊断证明", "start": dt.date(2026, 9, 1),
              "id_number": resident_id("440604", BIRTH, 31)}
    return DeferralInput(**{**values, **kw})


def test_a_deferral_lasts_one_school_year_and_registers_no_student(ws):
    entry = register_deferral(ws, _input())
    assert (entry.start, entry.until, entry.state) == (dt.date(2026, 9, 1), dt.date(2027, 8, 31),
                                                      "缓学中")
    assert search(ws, StudentQuery()).total == 0
    [task] = list_tasks(ws, today=dt.date(2027, 9, 2))
    assert (task.name, task.due, task.overdue) == ("刘小宝", dt.date(2027, 8, 31), True)
    assert overdue_count(ws, today=dt.date(2027, 9, 1)) == 1
    assert overdue_count(ws, today=dt.date(2027, 8, 31)) == 0


def test_reapplying_starts_the_next_school_year(ws):
    first = register_deferral(ws, _input())
    second = reapply(ws, first.id, "市医院复查证明", "仍需治疗")
    assert (second.start, second.until) == (dt.date(2027, 9, 1), dt.date(2028, 8, 31))
    assert [d.id for d in active_deferrals(ws)] == [second.id]
    with pytest.raises(ServiceError):
        reapply(ws, first.id, "x", "y")


def test_enrolment_closes_the_entry(ws):
    entry = register_deferral(ws, _input())
    mark_enrolled(ws, entry.id)
    assert active_deferrals(ws) == []
    assert list_tasks(ws, today=dt.date(2027, 9, 2)) == []
    assert overdue_count(ws, today=dt.date(2027, 9, 2)) == 0


def test_wrong_id_number_or_missing_certificate_is_refused(ws):
    with pytest.raises(DomainError):
        register_deferral(ws, _input(id_number="440604202005010310"))
    with pytest.raises(ServiceError) as caught:
        register_deferral(ws, _input(certificate=" "))
    assert caught.value.code == "deferral.incomplete"
    assert active_deferrals(ws) == []
