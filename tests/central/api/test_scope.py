"""A device of school A can never read or write school B's students, on any endpoint:
enroll, token, push (create, patch, delete, command), pull, ack and snapshot."""

from __future__ import annotations

import pytest

from desktop.sync.wire.protocol import challenge_message, sign
from tests.central.desk import SCHOOL_A, SCHOOL_B, Central, Desk, student_payload


@pytest.fixture
def schools(central: Central) -> tuple[Desk, Desk, str]:
    """A desk of each school; school B has one student (its record id is returned)."""
    school_a, school_b = central.desk(SCHOOL_A), central.desk(SCHOOL_B)
    school_a.push(school_a.create(student_payload("甲", seq=11)))
    create = school_b.create(student_payload("乙", seq=31))
    assert school_b.push(create).results[0].status == "applied"
    return school_a, school_b, create.record_id


def code_of(response: object) -> tuple[int, str]:
    return response.status_code, response.json()["error"]["code"]  # type: ignore[attr-defined]


def b_record(desk: Desk, record_id: str) -> dict:
    items, _ = desk.pull_all()
    [item] = [i for i in items if i.record_id == record_id]
    return {"version": item.version, **item.snapshot}


def test_push_cannot_touch_another_schools_student(schools: tuple[Desk, Desk, str]) -> None:
    school_a, school_b, b_student = schools
    attempts = [
        school_a.change("patch", b_student, {"home_address": "甲校改的地址"}, base_version=1),
        school_a.change("command", b_student, {"command": {
            "name": "status_change", "case_id": "x", "args": {"from": "ACTIVE", "to": "DECEASED"}}},
            base_version=1),
        school_a.change("delete", b_student, {}, base_version=1),
        school_a.change("create", b_student, student_payload("甲", seq=13)),
    ]
    results = school_a.push(*attempts).results
    assert [(r.status, r.error.code) for r in results] == [("rejected", "out_of_scope")] * 4
    assert all("不属于本校" in r.error.message for r in results)
    record = b_record(school_b, b_student)
    assert (record["version"], record["name"], record["status"]) == (1, "乙", "ACTIVE")


def test_push_cannot_speak_for_another_schools_device(schools: tuple[Desk, Desk, str]) -> None:
    school_a, school_b, _ = schools
    batch = {**school_a.batch(school_a.create()), "device_id": school_b.device_id}
    response = school_a.http.post("/v1/sync/push", json=batch, headers=school_a.auth)
    assert code_of(response) == (403, "out_of_scope")


def test_pull_shows_nothing_of_another_school(schools: tuple[Desk, Desk, str]) -> None:
    school_a, school_b, b_student = schools
    items, _ = school_a.pull_all()
    assert b_student not in {item.record_id for item in items}
    assert all(item.snapshot.get("name") != "乙" for item in items)
    _, b_cursor = school_b.pull_all()
    assert code_of(school_a.pull_response(b_cursor)) == (403, "out_of_scope")


def test_ack_refuses_another_schools_cursor(schools: tuple[Desk, Desk, str]) -> None:
    school_a, school_b, _ = schools
    _, b_cursor = school_b.pull_all()
    assert code_of(school_a.ack(b_cursor)) == (403, "out_of_scope")


def test_snapshot_holds_only_the_own_school(schools: tuple[Desk, Desk, str]) -> None:
    school_a, school_b, b_student = schools
    page = school_a.http.get("/v1/sync/snapshot", params={"limit": 1}, headers=school_a.auth).json()
    assert [item["snapshot"]["name"] for item in page["items"]] == ["甲"]
    b_page = school_b.http.get("/v1/sync/snapshot", params={"limit": 1}, headers=school_b.auth)
    token = b_page.json()["next_page_token"]
    stolen = school_a.http.get("/v1/sync/snapshot", params={"page_token": token},
                               headers=school_a.auth)
    assert code_of(stolen) == (403, "out_of_scope")
    assert b_student in {i["record_id"] for i in b_page.json()["items"]}


def test_enrollment_and_tokens_stay_within_the_school(central: Central,
                                                      schools: tuple[Desk, Desk, str]) -> None:
    school_a, school_b, _ = schools
    newcomer = Desk(central.url, SCHOOL_B)
    assert code_of(newcomer.enroll(central.token(SCHOOL_A), SCHOOL_B)) == (403, "out_of_scope")
    nonce = school_a.http.post("/v1/auth/challenge",
                               json={"device_id": school_b.device_id}).json()["nonce"]
    signed_by_a = sign(school_a.sign_key, challenge_message(school_b.device_id, nonce))
    response = school_a.http.post("/v1/auth/token", json={
        "device_id": school_b.device_id, "nonce": nonce, "signature": signed_by_a})
    assert code_of(response) == (401, "signature_invalid")
    token = school_a.login().json()
    assert (token["school_code"], token["device_id"]) == (SCHOOL_A, school_a.device_id)
    newcomer.close()
