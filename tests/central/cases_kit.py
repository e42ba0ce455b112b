"""What the case tests share: two schools in two counties, a pupil at school A, the
commands a desk sends about cases, bureau decisions, and reading a school's feed."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from central.cases import work as casework
from central.cases.kinds import county_party
from desktop.domain.ids import new_id
from desktop.sync.wire.protocol import Change, ChangeResult
from tests.central.desk import SCHOOL_A, SCHOOL_B, Central, Desk, id_number, student_payload

COUNTY_A, COUNTY_B = SCHOOL_A[:6], SCHOOL_B[:6]
BEIJING = dt.timezone(dt.timedelta(hours=8))


def at(day: dt.date, hour: int = 10) -> float:
    """A Unix time on a Beijing date (office hours by default)."""
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=BEIJING).timestamp()


@dataclasses.dataclass
class Schools:
    central: Central
    a: Desk  # the sending school, holding the pupil
    b: Desk  # the receiving school
    pupil: str  # the pupil's record id at school A

    def push_one(self, desk: Desk, change: Change) -> ChangeResult:
        return desk.push(change).results[0]


def two_schools(central: Central, name: str = "王小明", seq: int = 11) -> Schools:
    a, b = central.desk(SCHOOL_A), central.desk(SCHOOL_B)
    create = a.create(student_payload(name, seq=seq))
    assert a.push(create).results[0].status == "applied"
    return Schools(central, a, b, create.record_id)


def case_change(desk: Desk, case_id: str, command: str, **args: Any) -> Change:
    change = desk.change("command", case_id, {"command": {"name": command, "case_id": case_id,
                                                          "args": args}})
    return dataclasses.replace(change, record_type="case")


def request_transfer(desk: Desk, *, name: str = "王小明", seq: int = 11,
                     from_school: str = SCHOOL_A, case_id: str | None = None,
                     **extra: Any) -> Change:
    args = {"id_number": id_number(seq=seq), "name": name, "from_school_code": from_school,
            "reason": "随父母工作调动", "class_name": "三年级(1)班", **extra}
    return case_change(desk, case_id or new_id(), "request_transfer_in", **args)


def answer(desk: Desk, case_id: str, decision: str, reason: str = "") -> Change:
    return case_change(desk, case_id, "answer_transfer", decision=decision, reason=reason)


def status_change(desk: Desk, record_id: str, change_type: str, start: str, end: str,
                  case_id: str | None = None, base: int = 1) -> Change:
    return desk.change("command", record_id, {"command": {
        "name": "status_change", "case_id": case_id or new_id(),
        "args": {"change_type": change_type, "from": start, "to": end,
                 "effective": "2026-11-26", "reason": "因病", "class_name": "三年级(2)班"}}},
        base_version=base)


def record_decision(desk: Desk, record_id: str, case_id: str, result: str, base: int) -> Change:
    return desk.change("command", record_id, {"command": {
        "name": "record_decision", "case_id": case_id, "args": {"result": result}}}, base)


def bureau_decides(central: Central, county: str, case_id: str, action: str,
                   reason: str | None = None) -> Any:
    """A bureau's decision, as the console and the CLI make it."""
    with central.engine.begin() as conn:
        return casework.decide(conn, int(central.clock()), case_id, county_party(county), action,
                               by=f"{county}教育局", reason=reason)


def feed_of(desk: Desk) -> list[Any]:
    return desk.pull_all()[0]


def latest(desk: Desk, kind: str, record_id: str) -> Any:
    """The newest feed item of that kind about that id (None if there is none)."""
    found = [item for item in feed_of(desk) if item.kind == kind and item.record_id == record_id]
    return found[-1] if found else None


def snapshot_ids(desk: Desk) -> set[str]:
    response = desk.http.get("/v1/sync/snapshot", params={"limit": 1000}, headers=desk.auth)
    assert response.status_code == 200, response.text
    return {item["record_id"] for item in response.json()["items"]}
