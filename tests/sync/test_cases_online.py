"""Cases between two real desks and the real registry on loopback: a transfer from school A
(佛山禅城) to school B (广州越秀) with both bureaus' steps, a refused transfer, a bureau's
approval of a 休学 recorded on the desk by itself, and a guardian's request answered item by
item. The desks only ask and answer; every state comes back from the registry's feed."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from sqlalchemy import select

from central.store.students import template_rows as central_rows
from desktop.models.history import StatusChange
from desktop.models.student import Student
from desktop.services.changes.status import ChangeRequest, apply_change, history, possible_changes
from desktop.services.changes.tasks import CASE_ITEM, GUARDIAN_ITEM, list_tasks, overdue_count
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.case_commands import (
    TransferIn,
    answer_guardian_request,
    answer_transfer,
    request_transfer_in,
    withdraw_case,
)
from desktop.services.registry.case_list import cases_needing_action, list_cases, list_guardian_requests
from desktop.services.students.add import add_students
from desktop.services.students.update import update_student
from desktop.sync.client import sync_once
from tests.central.cases_kit import COUNTY_A, COUNTY_B, bureau_decides
from tests.central.desk import SCHOOL_B, Central
from tests.factories import valid_row
from tests.sync.helpers import options

TODAY = dt.date(2026, 11, 26)


def synced(ws: Workspace) -> None:
    report = sync_once(ws, options=options())
    assert report.settled, report


def pupil_at_a(ws: Workspace) -> tuple[str, dict[str, str]]:
    row = valid_row("王小明", seq=11)
    record_id = add_students(ws, [row], today=TODAY).ids[0]
    synced(ws)
    return record_id, row


def ask_for(ws: Workspace, row: dict[str, str]) -> str:
    return request_transfer_in(ws, TransferIn(row["身份证件号"], "王小明", "4406040001",
                                              "五年级(2)班", "随父母工作调动"), TODAY)


def status_of(ws: Workspace, record_id: str) -> str:
    with ws.store.reading() as session:
        student = session.get(Student, record_id)
        assert student is not None
        return student.status


def test_a_transfer_moves_the_pupil_through_both_bureaus_and_both_desks(
        central: Central, enrolled: Workspace, school_b: Workspace) -> None:
    record_id, row = pupil_at_a(enrolled)
    case_id = ask_for(school_b, row)
    [queued] = list_cases(school_b)
    assert (queued.case_id, queued.state_label, queued.code) == (case_id, "待上报", "")
    synced(school_b)
    [case] = list_cases(school_b)
    assert case.state == "open" and len(case.code) == 9 and case.role == "转入学校"
    assert case.current_step == "转入学校主管部门审核" and case.due and not case.action_needed
    bureau_decides(central, COUNTY_B, case_id, "approve")

    synced(enrolled)
    [incoming] = list_cases(enrolled)
    assert incoming.action_needed and incoming.role == "转出学校"
    assert incoming.student_name == "王小明" and incoming.reason == "随父母工作调动"
    assert "测试学校02" in incoming.other_school and cases_needing_action(enrolled) == 1
    assert status_of(enrolled, record_id) == "TRANSFER_OUT_PENDING"
    [task] = list_tasks(enrolled, TODAY)  # the registry's step and due day, not a second one
    assert (task.item, task.due.isoformat(), task.overdue) == (CASE_ITEM, incoming.due, False)
    assert len(list_tasks(enrolled, dt.date.fromisoformat(incoming.due) + dt.timedelta(days=1))) == 1
    assert overdue_count(enrolled, dt.date.fromisoformat(incoming.due) + dt.timedelta(days=1)) == 1
    assert history(enrolled, record_id)[-1].change == "转出"
    answer_transfer(enrolled, case_id, agree=True)
    with pytest.raises(ServiceError) as twice:
        answer_transfer(enrolled, case_id, agree=True)
    assert twice.value.code == "case.answer_queued" and cases_needing_action(enrolled) == 0
    assert list_tasks(enrolled, TODAY) == []  # answered: the bureau's step is not the school's
    synced(enrolled)
    assert list_cases(enrolled)[0].current_step == "转出学校主管部门审核"
    bureau_decides(central, COUNTY_A, case_id, "approve")

    synced(school_b)
    assert status_of(school_b, record_id) == "ACTIVE"
    with school_b.store.reading() as session:
        moved = session.get(Student, record_id)
        assert moved is not None and moved.school_class.name == "五年级(2)班"
        assert moved.id_number == row["身份证件号"]
    assert list_cases(school_b)[0].state == "approved"
    assert [r["姓名"] for r in central_rows(central.engine, SCHOOL_B)] == ["王小明"]

    synced(enrolled)
    assert status_of(enrolled, record_id) == "TRANSFERRED_OUT"
    last = history(enrolled, record_id)[-1]
    assert (last.change, last.to_status) == ("转出完成", "已转出")
    with pytest.raises(ServiceError) as frozen:
        update_student(enrolled, record_id, {**row, "联系电话": "13900000000"}, today=TODAY)
    assert frozen.value.code == "student.transferred_out"
    assert possible_changes(enrolled, record_id) == []
    with pytest.raises(ServiceError) as no_more:
        apply_change(enrolled, ChangeRequest(student=record_id, change="恢复学籍", effective=TODAY))
    assert no_more.value.code == "student.transferred_out"
    assert sync_once(enrolled, options=options()).pulled == 0  # nothing left to hear


def test_a_refused_transfer_gives_school_a_its_pupil_back(
        central: Central, enrolled: Workspace, school_b: Workspace) -> None:
    record_id, row = pupil_at_a(enrolled)
    case_id = ask_for(school_b, row)
    synced(school_b)
    bureau_decides(central, COUNTY_B, case_id, "approve")
    synced(enrolled)
    with pytest.raises(ServiceError) as bare:
        answer_transfer(enrolled, case_id, agree=False)
    assert bare.value.code == "case.refusal_reason"
    answer_transfer(enrolled, case_id, agree=False, reason="该生本学期学业未结束")
    synced(enrolled)
    assert status_of(enrolled, record_id) == "ACTIVE"
    assert list_cases(enrolled)[0].state == "rejected"
    synced(school_b)
    [refused] = list_cases(school_b)
    assert refused.state == "rejected" and refused.steps[2].reason == "该生本学期学业未结束"
    with school_b.store.reading() as session:
        assert session.get(Student, record_id) is None


def test_a_request_the_registry_refuses_shows_its_reason_and_can_be_withdrawn_only_once_open(
        central: Central, enrolled: Workspace, school_b: Workspace) -> None:
    pupil_at_a(enrolled)
    wrong = valid_row("李四", seq=12)  # nobody at school A has this number
    case_id = ask_for(school_b, wrong)
    with pytest.raises(ServiceError) as early:
        withdraw_case(school_b, case_id, "家长改变主意")
    assert early.value.code == "case.answer_queued"
    report = sync_once(school_b, options=options())
    assert report.rejected == 1 and report.settled
    [refused] = list_cases(school_b)
    assert refused.state_label == "被退回" and "没有与所填证件号" in refused.refused_reason


def test_school_b_withdraws_its_request_and_school_a_gets_the_pupil_back(
        central: Central, enrolled: Workspace, school_b: Workspace) -> None:
    record_id, row = pupil_at_a(enrolled)
    case_id = ask_for(school_b, row)
    synced(school_b)
    withdraw_case(school_b, case_id, "家长改变主意")
    synced(school_b)
    assert list_cases(school_b)[0].state == "withdrawn"
    synced(enrolled)
    assert status_of(enrolled, record_id) == "ACTIVE"
    assert list_cases(enrolled)[0].state == "withdrawn"


def test_bad_transfer_requests_are_refused_with_a_reason_and_queue_nothing(
        enrolled: Workspace, school_b: Workspace) -> None:
    row = valid_row("王小明", seq=11)
    mistyped = row["身份证件号"][:-1] + ("1" if row["身份证件号"][-1] != "1" else "2")
    cases = {
        "case.own_school": TransferIn(row["身份证件号"], "王小明", SCHOOL_B, "五年级(2)班", "搬家"),
        "case.school_code": TransferIn(row["身份证件号"], "王小明", "44060400", "五年级(2)班", "搬家"),
        "case.reason_required": TransferIn(row["身份证件号"], "王小明", "4406040001", "五年级(2)班", " "),
        "case.class_unknown": TransferIn(row["身份证件号"], "王小明", "4406040001", "高三(1)班", "搬家"),
        "id.checksum": TransferIn(mistyped, "王小明", "4406040001", "五年级(2)班", "搬家"),
    }
    for code, request in cases.items():
        with pytest.raises(ServiceError) as refused:
            request_transfer_in(school_b, request, TODAY)
        assert refused.value.code == code
    assert list_cases(school_b) == []
    add_students(school_b, [{**row, "学校标识码": SCHOOL_B}], today=TODAY)
    with pytest.raises(ServiceError) as here:
        request_transfer_in(school_b, TransferIn(row["身份证件号"], "王小明", "4406040001",
                                                 "五年级(2)班", "搬家"), TODAY)
    assert here.value.code == "case.already_here"


def test_a_bureau_decision_on_a_suspension_is_recorded_and_confirmed_by_the_desk(
        central: Central, enrolled: Workspace) -> None:
    record_id, row = pupil_at_a(enrolled)
    apply_change(enrolled, ChangeRequest(student=row["身份证件号"], change="休学",
                                         effective=dt.date(2026, 11, 2),
                                         until=dt.date(2027, 1, 31), reason="因病"))
    synced(enrolled)
    with enrolled.store.reading() as session:
        event_id = session.scalars(select(StatusChange.id).where(
            StatusChange.student_id == record_id, StatusChange.change_type == "休学")).one()
    [case] = list_cases(enrolled)
    assert (case.case_id, case.kind, case.state) == (event_id, "审批", "open")
    bureau_decides(central, COUNTY_A, event_id, "approve")
    report = sync_once(enrolled, options=options())
    assert report.settled and report.applied == 1  # the desk's record_decision, confirmed
    decided = history(enrolled, record_id)[-1]
    assert decided.change == "审批结果：休学" and decided.approval == "approved"
    assert status_of(enrolled, record_id) == "SUSPENDED"
    assert list_cases(enrolled)[0].state == "approved"
    again = sync_once(enrolled, options=options())
    assert again.sent == 0 and history(enrolled, record_id)[-1] == decided


def test_a_guardian_request_is_answered_item_by_item_and_the_accepted_item_comes_back(
        central: Central, enrolled: Workspace) -> None:
    record_id, row = pupil_at_a(enrolled)
    sent = httpx.post(f"{central.url}/v1/public/guardian-requests", json={
        "school_code": "4406040001", "id_number": row["身份证件号"], "guardian_phone": "13800138001",
        "changes": {"phone": "13912345678", "home_address": "广东省佛山市禅城区新街2号"}})
    assert sent.status_code == 201, sent.text
    synced(enrolled)
    [request] = list_guardian_requests(enrolled)
    assert request.state == "open" and request.student_name == "王小明"
    assert {i.field: (i.current, i.requested) for i in request.items}["phone"] == (
        "13800138000", "13912345678")
    assert cases_needing_action(enrolled) == 1
    [task] = list_tasks(enrolled, TODAY)
    assert (task.item, task.name, task.due) == (GUARDIAN_ITEM, "王小明", dt.date(2026, 12, 26))
    with pytest.raises(ServiceError) as unexplained:
        answer_guardian_request(enrolled, request.request_id,
                                {"phone": True, "home_address": False})
    assert unexplained.value.code == "guardian.reason_required"
    answer_guardian_request(enrolled, request.request_id, {"phone": True, "home_address": False},
                            {"home_address": "与户口簿不符，请带户口簿到校办理"})
    synced(enrolled)
    with enrolled.store.reading() as session:
        student = session.get(Student, record_id)
        assert student is not None
        assert (student.phone, student.home_address) == ("13912345678", row["家庭地址"])
    [answered] = list_guardian_requests(enrolled)
    assert answered.state == "answered"
    assert {i.field: i.outcome for i in answered.items} == {"phone": "accepted",
                                                            "home_address": "rejected"}
    assert cases_needing_action(enrolled) == 0
