"""转学 between two schools: the receiving school's request, and the saga that moves the 学籍.

The receiving school names the pupil (ID number or 学籍号, and name) and the sending
school; the pupil's record at the sending school turns 转出中. When the last party agrees
the record moves: it leaves the sending school's shard and is written on the receiving
school's (delete + insert, as across shards), its claims follow it, the sending school
gets a `tombstone` item and the receiving school the full record. A refusal or withdrawal
gives the sending school its pupil back as 在籍在读. Every step is idempotent: a repeated
completion finds the record already moved and does nothing.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from central.cases import codes, deadlines
from central.cases import engine as cases
from central.cases.engine import APPROVED, Case, Opening
from central.cases.kinds import (
    RECEIVING_BUREAU,
    RECEIVING_SCHOOL,
    SENDING_BUREAU,
    SENDING_SCHOOL,
    TRANSFER,
    county_party,
    transfer_steps,
)
from central.context import DeviceScope
from central.store import records
from central.store.db import id_claims, insert_ignore, students
from central.store.fanout import Fanout
from central.store.record_edits import Place, add_history, bump
from central.store.records import Refusal
from central.store.schools import school_by_code, school_by_id
from desktop.domain.errors import DomainError
from desktop.domain.idnumber import parse_resident_id
from desktop.domain.status import Status
from desktop.sync.wire.protocol import Change, FeedItem

TOMBSTONE = "tombstone"
NOT_FOUND = "转出学校没有与所填证件号（或学籍号）和姓名相符的学生，请核对后重新申请。"


def request(conn: Connection, now: int, scope: DeviceScope, change: Change,
            args: dict[str, Any], fan: Fanout) -> Case:
    """Open a transfer case from the receiving school's `request_transfer_in`."""
    if cases.load(conn, change.record_id) is not None:
        raise Refusal("case_exists", "这项转学申请已经提交过。")
    receiving = school_by_id(conn, scope.school_id)
    sending = _sending_school(conn, args, receiving)
    row = _pupil(conn, args, sending)
    opening = Opening(kind="transfer", change_type=TRANSFER, case_id=change.record_id,
                      record_id=row.record_id, parties=_parties(receiving, sending),
                      steps=transfer_steps(receiving.region == sending.region),
                      args=_case_args(args, sending), code=_claim_code(conn, now, change, scope))
    case = cases.new(opening, now, by=receiving.name)
    cases.claim_pupil(conn, now, case, sending.school_id)
    cases.insert(conn, case)
    bump(conn, now, row, {"status": Status.TRANSFER_OUT_PENDING.name}, op="case", fields=["status"],
         payload={"case_id": case.case_id, "event": "transfer_requested"}, actor=receiving.code)
    fan.add(row.school_id, records.record_item(records.load(conn, row.record_id)))
    return case


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _sending_school(conn: Connection, args: dict[str, Any], receiving: Any) -> Any:
    code = _text(args.get("from_school_code"))
    if not code:
        raise Refusal("invalid_command", "请填写转出学校的学校标识码。", field="from_school_code")
    sending = school_by_code(conn, code)
    if sending is None:
        raise Refusal("not_found", f"中心没有学校标识码为 {code} 的学校，请核对。", field="from_school_code")
    if sending.school_id == receiving.school_id:
        raise Refusal("invalid_command", "转出学校不能是本校。", field="from_school_code")
    return sending


def _pupil(conn: Connection, args: dict[str, Any], sending: Any) -> Any:
    record_id = _claimed_record(conn, args)
    row = records.load(conn, record_id, lock=True) if record_id else None
    if row is None or row.school_id != sending.school_id or row.name.strip() != _text(args.get("name")):
        raise Refusal("student_not_found", NOT_FOUND)
    if row.status == Status.SUSPENDED.name:
        raise Refusal("transfer_not_allowed", "该生正在休学，休学期间不能转学。", current_state=row.status)
    if row.status != Status.ACTIVE.name:
        raise Refusal("transfer_not_allowed",
                      f"该生在转出学校的学籍状态是“{Status[row.status].label}”，不能办理转学。",
                      current_state=row.status)
    return row


def _claimed_record(conn: Connection, args: dict[str, Any]) -> str | None:
    """The record holding the ID number (or 学籍号) the receiving school typed."""
    number, xjh = _text(args.get("id_number")).upper(), _text(args.get("xjh")).upper()
    if not number and not xjh:
        raise Refusal("invalid_command", "请填写转学学生的身份证件号或学籍号。", field="id_number")
    kind, value = ("id_number", number) if number else ("xjh", xjh)
    if number:
        try:
            value = parse_resident_id(number).number
        except DomainError:
            return None
    return conn.scalar(select(id_claims.c.record_id).where(id_claims.c.kind == kind,
                                                           id_claims.c.value == value))


def _parties(receiving: Any, sending: Any) -> dict[str, dict[str, Any]]:
    parties = {RECEIVING_SCHOOL: _school(receiving), SENDING_SCHOOL: _school(sending),
               SENDING_BUREAU: _bureau(sending.region)}
    if receiving.region != sending.region:
        parties[RECEIVING_BUREAU] = _bureau(receiving.region)
    return parties


def _school(school: Any) -> dict[str, Any]:
    return {"party": school.school_id, "school_code": school.code, "school_name": school.name}


def _bureau(county: str) -> dict[str, Any]:
    return {"party": county_party(county), "county": county}


def _case_args(args: dict[str, Any], sending: Any) -> dict[str, Any]:
    return {"reason": _text(args.get("reason"))[:200], "class_name": _text(args.get("class_name"))[:40],
            "from_school_code": sending.code, "prior": {"status": Status.ACTIVE.name}}


def _claim_code(conn: Connection, now: int, change: Change, scope: DeviceScope) -> str:
    while True:  # 40 random bits: a clash is rare, and the claim says so
        code = codes.new_code()
        if insert_ignore(conn, id_claims, {"kind": "case_code", "value": code,
                                           "record_id": change.record_id,
                                           "school_id": scope.school_id, "claimed_at": now}):
            return code


def on_closed(conn: Connection, now: int, case: Case, fan: Fanout) -> None:
    """The saga's end: move the 学籍 when approved, give it back otherwise."""
    if case.state == APPROVED:
        _move(conn, now, case, fan)
    else:
        _give_back(conn, now, case, fan)


def _move(conn: Connection, now: int, case: Case, fan: Fanout) -> None:
    row = records.load(conn, case.record_id, lock=True)
    receiving = case.parties[RECEIVING_SCHOOL]
    if row.school_id == receiving["party"]:
        return  # moved before: nothing to repeat
    version, class_name = row.version + 1, case.args.get("class_name")
    data = {**row.data, **({"class_name": class_name} if class_name else {})}
    conn.execute(students.delete().where(students.c.school_id == row.school_id,
                                         students.c.record_id == row.record_id))
    conn.execute(students.insert().values(
        record_id=row.record_id, school_id=receiving["party"], version=version, xjh=row.xjh,
        status=Status.ACTIVE.name, name=row.name, data=data, created_at=row.created_at,
        updated_at=now))
    add_history(conn, now, Place(receiving["party"], row.record_id), version, op="transfer",
                fields=["status", "school", *(["class_name"] if class_name else [])],
                payload={"case_id": case.case_id, "from": case.args["from_school_code"],
                         "to": receiving["school_code"]})
    conn.execute(id_claims.update().where(id_claims.c.record_id == row.record_id,
                                          id_claims.c.kind.in_(("id_number", "xjh")))
                 .values(school_id=receiving["party"]))
    fan.add(row.school_id, _tombstone(case, row, version, now))
    fan.add(receiving["party"], records.record_item(records.load(conn, row.record_id)))
    cases.log_event(case, now, "completed", "中心")


def _tombstone(case: Case, row: Any, version: int, now: int) -> FeedItem:
    receiving = case.parties[RECEIVING_SCHOOL]
    return FeedItem(seq=0, kind=TOMBSTONE, record_type="student", record_id=row.record_id,
                    version=version, snapshot={
                        "reason": "transferred_out", "status": Status.TRANSFERRED_OUT.name,
                        "case_id": case.case_id, "name": row.name, "xjh": row.xjh,
                        "to_school_code": receiving["school_code"],
                        "to_school_name": receiving["school_name"],
                        "effective_on": deadlines.local_date(now).isoformat()})


def _give_back(conn: Connection, now: int, case: Case, fan: Fanout) -> None:
    row = records.load(conn, case.record_id, lock=True)
    sending = case.parties[SENDING_SCHOOL]["party"]
    if row.school_id != sending or row.status != Status.TRANSFER_OUT_PENDING.name:
        return
    bump(conn, now, row, {"status": case.args["prior"]["status"]}, op="case", fields=["status"],
         payload={"case_id": case.case_id, "event": f"transfer_{case.state}"})
    fan.add(sending, records.record_item(records.load(conn, row.record_id)))
