"""Guardian requests: a guardian asks for contact items to be updated, the school answers
item by item, accepted items reach the record (and conflict with stale desk edits), the
guardian follows the request by its code, and nothing leaks to the public or to another
school."""

from __future__ import annotations

import dataclasses

import httpx

from desktop.domain.ids import new_id
from tests.central.cases_kit import latest, two_schools
from tests.central.desk import SCHOOL_A, Central, Desk, id_number

GUARDIAN_PHONE = "138-0013-8001"  # 成员1's phone as the record holds it, typed with dashes
CHANGES = {"home_address": "广东省佛山市禅城区新风路8号", "member1.phone": "13900139001"}


def submit(central: Central, client: httpx.Client | None = None, **overrides: object) -> httpx.Response:
    body = {"school_code": SCHOOL_A, "id_number": id_number(seq=11), "guardian_phone": GUARDIAN_PHONE,
            "changes": CHANGES, **overrides}
    if client is not None:
        return client.post("/v1/public/guardian-requests", json=body)
    return httpx.post(f"{central.url}/v1/public/guardian-requests", json=body)


def answer(desk: Desk, request_id: str, answers: dict[str, str], **reasons: str) -> object:
    change = desk.change("command", request_id, {"command": {
        "name": "answer_guardian_request", "args": {"answers": answers, "reasons": reasons}}})
    return desk.push(dataclasses.replace(change, record_type="guardian_request")).results[0]


def delivered(desk: Desk) -> dict:
    [item] = [i for i in desk.pull_all()[0] if i.kind == "guardian_request"][-1:]
    return {"request_id": item.record_id, "version": item.version, **item.snapshot}


def test_the_school_answers_item_by_item_and_accepted_items_reach_the_record(
        central: Central) -> None:
    schools = two_schools(central)
    receipt = submit(central)
    assert receipt.status_code == 201, receipt.text
    code = receipt.json()["code"]
    request = delivered(schools.a)
    assert request["state"] == "open" and request["student"]["name"] == "王小明"
    assert {i["field"]: (i["requested"], i["current"]) for i in request["items"]} == {
        "home_address": (CHANGES["home_address"], "广东省佛山市禅城区祖庙街道人民路1号"),
        "member1.phone": ("13900139001", "13800138001")}
    pending = httpx.get(f"{central.url}/v1/public/guardian-requests/{code}").json()
    assert [i["outcome"] for i in pending["items"]] == ["pending", "pending"]
    result = answer(schools.a, request["request_id"], {"home_address": "accept", "member1.phone": "reject"},
                    **{"member1.phone": "请到校当面核实"})
    assert (result.status, result.version) == ("applied", 2)
    record = latest(schools.a, "record", schools.pupil)
    assert (record.version, record.snapshot["home_address"]) == (2, CHANGES["home_address"])
    assert record.snapshot["members"][0]["phone"] == "13800138001"
    answered = delivered(schools.a)
    assert answered["state"] == "answered" and answered["applied_version"] == 2
    assert answered["answers"]["member1.phone"] == {"outcome": "rejected", "reason": "请到校当面核实"}
    state = httpx.get(f"{central.url}/v1/public/guardian-requests/{code}").json()
    assert state["state"] == "answered"
    assert {i["field"]: i["outcome"] for i in state["items"]} == {"home_address": "accepted",
                                                                  "member1.phone": "rejected"}
    stale = schools.a.change("patch", schools.pupil, {"home_address": "别处1号"}, base_version=1)
    assert schools.push_one(schools.a, stale).status == "conflict"
    again = answer(schools.a, request["request_id"], {"home_address": "accept", "member1.phone": "accept"})
    assert again.error.code == "request_answered"


def test_every_item_needs_an_answer(central: Central) -> None:
    schools = two_schools(central)
    submit(central)
    request = delivered(schools.a)
    partial = answer(schools.a, request["request_id"], {"home_address": "accept"})
    assert (partial.status, partial.error.code) == ("rejected", "invalid_command")
    assert delivered(schools.a)["state"] == "open"


def test_unverifiable_requests_all_get_the_same_answer(central: Central) -> None:
    two_schools(central)
    attempts = [submit(central, guardian_phone="13700000000"),
                submit(central, school_code="4401030002"),
                submit(central, id_number=id_number(seq=13)),
                submit(central, id_number="not-a-number")]
    assert {(r.status_code, r.json()["error"]["code"]) for r in attempts} == {(404, "guardian_unverified")}
    assert len({r.text for r in attempts}) == 1


def test_only_safe_items_can_be_asked_for(central: Central) -> None:
    two_schools(central)
    name = submit(central, changes={"name": "王大宝"})
    assert (name.status_code, name.json()["error"]["code"]) == (422, "item_not_allowed")
    assert "现住址" in name.json()["error"]["message"]
    phone = submit(central, changes={"phone": "call me"})
    assert (phone.status_code, phone.json()["error"]["code"]) == (422, "invalid_value")


def test_the_public_answers_hold_no_names_ids_or_values(central: Central) -> None:
    two_schools(central)
    receipt = submit(central)
    state = httpx.get(f"{central.url}/v1/public/guardian-requests/{receipt.json()['code']}")
    for text in (receipt.text, state.text):
        for secret in ("王小明", "王大明", id_number(seq=11), CHANGES["home_address"], "13900139001",
                       "13800138001", "测试学校"):
            assert secret not in text
    missing = httpx.get(f"{central.url}/v1/public/guardian-requests/0000-0000")
    assert (missing.status_code, missing.json()["error"]["code"]) == (404, "request_not_found")


def test_guardian_requests_are_rate_limited(central: Central) -> None:
    two_schools(central)
    with httpx.Client(base_url=central.url) as client:
        statuses = [submit(central, client, guardian_phone="13700000000").status_code for _ in range(11)]
    assert statuses[:10] == [404] * 10 and statuses[10] == 429


def test_another_school_cannot_answer(central: Central) -> None:
    schools = two_schools(central)
    submit(central)
    request = delivered(schools.a)
    foreign = answer(schools.b, request["request_id"], {"home_address": "accept", "member1.phone": "accept"})
    assert (foreign.status, foreign.error.code) == ("rejected", "out_of_scope")
    unknown = answer(schools.b, new_id(), {})
    assert unknown.error.code == "not_found"
    assert [i for i in schools.b.pull_all()[0] if i.kind == "guardian_request"] == []
    assert delivered(schools.a)["state"] == "open"
