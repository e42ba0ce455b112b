"""Guardian requests (standing in for the national mobile channel): a guardian asks for
contact items of a pupil to be updated; the school answers item by item.

A request names the school, the pupil's ID number and the guardian's phone, which must be
one the record already holds (the pupil's or a family member's); anything else gets the same
refusal, so the endpoint tells nothing about who studies where. Only items of `SAFE_ITEMS`
can be asked for. The school receives a `guardian_request` feed item and answers with the
`answer_guardian_request` command; accepted items are written into the record (a new
version, in the school's feed) and the guardian sees per item whether it was accepted.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, select

from central.cases import codes
from central.context import DeviceScope, iso, json_object, json_text
from central.store import records
from central.store.db import guardian_requests, id_claims, insert_ignore
from central.store.fanout import Fanout
from central.store.record_edits import bump
from central.store.records import Refusal
from central.store.schools import school_by_code
from desktop.domain.errors import DomainError
from desktop.domain.fields import ALL_STUDENT_FIELDS
from desktop.domain.idnumber import parse_resident_id
from desktop.domain.ids import new_id
from desktop.domain.text_rules import text_problem
from desktop.sync.wire.protocol import Change, FeedItem

GUARDIAN_REQUEST = "guardian_request"
OPEN, ANSWERED = "open", "answered"
_STUDENT_ITEMS = ("current_address", "mailing_address", "home_address", "phone", "postcode",
                  "email")
_MEMBER_ITEMS = {"name": "姓名", "phone": "联系电话", "address": "现住址", "employer": "工作单位"}
_HEADERS = {spec.key: spec.header for spec in ALL_STUDENT_FIELDS}
SAFE_ITEMS: dict[str, str] = {key: _HEADERS[key] for key in _STUDENT_ITEMS} | {
    f"member{slot}.{key}": f"家庭成员{slot}{label}"
    for slot in (1, 2) for key, label in _MEMBER_ITEMS.items()}
_PATTERNS = {"phone": r"[0-9+\-() ]{5,20}", "postcode": r"\d{6}", "email": r"[^@\s]+@[^@\s]+\.[^@\s]+"}
UNVERIFIED = "未能核对学生与监护人信息，请核对学校标识码、学生身份证件号和监护人电话。"


class GuardianProblem(Exception):
    """A request the public endpoint refuses (code, Chinese message)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(code)
        self.code, self.message = code, message


def check_items(changes: dict[str, str]) -> dict[str, str]:
    """The requested items, trimmed; GuardianProblem for an unknown item or a bad value."""
    unknown = sorted(set(changes) - set(SAFE_ITEMS))
    if unknown:
        raise GuardianProblem("item_not_allowed", f"不能通过此渠道修改“{unknown[0]}”。可修改："
                              + "、".join(SAFE_ITEMS.values()) + "。")
    kept = {key: value.strip() for key, value in changes.items()}
    for key, value in kept.items():
        pattern = _PATTERNS.get(key.rsplit(".", 1)[-1], r".{1,120}")
        if not value or not re.fullmatch(pattern, value):
            raise GuardianProblem("invalid_value", f"“{SAFE_ITEMS[key]}”的内容不正确。")
        if text_problem(value, name=key.endswith(".name")) is not None:
            raise GuardianProblem("invalid_value", f"“{SAFE_ITEMS[key]}”含有控制字符、改变文字方向的"
                                  "字符或转义写法（姓名只能是文字、间隔号和空格），请改正后重新提交。")
    return kept


def submit(conn: Connection, now: int, school_code: str, id_number: str, phone: str,
           changes: dict[str, str]) -> str:
    """Store the request and deliver it to the school; returns its code (stored form)."""
    items = check_items(changes)
    row = _verified_record(conn, school_code, id_number, phone)
    request_id, code = new_id(), _claim_code(conn, now, row.school_id)
    body = {"items": items, "guardian_phone": phone.strip(), "answers": {}, "submitted_at": iso(now),
            "answered_at": None, "applied_version": None}
    conn.execute(guardian_requests.insert().values(
        school_id=row.school_id, request_id=request_id, code=code, record_id=row.record_id,
        state=OPEN, body=body, version=1, created_at=now))
    fan = Fanout()
    fan.add(row.school_id, feed_item(conn, _load(conn, row.school_id, request_id)))
    fan.flush(conn, now)
    return code


def _verified_record(conn: Connection, school_code: str, id_number: str, phone: str) -> Any:
    school = school_by_code(conn, school_code.strip())
    try:
        number = parse_resident_id(id_number.strip().upper()).number
    except DomainError:
        number = None
    holder = conn.scalar(select(id_claims.c.record_id).where(
        id_claims.c.kind == "id_number", id_claims.c.value == number)) if number else None
    row = records.load(conn, holder) if holder else None
    if school is None or row is None or row.school_id != school.school_id \
            or _digits(phone) not in _known_phones(row.data):
        raise GuardianProblem("guardian_unverified", UNVERIFIED)
    return row


def _digits(text: Any) -> str:
    return re.sub(r"\D", "", text) if isinstance(text, str) else ""


def _known_phones(data: dict[str, Any]) -> set[str]:
    phones = {_digits(data.get("phone"))}
    phones |= {_digits(m.get("phone")) for m in data.get("members") or [] if isinstance(m, dict)}
    return phones - {""}


def _claim_code(conn: Connection, now: int, school_id: str) -> str:
    while True:
        code = codes.new_code()
        if insert_ignore(conn, id_claims, {"kind": "guardian", "value": code, "record_id": school_id,
                                           "school_id": school_id, "claimed_at": now}):
            return code


def _load(conn: Connection, school_id: str, request_id: str, *, lock: bool = False) -> Any:
    stmt = select(guardian_requests).where(guardian_requests.c.school_id == school_id,
                                           guardian_requests.c.request_id == request_id)
    return conn.execute(stmt.with_for_update() if lock else stmt).first()


def by_code(conn: Connection, text: str) -> Any:
    code = codes.normalise(text)
    school_id = conn.scalar(select(id_claims.c.school_id).where(
        id_claims.c.kind == "guardian", id_claims.c.value == code)) if code else None
    if school_id is None:
        return None
    return conn.execute(select(guardian_requests).where(
        guardian_requests.c.school_id == school_id, guardian_requests.c.code == code)).first()


def feed_item(conn: Connection, request: Any) -> FeedItem:
    record = records.load(conn, request.record_id)
    body = request.body
    items = [{"field": key, "label": SAFE_ITEMS[key], "requested": value,
              "current": _current(record.data, key) if record else None}
             for key, value in body["items"].items()]
    snapshot = {"request_id": request.request_id, "code": codes.printed(request.code),
                "record_id": request.record_id, "state": request.state,
                "student": {"name": record.name, "xjh": record.xjh} if record else None,
                "guardian_phone": body["guardian_phone"], "items": items,
                "answers": body["answers"], "submitted_at": body["submitted_at"],
                "answered_at": body["answered_at"], "applied_version": body["applied_version"]}
    return FeedItem(seq=0, kind=GUARDIAN_REQUEST, record_type=GUARDIAN_REQUEST,
                    record_id=request.request_id, version=request.version, snapshot=snapshot)


def _current(data: dict[str, Any], key: str) -> Any:
    if not key.startswith("member"):
        return data.get(key)
    member = _member(data, key)
    return member.get(key.split(".")[1]) if member else None


def _member(data: dict[str, Any], key: str) -> dict[str, Any] | None:
    slot = int(key[len("member")])
    for member in data.get("members") or []:
        if isinstance(member, dict) and member.get("slot") == slot:
            return member
    return None


def answer_command(conn: Connection, now: int, scope: DeviceScope,
                   change: Change) -> tuple[int, dict[str, str]]:
    """The school's `answer_guardian_request`: (the request's new version, nothing assigned)."""
    command = change.payload.get("command")
    if change.op != "command" or not isinstance(command, dict) \
            or command.get("name") != "answer_guardian_request":
        raise Refusal("unknown_command", "中心不认识这项操作，请升级程序后重试。")
    request = _load(conn, scope.school_id, change.record_id, lock=True)
    if request is None:
        raise Refusal("out_of_scope" if _elsewhere(conn, change.record_id) else "not_found",
                      "本校没有这项监护人申请。")
    if request.state != OPEN:
        raise Refusal("request_answered", "这项监护人申请已经答复过。", current_state=request.state)
    args = json_object(command.get("args"))
    answers = _answers(request.body["items"], args)
    version = _apply(conn, now, scope, request, answers)
    body = {**request.body, "answers": answers, "answered_at": iso(now), "applied_version": version}
    conn.execute(guardian_requests.update().where(
        guardian_requests.c.school_id == scope.school_id,
        guardian_requests.c.request_id == request.request_id)
        .values(state=ANSWERED, body=body, version=request.version + 1, answered_at=now))
    fan = Fanout()
    fan.add(scope.school_id, feed_item(conn, _load(conn, scope.school_id, request.request_id)))
    fan.flush(conn, now)
    return request.version + 1, {}


def _elsewhere(conn: Connection, request_id: str) -> bool:
    return conn.execute(select(guardian_requests.c.request_id).where(
        guardian_requests.c.request_id == request_id)).first() is not None


def _answers(items: dict[str, str], args: dict[str, Any]) -> dict[str, dict[str, Any]]:
    given = json_object(args.get("answers"))
    reasons = json_object(args.get("reasons"))
    if set(given) != set(items) or not {json_text(word) for word in given.values()} <= {"accept", "reject"}:
        raise Refusal("invalid_command", "请对申请中的每一项答复接受（accept）或不接受（reject）。",
                      field="answers")
    outcome = {"accept": "accepted", "reject": "rejected"}
    return {key: {"outcome": outcome[given[key]],
                  "reason": str(reasons.get(key) or "")[:200] or None} for key in items}


def _apply(conn: Connection, now: int, scope: DeviceScope, request: Any,
           answers: dict[str, dict[str, Any]]) -> int | None:
    """Write the accepted items into the record; its new version (None: nothing accepted)."""
    accepted = {k: v for k, v in request.body["items"].items() if answers[k]["outcome"] == "accepted"}
    if not accepted:
        return None
    row = records.load_own(conn, scope.school_id, request.record_id)
    data = {**row.data, "members": [dict(m) for m in row.data.get("members") or []]}
    for key, value in accepted.items():
        if not key.startswith("member"):
            data[key] = value
            continue
        member = _member(data, key)
        if member is None:
            raise Refusal("invalid_command",
                          f"记录中没有{SAFE_ITEMS[key][:5]}，不能接受“{SAFE_ITEMS[key]}”。", field=key)
        member[key.split(".")[1]] = value
    fields = sorted({key if "." not in key else "members" for key in accepted})
    version = bump(conn, now, row, {"data": data}, op="guardian", fields=fields,
                   payload={"request_id": request.request_id, "items": accepted})
    records.publish(conn, now, row.record_id)
    return version


def public_view(request: Any) -> dict[str, Any]:
    """What the guardian sees with the request code: items and outcomes, never values."""
    answers = request.body["answers"]
    return {"code": codes.printed(request.code), "state": request.state,
            "state_label": "已答复" if request.state == ANSWERED else "学校办理中",
            "submitted_at": request.body["submitted_at"], "answered_at": request.body["answered_at"],
            "items": [{"field": key, "label": SAFE_ITEMS[key],
                       "outcome": answers.get(key, {}).get("outcome", "pending")}
                      for key in request.body["items"]]}
