"""A desk as the server tests drive it: its keys, its device sequence, its access token.

Payloads have the shape the real desk writes to its outbox (desktop.services.students.add):
stored codes, ISO dates, class name and family members.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import Engine

from central.store.schools import issue_token
from desktop.domain.ids import new_id
from desktop.domain.record import read_record
from desktop.sync.wire.protocol import (
    Change,
    PullPage,
    PushResult,
    challenge_message,
    enroll_proof_message,
    new_sealing_key,
    new_signing_key,
    normalise_enrollment_code,
    sealing_public,
    sign,
    signing_public,
)
from tests.central.live import FakeClock
from tests.factories import resident_id, valid_row

SCHOOL_A, SCHOOL_B = "4406040001", "4401030002"


def student_payload(name: str = "王小明", birth: dt.date = dt.date(2017, 3, 5), seq: int = 11,
                    region: str = "440604", **template: str) -> dict[str, Any]:
    """A create payload as the desk queues it, from a template row (overrides by header)."""
    record = read_record({**valid_row(name, birth, seq, region=region), **template})
    assert not record.blocking, record.blocking
    values = {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in record.values.items()}
    members = [{**member, "id": new_id(), "slot": slot}
               for slot, member in enumerate(record.members, start=1)]
    provisional = "G" + values["id_number"] if values.get("id_type") == "1" else None
    return {**values, "members": members, "status": "ACTIVE", "xjh": provisional,
            "xjh_provisional": True, "name_pinyin": "wang xiao ming"}


def id_number(birth: dt.date = dt.date(2017, 3, 5), seq: int = 11, region: str = "440604") -> str:
    return resident_id(region, birth, seq)


class Desk:
    """One enrolled device of a school."""

    def __init__(self, url: str, school_code: str) -> None:
        self.http = httpx.Client(base_url=url, timeout=30)
        self.school_code = school_code
        self.sign_key, self.enc_key = new_signing_key(), new_sealing_key()
        self.device_id, self.token, self.seq = "", "", 0

    def enroll_body(self, code: str, school_code: str | None = None) -> dict[str, Any]:
        school = school_code or self.school_code
        sign_pub, enc_pub = signing_public(self.sign_key), sealing_public(self.enc_key)
        proof = sign(self.sign_key, enroll_proof_message(
            normalise_enrollment_code(code) or code, school, sign_pub, enc_pub))
        return {"token": code, "school_code": school, "sign_pub": sign_pub, "enc_pub": enc_pub,
                "proof": proof, "device_info": {"name": "教务处电脑"}}

    def enroll(self, code: str, school_code: str | None = None) -> httpx.Response:
        response = self.http.post("/v1/devices/enroll", json=self.enroll_body(code, school_code))
        if response.status_code == 200:
            self.device_id = response.json()["device_id"]
        return response

    def login(self, key: bytes | None = None) -> httpx.Response:
        nonce = self.http.post("/v1/auth/challenge", json={"device_id": self.device_id})
        assert nonce.status_code == 200, nonce.text
        signature = sign(key or self.sign_key,
                         challenge_message(self.device_id, nonce.json()["nonce"]))
        response = self.http.post("/v1/auth/token", json={
            "device_id": self.device_id, "nonce": nonce.json()["nonce"], "signature": signature})
        if response.status_code == 200:
            self.token = response.json()["access_token"]
        return response

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}

    def change(self, op: str, record_id: str, payload: dict[str, Any], base_version: int = 0,
               *, seq: int | None = None) -> Change:
        if seq is None:
            self.seq += 1
            seq = self.seq
        return Change(change_id=new_id(), device_seq=seq, record_type="student",
                      record_id=record_id, op=op, base_version=base_version,  # type: ignore[arg-type]
                      payload=payload, actor="registrar", client_ts="2026-11-26T16:00:00+08:00")

    def create(self, payload: dict[str, Any] | None = None) -> Change:
        return self.change("create", new_id(), payload or student_payload())

    def batch(self, *changes: Change) -> dict[str, Any]:
        return {"protocol": "xjsp/1", "device_id": self.device_id, "batch_id": new_id(),
                "changes": [change.to_dict() for change in changes]}

    def push_response(self, *changes: Change) -> httpx.Response:
        return self.http.post("/v1/sync/push", json=self.batch(*changes), headers=self.auth)

    def push(self, *changes: Change) -> PushResult:
        response = self.push_response(*changes)
        assert response.status_code == 200, response.text
        return PushResult.from_dict(response.json())

    def pull_response(self, cursor: str | None = None, limit: int = 500) -> httpx.Response:
        params: dict[str, Any] = {"limit": limit} | ({"cursor": cursor} if cursor else {})
        return self.http.get("/v1/sync/pull", params=params, headers=self.auth)

    def pull(self, cursor: str | None = None, limit: int = 500) -> PullPage:
        response = self.pull_response(cursor, limit)
        assert response.status_code == 200, response.text
        return PullPage.from_dict(response.json())

    def pull_all(self, cursor: str | None = None) -> tuple[list[Any], str]:
        items: list[Any] = []
        while True:
            page = self.pull(cursor)
            items += page.items
            cursor = page.next_cursor
            if not page.has_more:
                return items, cursor

    def ack(self, cursor: str) -> httpx.Response:
        return self.http.post("/v1/sync/ack", json={"cursor": cursor}, headers=self.auth)

    def close(self) -> None:
        self.http.close()


@dataclass
class Central:
    """The running server as a test sees it."""

    url: str
    db_url: str
    clock: FakeClock
    engine: Engine

    def __post_init__(self) -> None:
        self.desks: list[Desk] = []

    def token(self, school_code: str = SCHOOL_A, hours: int = 72) -> str:
        return issue_token(self.engine, school_code, int(self.clock()), hours,
                           name=f"测试学校{school_code[-2:]}")

    def desk(self, school_code: str = SCHOOL_A) -> Desk:
        """A new device of the school, enrolled and signed in."""
        desk = Desk(self.url, school_code)
        self.desks.append(desk)
        assert desk.enroll(self.token(school_code)).status_code == 200
        assert desk.login().status_code == 200
        return desk

    def close(self) -> None:
        for desk in self.desks:
            desk.close()
