"""The registry against integers at and past the 64-bit limits and against a spoofed
X-Forwarded-For. A push whose device_seq was 2^63 got 500 (OverflowError): every integer of
the protocol is now bounded in its schema (0 … 2^63-1; integers inside a payload to the
signed 64-bit range) and answered 422. uvicorn trusted forwarded headers from 127.0.0.1, so
a local client could pick any address and step around the rate limits: forwarded headers
are now read only from proxies the operator names (`serve --trusted-proxy`)."""

from __future__ import annotations

import copy

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from central.app import create_app
from central.cli import build_parser, proxy_options
from tests.central.desk import SCHOOL_A, Central, Desk, id_number, student_payload
from tests.central.live import FakeClock, LiveServer

LIMITS = [2**63 - 1, 2**63, 2**64, 2**64 + 1, -1, -(2**63), -(2**63) - 1, 10**30]
FIELDS = ("device_seq", "base_version")


def _push(desk: Desk, change: dict) -> httpx.Response:
    body = {"protocol": "xjsp/1", "device_id": desk.device_id, "batch_id": "b-" + str(id(change)),
            "changes": [change]}
    return desk.http.post("/v1/sync/push", json=body, headers=desk.auth)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("value", LIMITS)
@pytest.mark.parametrize("field", FIELDS)
def test_integers_past_the_limit_are_422_not_500(central: Central, field: str, value: int) -> None:
    desk = central.desk()
    change = desk.create().to_dict()
    change[field] = value
    answer = _push(desk, change)
    assert answer.status_code < 500, answer.text
    if not 0 <= value <= 2**63 - 1:
        assert answer.status_code == 422, answer.text


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_openapi_document_states_the_bounds(central: Central) -> None:
    schema = httpx.get(f"{central.url}/openapi.json").json()
    change = schema["components"]["schemas"]["Change"]["properties"]["device_seq"]
    assert change["minimum"] == 0 and 2**63 - 2048 <= change["maximum"] <= 2**63  # JSON float


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_integers_at_the_limits_anywhere_in_a_push(central: Central) -> None:
    """Hypothesis: any protocol integer or any payload item set to a value at or past the
    64-bit limits; the answer is never a server error."""
    desk = central.desk()
    base = desk.create().to_dict()

    @given(where=st.sampled_from([*FIELDS, "payload.birth_date", "payload.members",
                                  "payload.commute_km", "payload.extra", "payload.name"]),
           value=st.sampled_from(LIMITS) | st.integers())
    @settings(max_examples=60, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(where: str, value: int) -> None:
        change = copy.deepcopy(base)
        change["change_id"] = f"c-{where}-{value}"
        if where.startswith("payload."):
            change["payload"][where.split(".", 1)[1]] = value
        else:
            change[where] = value
        assert _push(desk, change).status_code < 500

    run()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_pull_limits_and_ack_cursors_at_the_limits(central: Central) -> None:
    desk = central.desk()
    for limit in LIMITS:
        assert desk.http.get("/v1/sync/pull", params={"limit": limit},
                             headers=desk.auth).status_code < 500
    assert desk.ack("9" * 40).status_code < 500


def test_serve_trusts_no_forwarded_header_unless_told() -> None:
    default = build_parser().parse_args(["serve"])
    assert proxy_options(default.trusted_proxy)["proxy_headers"] is False
    named = build_parser().parse_args(["serve", "--trusted-proxy", "10.0.0.5"])
    assert proxy_options(named.trusted_proxy) == {"proxy_headers": True,
                                                  "forwarded_allow_ips": "10.0.0.5"}


def _spoofed(url: str, trusted: tuple[str, ...]) -> list[int]:
    """Eleven guardian requests from loopback, each claiming another address."""
    app = create_app(url, clock=FakeClock())
    server = LiveServer(app, trusted_proxies=trusted)
    server.start()
    try:
        body = {"school_code": SCHOOL_A, "id_number": id_number(seq=11),
                "guardian_phone": "13700000000", "changes": {"phone": "13900139001"}}
        with httpx.Client(base_url=server.url) as client:
            return [client.post("/v1/public/guardian-requests", json=body,
                                headers={"X-Forwarded-For": f"203.0.113.{n}"}).status_code
                    for n in range(11)]
    finally:
        server.stop()


def test_a_spoofed_forwarded_header_does_not_step_around_the_rate_limit(tmp_path) -> None:  # type: ignore[no-untyped-def]
    statuses = _spoofed(f"sqlite:///{tmp_path / 'a.db'}", ())
    assert statuses[:10] == [404] * 10 and statuses[10] == 429


def test_a_named_proxy_is_believed(tmp_path) -> None:  # type: ignore[no-untyped-def]
    statuses = _spoofed(f"sqlite:///{tmp_path / 'b.db'}", ("127.0.0.1",))
    assert 429 not in statuses  # each request came "through the proxy" from another address


def test_student_payload_is_still_accepted(central: Central) -> None:
    desk = central.desk()
    assert desk.push(desk.create(student_payload())).results[0].status == "applied"
