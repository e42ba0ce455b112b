"""学籍核查 marks and class summaries; the 控辍保学 ledger opened by 辍学登记, visits, 销号."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.services.changes.dropout_ledger import add_visit, ledger
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.changes.verification import Mark, class_summaries, record_mark, semester_round
from desktop.services.errors import ServiceError
from desktop.services.students.add import add_students
from tests.factories import valid_row

TODAY = dt.date(2026, 11, 26)


def _seed(ws) -> tuple[str, str]:
    rows = [valid_row(name="王小明", seq=11), valid_row(name="李小红", seq=12,
                                                      birth=dt.date(2017, 5, 1))]
    add_students(ws, rows)
    return rows[0]["身份证件号"], rows[1]["身份证件号"]


def test_semester_rounds() -> None:
    assert semester_round(dt.date(2026, 9, 1)) == "2026-2027-1"
    assert semester_round(dt.date(2027, 1, 15)) == "2026-2027-1"
    assert semester_round(dt.date(2027, 3, 1)) == "2026-2027-2"


def test_marks_and_class_summary(ws):
    first, second = _seed(ws)
    record_mark(ws, Mark("人籍一致", student=first), TODAY)
    record_mark(ws, Mark("在籍不在校", student=second, reason="随父母外出",
                         action="办理转学"), TODAY)
    record_mark(ws, Mark("在校不在籍", name="赵借读", class_name="三年级(2)班",
                         action="联系原学校办理转入"), TODAY)
    [summary] = class_summaries(ws, TODAY)
    assert (summary.class_name, summary.on_roll, summary.checked, summary.consistent) == (
        "三年级(2)班", 2, 3, 1)
    assert summary.different == {"在籍不在校": 1, "在校不在籍": 1}


def test_correcting_a_mark_keeps_one_per_pupil(ws):
    first, _second = _seed(ws)
    record_mark(ws, Mark("信息不符", student=first, action="更正信息"), TODAY)
    record_mark(ws, Mark("人籍一致", student=first), TODAY)
    [summary] = class_summaries(ws, TODAY)
    assert (summary.checked, summary.consistent) == (1, 1)


def test_a_difference_needs_an_action_and_a_valid_conclusion(ws):
    first, _second = _seed(ws)
    with pytest.raises(ServiceError) as caught:
        record_mark(ws, Mark("空挂学籍", student=first), TODAY)
    assert caught.value.code == "verify.action_required"
    with pytest.raises(ServiceError) as caught:
        record_mark(ws, Mark("不知道", student=first), TODAY)
    assert caught.value.code == "verify.conclusion"
    assert class_summaries(ws, TODAY)[0].checked == 0


def test_dropout_ledger_follows_the_changes(ws):
    first, _second = _seed(ws)
    apply_change(ws, ChangeRequest(student=first, change="辍学登记",
                                   effective=dt.date(2026, 10, 8), reason="外出务工"))
    add_visit(ws, first, dt.date(2026, 10, 12), "家访", "班主任、村干部", "家长同意劝返")
    [case] = ledger(ws)
    assert (case.name, case.reason, case.visits, case.closed_on) == ("王小明", "外出务工", 1, None)
    apply_change(ws, ChangeRequest(student=first, change="劝返复学", effective=dt.date(2026, 10, 20)))
    [closed] = ledger(ws)
    assert (closed.closed_on, closed.outcome) == (dt.date(2026, 10, 20), "返校复学")
    with pytest.raises(ServiceError) as caught:
        add_visit(ws, first, dt.date(2026, 10, 21), "电话", "班主任", "已返校")
    assert caught.value.code == "ledger.no_open_case"


def test_a_verification_round_on_a_demo_school(ws):
    from desktop.services.changes.data_quality import quality_findings
    from desktop.services.importing.demo_load import load_demo
    from desktop.services.students.read import StudentQuery, search

    load_demo(ws, 120, 7, TODAY)
    rows = search(ws, StudentQuery(), limit=120).rows
    for row in rows[:-2]:
        record_mark(ws, Mark("人籍一致", student=row.id_number or row.id), TODAY)
    record_mark(ws, Mark("在籍不在校", student=rows[-2].id_number or rows[-2].id,
                         reason="随父母外出", action="办理转学"), TODAY)
    summaries = class_summaries(ws, TODAY)
    assert sum(s.on_roll for s in summaries) == 120
    assert sum(s.checked for s in summaries) == 119
    assert sum(s.consistent for s in summaries) == 118
    assert sum(s.different["在籍不在校"] for s in summaries) == 1
    assert quality_findings(ws, TODAY) == []
