"""Case workflows: a 转学 across two schools and both bureaus (deadlines across National Day
2026), refusal at every step, the overdue flag, the record moving scope, 休学 approval and
死亡 cancellation deadlines, one open case per pupil, the public progress endpoint, and no
command reaching across schools."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest

from central.cases.kinds import APPROVALS, NO_CASE
from desktop.domain.changes import RULES
from desktop.domain.ids import new_id
from tests.central.cases_kit import (
    COUNTY_A,
    COUNTY_B,
    Schools,
    answer,
    at,
    bureau_decides,
    case_change,
    latest,
    record_decision,
    request_transfer,
    snapshot_ids,
    status_change,
    two_schools,
)
from tests.central.desk import SCHOOL_A, SCHOOL_B, Central, id_number, student_payload

STEPS = ["receiving_school", "receiving_bureau", "sending_school", "sending_bureau"]


def case_of(schools: Schools, case_id: str, desk: str = "a") -> dict:
    return latest(getattr(schools, desk), "case", case_id).snapshot


def open_transfer(schools: Schools) -> tuple[str, str]:
    """B asks for A's pupil; returns (case id, printed case code)."""
    change = request_transfer(schools.b)
    result = schools.push_one(schools.b, change)
    assert result.status == "applied", result
    return change.record_id, result.assigned["case_code"]


def test_a_transfer_passes_four_parties_and_moves_the_record(central: Central) -> None:
    schools = two_schools(central)
    central.clock.now = at(dt.date(2026, 9, 28))
    case_id, code = open_transfer(schools)
    snap = case_of(schools, case_id)
    assert [step["role"] for step in snap["steps"]] == STEPS
    assert snap["current_step"]["role"] == "receiving_bureau"
    assert (snap["current_step"]["started_on"], snap["current_step"]["due"]) == \
        ("2026-09-28", "2026-10-16")  # 国庆 1-7 October off, Saturday 10 October worked
    assert latest(schools.a, "record", schools.pupil).snapshot["status"] == "TRANSFER_OUT_PENDING"
    assert case_of(schools, case_id, "b")["your_roles"] == ["receiving_school"]

    central.clock.now = at(dt.date(2026, 10, 9))
    bureau_decides(central, COUNTY_B, case_id, "approve")
    snap = case_of(schools, case_id)
    assert (snap["current_step"]["role"], snap["current_step"]["due"]) == ("sending_school", "2026-10-22")
    assert snap["action_needed"] is True and case_of(schools, case_id, "b")["action_needed"] is False
    too_late = schools.push_one(schools.b, answer(schools.b, case_id, "agree"))
    assert (too_late.status, too_late.error.code) == ("rejected", "step_closed")

    central.clock.now = at(dt.date(2026, 10, 12))
    assert schools.push_one(schools.a, answer(schools.a, case_id, "agree")).status == "applied"
    assert case_of(schools, case_id)["current_step"]["due"] == "2026-10-26"
    assert schools.pupil in snapshot_ids(schools.a)

    central.clock.now = at(dt.date(2026, 10, 13))
    bureau_decides(central, COUNTY_A, case_id, "approve")
    final = case_of(schools, case_id, "b")
    assert (final["state"], final["current_step"]) == ("approved", None)
    assert [h["action"] for h in final["history"]] == ["submit", "approve", "approve", "approve",
                                                      "completed"]
    assert_moved(schools)
    progress = httpx.get(f"{central.url}/v1/public/cases/{code}").json()
    assert progress["state"] == "approved" and {s["state"] for s in progress["steps"]} == {"done"}


def assert_moved(schools: Schools) -> None:
    """The record left school A's scope and is school B's, one version up."""
    tombstone = latest(schools.a, "tombstone", schools.pupil).snapshot
    assert (tombstone["status"], tombstone["to_school_code"]) == ("TRANSFERRED_OUT", SCHOOL_B)
    moved = latest(schools.b, "record", schools.pupil)
    assert (moved.version, moved.snapshot["status"], moved.snapshot["class_name"]) == \
        (3, "ACTIVE", "三年级(1)班")
    assert schools.pupil not in snapshot_ids(schools.a) and schools.pupil in snapshot_ids(schools.b)
    edit_a = schools.a.change("patch", schools.pupil, {"phone": "13600000000"}, base_version=3)
    refused = schools.push_one(schools.a, edit_a)
    assert (refused.status, refused.error.code) == ("rejected", "out_of_scope")
    edit_b = schools.b.change("patch", schools.pupil, {"phone": "13600000000"}, base_version=3)
    assert (schools.push_one(schools.b, edit_b).status, latest(schools.b, "record", schools.pupil).version) \
        == ("applied", 4)


@pytest.mark.parametrize("refusing", ["receiving_bureau", "sending_school", "sending_bureau"])
def test_a_refusal_at_any_step_ends_the_transfer_and_gives_the_pupil_back(
        central: Central, refusing: str) -> None:
    schools = two_schools(central)
    case_id, _code = open_transfer(schools)
    actors = {"receiving_bureau": lambda action, reason: bureau_decides(
                  central, COUNTY_B, case_id, action, reason),
              "sending_school": lambda action, reason: schools.push_one(
                  schools.a, answer(schools.a, case_id, "agree" if action == "approve" else "refuse",
                                    reason or "")),
              "sending_bureau": lambda action, reason: bureau_decides(
                  central, COUNTY_A, case_id, action, reason)}
    for role in STEPS[1:STEPS.index(refusing)]:
        actors[role]("approve", None)
    actors[refusing]("reject", "材料不全")
    snap = case_of(schools, case_id, "b")
    assert (snap["state"], snap["decision"]["opinion"]) == ("rejected", "材料不全")
    assert [s["state"] for s in snap["steps"]][STEPS.index(refusing)] == "refused"
    back = latest(schools.a, "record", schools.pupil)
    assert (back.snapshot["status"], back.version) == ("ACTIVE", 3)
    assert latest(schools.b, "record", schools.pupil) is None
    late = schools.push_one(schools.a, answer(schools.a, case_id, "agree"))
    assert (late.status, late.error.code) == ("rejected", "case_closed")
    again = schools.push_one(schools.b, request_transfer(schools.b))
    assert again.status == "applied"  # the pupil's claim was released


def test_refusing_needs_a_reason_and_the_right_party(central: Central) -> None:
    schools = two_schools(central)
    case_id, _code = open_transfer(schools)
    early = schools.push_one(schools.a, answer(schools.a, case_id, "agree"))
    assert (early.error.code, early.error.current_state) == ("not_your_step", "receiving_bureau")
    assert "转入学校主管部门审核" in early.error.message
    with pytest.raises(Exception, match="out_of_scope"):
        bureau_decides(central, "110101", case_id, "approve")
    bureau_decides(central, COUNTY_B, case_id, "approve")
    silent = schools.push_one(schools.a, answer(schools.a, case_id, "refuse"))
    assert (silent.error.code, silent.error.field) == ("reason_required", "reason")
    odd = schools.push_one(schools.a, answer(schools.a, case_id, "maybe"))
    assert odd.error.code == "invalid_command"


def test_the_receiving_school_may_withdraw_its_request(central: Central) -> None:
    schools = two_schools(central)
    case_id, _code = open_transfer(schools)
    not_mine = schools.push_one(schools.a, case_change(schools.a, case_id, "withdraw_case"))
    assert not_mine.error.code == "not_initiator"
    withdraw = case_change(schools.b, case_id, "withdraw_case", reason="家长改变主意")
    done = schools.push_one(schools.b, withdraw)
    assert done.status == "applied"
    assert case_of(schools, case_id)["state"] == "withdrawn"
    assert latest(schools.a, "record", schools.pupil).snapshot["status"] == "ACTIVE"


def test_a_step_is_overdue_after_ten_working_days(central: Central) -> None:
    schools = two_schools(central)  # Thursday 26 November 2026
    case_id, code = open_transfer(schools)
    assert case_of(schools, case_id)["current_step"]["due"] == "2026-12-10"
    for day, overdue in ((dt.date(2026, 12, 10), False), (dt.date(2026, 12, 11), True)):
        central.clock.now = at(day)
        for desk in (schools.a, schools.b):
            assert desk.login().status_code == 200  # the clock ran past the old tokens
        snap = case_of(schools, case_id)
        assert snap["current_step"]["overdue"] is overdue
    assert snap["history"][-1]["action"] == "overdue"
    progress = httpx.get(f"{central.url}/v1/public/cases/{code}").json()
    assert progress["current_step"]["overdue"] is True and progress["state"] == "open"
    before = len(schools.a.pull_all()[0])
    assert len(schools.a.pull_all()[0]) == before  # marked once, not at every pull


def test_a_suspension_waits_for_the_bureau_and_the_decision_flows_back(central: Central) -> None:
    schools = two_schools(central)
    desk, pupil, case_id = schools.a, schools.pupil, new_id()
    result = schools.push_one(desk, status_change(desk, pupil, "休学", "ACTIVE", "SUSPENDED", case_id))
    assert (result.status, result.version) == ("applied", 2)
    snap = case_of(schools, case_id)
    assert (snap["type"], snap["change_type"], snap["state"]) == ("approval", "休学", "open")
    assert (snap["current_step"]["role"], snap["current_step"]["due"]) == ("bureau", "2026-12-10")
    early = schools.push_one(desk, record_decision(desk, pupil, case_id, "approved", 2))
    assert early.error.code == "case_pending"
    bureau_decides(central, COUNTY_A, case_id, "approve")
    decided = case_of(schools, case_id)
    assert decided["decision"]["result"] == "approved" and decided["decision"]["unit"] == "440604教育局"
    assert schools.push_one(desk, record_decision(desk, pupil, case_id, "approved", 3)).status == "applied"
    assert latest(desk, "record", pupil).snapshot["status"] == "SUSPENDED"


def test_a_refused_suspension_restores_the_status(central: Central) -> None:
    schools = two_schools(central)
    desk, pupil, case_id = schools.a, schools.pupil, new_id()
    schools.push_one(desk, status_change(desk, pupil, "休学", "ACTIVE", "SUSPENDED", case_id))
    bureau_decides(central, COUNTY_A, case_id, "reject", "证明材料不足")
    record = latest(desk, "record", pupil)
    assert (record.snapshot["status"], record.version) == ("ACTIVE", 3)
    decision = case_of(schools, case_id)["decision"]
    assert (decision["result"], decision["opinion"]) == ("rejected", "证明材料不足")
    wrong = schools.push_one(desk, record_decision(desk, pupil, case_id, "approved", 3))
    assert (wrong.error.code, wrong.error.current_state) == ("decision_mismatch", "rejected")
    assert schools.push_one(desk, record_decision(desk, pupil, case_id, "rejected", 3)).status == "applied"
    assert latest(desk, "record", pupil).snapshot["status"] == "ACTIVE"


def test_a_death_is_cancelled_within_sixty_working_days(central: Central) -> None:
    schools = two_schools(central)
    central.clock.now = at(dt.date(2026, 9, 1))
    case_id = new_id()
    schools.push_one(schools.a, status_change(schools.a, schools.pupil, "死亡", "ACTIVE", "DECEASED",
                                              case_id))
    step = case_of(schools, case_id)["current_step"]
    # 60 weekdays from 1 September end on 24 November; 中秋 and 国庆 take six, two 调休 give two
    assert (step["days"], step["label"], step["due"]) == (60, "学籍主管部门注销", "2026-11-30")


def test_one_open_case_per_pupil(central: Central) -> None:
    schools = two_schools(central)
    held = schools.push_one(schools.a, status_change(schools.a, schools.pupil, "留级", "ACTIVE",
                                                     "ACTIVE"))
    assert held.status == "applied"
    blocked = schools.push_one(schools.b, request_transfer(schools.b))
    assert (blocked.status, blocked.error.code) == ("rejected", "case_open")
    other = schools.push_one(schools.a, status_change(schools.a, schools.pupil, "调班", "ACTIVE",
                                                      "ACTIVE", base=2))
    assert other.error.code == "case_open"


def test_a_pupil_on_leave_cannot_transfer(central: Central) -> None:
    schools = two_schools(central)
    schools.push_one(schools.a, status_change(schools.a, schools.pupil, "休学", "ACTIVE", "SUSPENDED"))
    refused = schools.push_one(schools.b, request_transfer(schools.b))
    assert refused.error.code in ("transfer_not_allowed", "case_open")
    assert "休学" in refused.error.message or "正在办理" in refused.error.message


def test_every_change_that_needs_the_authority_is_in_the_table() -> None:
    for name, rule in RULES.items():
        assert (name in APPROVALS or name in NO_CASE) == bool(rule.approver), name
    assert set(APPROVALS) | set(NO_CASE) <= set(RULES)
    assert APPROVALS["死亡"].days == 60 and APPROVALS["休学"].days == 10


def test_the_public_progress_shows_steps_and_dates_only(central: Central) -> None:
    schools = two_schools(central)
    _case_id, code = open_transfer(schools)
    response = httpx.get(f"{central.url}/v1/public/cases/{code.lower()}")
    assert response.status_code == 200
    text = response.text
    for secret in ("王小明", id_number(seq=11), "测试学校", SCHOOL_A, SCHOOL_B, "三年级", "随父母"):
        assert secret not in text, secret
    body = response.json()
    assert body["type"] == "转学" and body["current_step"]["label"] == "转入学校主管部门审核"
    assert set(body) == {"code", "type", "state", "state_label", "current_step", "steps",
                         "opened_on", "closed_on"}
    missing = httpx.get(f"{central.url}/v1/public/cases/ZZZZ-ZZZZ")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "case_not_found")
    assert "查询码" in missing.json()["error"]["message"]


def test_the_public_progress_is_rate_limited(central: Central) -> None:
    schools = two_schools(central)
    _case_id, code = open_transfer(schools)
    with httpx.Client(base_url=central.url) as client:
        codes = [client.get(f"/v1/public/cases/{code}").status_code for _ in range(31)]
        assert codes[:30] == [200] * 30 and codes[30] == 429
        limited = client.get(f"/v1/public/cases/{code}")
        assert limited.json()["error"]["code"] == "rate_limited" and int(limited.headers["Retry-After"]) >= 1
        central.clock.advance(61)
        assert client.get(f"/v1/public/cases/{code}").status_code == 200


def test_no_case_command_reaches_across_schools(central: Central) -> None:
    schools = two_schools(central)
    third = central.desk("4406040003")
    wrong_school = schools.push_one(schools.b, request_transfer(schools.b, from_school="4406040003"))
    wrong_name = schools.push_one(schools.b, request_transfer(schools.b, name="王小红"))
    assert {wrong_school.error.code, wrong_name.error.code} == {"student_not_found"}
    assert wrong_school.error.message == wrong_name.error.message
    own = schools.push_one(schools.a, request_transfer(schools.a))
    assert own.error.code == "invalid_command"  # a school cannot ask for its own pupil
    case_id, _code = open_transfer(schools)
    outsider = [third.push(answer(third, case_id, "agree")).results[0],
                third.push(case_change(third, case_id, "withdraw_case")).results[0],
                third.push(record_decision(third, schools.pupil, case_id, "rejected", 2)).results[0]]
    assert [r.error.code for r in outsider] == ["out_of_scope"] * 3
    unknown = schools.push_one(schools.a, answer(schools.a, new_id(), "agree"))
    assert unknown.error.code == "case_unknown"
    assert latest(third, "case", case_id) is None
    assert third.push(third.create(student_payload("赵六", seq=41))).results[0].status == "applied"
