"""Enrollment with single-use codes and access tokens from signed challenges, against the
server running under uvicorn (SQLite and PostgreSQL)."""

from __future__ import annotations

import re

import httpx

from desktop.sync.wire.protocol import (
    ACCESS_TOKEN_SECONDS,
    challenge_message,
    new_enrollment_code,
    new_signing_key,
    sign,
    signing_public,
)
from tests.central.desk import SCHOOL_A, SCHOOL_B, Central, Desk

CHINESE = re.compile(r"[\u4e00-\u9fff]")


def error_of(response: httpx.Response) -> str:
    error = response.json()["error"]
    assert CHINESE.search(error["message"]), error  # the registrar reads it
    return error["code"]


def test_enrollment_registers_the_key_and_returns_the_server_keys(central: Central) -> None:
    desk = Desk(central.url, SCHOOL_A)
    response = desk.enroll(central.token())
    assert response.status_code == 200, response.text
    body = response.json()
    meta = httpx.get(f"{central.url}/v1/meta").json()
    assert body["school_code"] == SCHOOL_A and body["device_id"]
    assert (body["server_sign_pub"], body["epoch"]) == (meta["server_sign_pub"], meta["epoch"])
    assert desk.login().status_code == 200


def test_a_code_works_once_but_a_retry_of_the_same_enrollment_is_answered_again(
        central: Central) -> None:
    code = central.token()
    first, second = Desk(central.url, SCHOOL_A), Desk(central.url, SCHOOL_A)
    device_id = first.enroll(code).json()["device_id"]
    assert first.enroll(code).json()["device_id"] == device_id  # lost answer, same keys
    refused = second.enroll(code)
    assert refused.status_code == 401 and error_of(refused) == "token_used"


def test_wrong_mistyped_and_expired_codes_are_refused(central: Central) -> None:
    desk = Desk(central.url, SCHOOL_A)
    issued = central.token().replace("-", "")
    mistyped = issued[:-1] + ("2" if issued[-1] != "2" else "3")
    for code in (new_enrollment_code(), mistyped):  # never issued; check digits wrong
        response = desk.enroll(code)
        assert response.status_code == 401 and error_of(response) == "token_invalid"
    expiring = central.token(hours=72)
    central.clock.advance(72 * 3600 + 1)
    response = desk.enroll(expiring)
    assert response.status_code == 401 and error_of(response) == "token_expired"
    assert desk.enroll(central.token()).status_code == 200  # the refusals registered nothing


def test_a_proof_signed_by_another_key_is_refused(central: Central) -> None:
    desk = Desk(central.url, SCHOOL_A)
    body = desk.enroll_body(central.token())
    body["sign_pub"] = signing_public(new_signing_key())
    response = desk.http.post("/v1/devices/enroll", json=body)
    assert response.status_code == 401 and error_of(response) == "proof_invalid"


def test_forged_reused_and_late_challenge_answers_are_refused(central: Central) -> None:
    desk = central.desk()
    forged = desk.login(key=new_signing_key())
    assert forged.status_code == 401 and error_of(forged) == "signature_invalid"
    nonce = desk.http.post("/v1/auth/challenge", json={"device_id": desk.device_id}).json()["nonce"]
    answer = {"device_id": desk.device_id, "nonce": nonce,
              "signature": sign(desk.sign_key, challenge_message(desk.device_id, nonce))}
    assert desk.http.post("/v1/auth/token", json=answer).status_code == 200
    reused = desk.http.post("/v1/auth/token", json=answer)
    assert reused.status_code == 401 and error_of(reused) == "challenge_invalid"
    nonce = desk.http.post("/v1/auth/challenge", json={"device_id": desk.device_id}).json()["nonce"]
    central.clock.advance(301)
    late = desk.http.post("/v1/auth/token", json={
        "device_id": desk.device_id, "nonce": nonce,
        "signature": sign(desk.sign_key, challenge_message(desk.device_id, nonce))})
    assert late.status_code == 401 and error_of(late) == "challenge_invalid"


def test_unknown_devices_get_no_challenge(central: Central) -> None:
    response = httpx.post(f"{central.url}/v1/auth/challenge",
                          json={"device_id": "01a219e7-0000-7000-8000-000000000000"})
    assert response.status_code == 401 and error_of(response) == "device_unknown"


def test_access_tokens_last_fifteen_minutes(central: Central) -> None:
    desk = central.desk()
    assert desk.pull_response().status_code == 200
    central.clock.advance(ACCESS_TOKEN_SECONDS - 1)
    assert desk.pull_response().status_code == 200
    central.clock.advance(2)
    expired = desk.pull_response()
    assert expired.status_code == 401 and error_of(expired) == "token_expired"
    assert desk.login().status_code == 200
    assert desk.pull_response().status_code == 200


def test_every_sync_endpoint_needs_a_valid_token(central: Central) -> None:
    desk = central.desk()
    calls = [("POST", "/v1/sync/push", desk.batch()), ("GET", "/v1/sync/pull", None),
             ("POST", "/v1/sync/ack", {"cursor": "x"}), ("GET", "/v1/sync/snapshot", None)]
    for headers, code in (({}, "token_missing"), ({"Authorization": "Bearer forged"}, "token_invalid")):
        for method, path, body in calls:
            response = desk.http.request(method, path, json=body, headers=headers)
            assert response.status_code == 401, (path, response.text)
            assert error_of(response) == code


def test_a_code_for_one_school_cannot_enroll_a_device_of_another(central: Central) -> None:
    desk = Desk(central.url, SCHOOL_B)
    response = desk.enroll(central.token(SCHOOL_A), school_code=SCHOOL_B)
    assert response.status_code == 403 and error_of(response) == "out_of_scope"
