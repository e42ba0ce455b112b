"""Guards and documentation: 413 for oversized bodies and batches, 426 for clients that are
too old, 422 without echoing the request, the OpenAPI document, no secrets in URLs."""

from __future__ import annotations

import httpx

from desktop.sync.wire.protocol import CLIENT_VERSION_HEADER, MAX_BATCH_CHANGES, MAX_BODY_BYTES
from tests.central.desk import Central, Desk, student_payload


def test_a_body_above_the_limit_gets_413_before_anything_is_read(central: Central) -> None:
    desk = central.desk()
    padding = "x" * (MAX_BODY_BYTES + 1024)
    body = desk.batch(desk.create({**student_payload(), "specialty": padding}))
    response = desk.http.post("/v1/sync/push", json=body, headers=desk.auth)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "too_large"
    assert "分批" in response.json()["error"]["message"]
    assert desk.pull().items == ()  # nothing was applied
    unauthenticated = httpx.post(f"{central.url}/v1/devices/enroll", content=b"{" * (MAX_BODY_BYTES + 1))
    assert unauthenticated.status_code == 413


def test_a_chunked_body_above_the_limit_gets_413(central: Central) -> None:
    desk = central.desk()

    def chunks():  # no Content-Length: the server counts while reading
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b" " * 65536

    response = desk.http.post("/v1/sync/push", content=chunks(),
                              headers={**desk.auth, "Content-Type": "application/json"})
    assert response.status_code == 413


def test_too_many_changes_in_one_batch_get_413(central: Central) -> None:
    desk = central.desk()
    record = student_payload()
    changes = [desk.change("patch", "r", {"phone": "1"}) for _ in range(MAX_BATCH_CHANGES + 1)]
    response = desk.push_response(*changes)
    assert response.status_code == 413
    assert response.json()["error"]["code"] == "batch_too_large"
    assert desk.push(desk.create(record)).results[0].status == "held"  # nothing was decided


def test_old_clients_are_told_to_upgrade(central: Central) -> None:
    old = httpx.get(f"{central.url}/v1/meta", headers={CLIENT_VERSION_HEADER: "0.0.1"})
    assert old.status_code == 426 and old.json()["error"]["code"] == "client_too_old"
    assert "升级" in old.json()["error"]["message"]
    current = httpx.get(f"{central.url}/v1/meta", headers={CLIENT_VERSION_HEADER: "0.1.0"})
    assert current.status_code == 200


def test_malformed_requests_get_422_without_echoing_them(central: Central) -> None:
    desk = Desk(central.url, "4406040001")
    code = central.token()
    body = desk.enroll_body(code)
    del body["proof"]
    response = desk.http.post("/v1/devices/enroll", json=body)
    assert response.status_code == 422 and response.json()["error"]["code"] == "bad_request"
    assert code not in response.text and "proof" in response.json()["error"]["message"]
    desk.close()


def test_the_openapi_document_describes_the_protocol(central: Central) -> None:
    document = httpx.get(f"{central.url}/openapi.json").json()
    paths = set(document["paths"])
    assert {"/v1/meta", "/v1/devices/enroll", "/v1/auth/challenge", "/v1/auth/token",
            "/v1/sync/push", "/v1/sync/pull", "/v1/sync/ack", "/v1/sync/snapshot"} <= paths
    schemas = document["components"]["schemas"]
    assert {"PushBatch", "Change", "PushResult", "ChangeResult", "PullPage"} <= set(schemas)
    assert document["paths"]["/v1/sync/push"]["post"]["security"]
    for path, operations in document["paths"].items():  # tokens travel in headers only
        for operation in operations.values():
            names = {p["name"] for p in operation.get("parameters", ())}
            assert not names & {"token", "access_token"}, path
