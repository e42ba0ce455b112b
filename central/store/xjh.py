"""学籍号 on the server: G + ID number after the national duplicate check, L otherwise.

National uniqueness rests on `id_claims` (kind, value): whoever inserts a claim first holds
it. A second record claiming the same ID number is a possible 一人多籍: it keeps an L number,
and a finding goes to the feed of every school involved.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from central.store.db import finding_parties, findings, id_claims, insert_ignore, schools, students
from central.store.fanout import Fanout
from desktop.domain.errors import DomainError
from desktop.domain.idnumber import mask, parse_resident_id
from desktop.domain.ids import new_id
from desktop.domain.xjh import g_number, l_number
from desktop.sync.wire.protocol import FINDING, FeedItem

RESIDENT_ID = "1"  # 身份证件类型: 居民身份证
_CLAIM = select(id_claims).where(id_claims.c.kind == bindparam("kind"),
                                 id_claims.c.value == bindparam("value"))


@dataclass(frozen=True)
class Holder:
    """A record that holds (or wants) a claim."""

    record_id: str
    school_id: str


@dataclass(frozen=True)
class Assignment:
    number: str
    duplicate_of: Holder | None = None  # the record already holding the ID number
    resident_id: str | None = None


def resident_id_of(data: dict[str, Any]) -> str | None:
    """The checked resident ID number of a record, or None (other document, or invalid)."""
    if data.get("id_type") != RESIDENT_ID or not data.get("id_number"):
        return None
    try:
        return parse_resident_id(str(data["id_number"])).number
    except DomainError:
        return None


def claim(conn: Connection, now: int, kind: str, value: str, who: Holder) -> Holder | None:
    """Claim `value` for `who`; None when it is theirs now, else the record holding it."""
    if insert_ignore(conn, id_claims, {"kind": kind, "value": value, "record_id": who.record_id,
                                       "school_id": who.school_id, "claimed_at": now}):
        return None
    row = conn.execute(_CLAIM, {"kind": kind, "value": value}).one()
    holder = Holder(row.record_id, row.school_id)
    return None if holder.record_id == who.record_id else holder


def release(conn: Connection, kind: str, value: str, record_id: str) -> None:
    conn.execute(id_claims.delete().where(id_claims.c.kind == kind, id_claims.c.value == value,
                                          id_claims.c.record_id == record_id))


def assign_new(conn: Connection, now: int, who: Holder, data: dict[str, Any]) -> Assignment:
    """The number of a new record (and who already holds its ID number, if anyone)."""
    resident_id = resident_id_of(data)
    if resident_id is None:
        return Assignment(new_l_number(conn, now, who, data))
    holder = claim(conn, now, "id_number", resident_id, who)
    if holder is None and claim(conn, now, "xjh", g_number(resident_id), who) is None:
        return Assignment(g_number(resident_id), resident_id=resident_id)
    return Assignment(new_l_number(conn, now, who, data), holder, resident_id)


def reassess(conn: Connection, now: int, who: Holder, before: dict[str, Any],
             after: dict[str, Any], number: str | None) -> Assignment:
    """After an edit of the ID items: move the claim, and turn an L number into G if free."""
    old_id, new_id_number = resident_id_of(before), resident_id_of(after)
    current = number or new_l_number(conn, now, who, after)
    if old_id == new_id_number:
        return Assignment(current)
    if old_id:
        release(conn, "id_number", old_id, who.record_id)
    if new_id_number is None:
        return Assignment(current)
    holder = claim(conn, now, "id_number", new_id_number, who)
    if holder is not None:
        return Assignment(current, holder, new_id_number)
    if current.startswith("L") and claim(conn, now, "xjh", g_number(new_id_number), who) is None:
        return Assignment(g_number(new_id_number), resident_id=new_id_number)
    return Assignment(current, resident_id=new_id_number)


def new_l_number(conn: Connection, now: int, who: Holder, data: dict[str, Any]) -> str:
    """L + the school's region + birth date + the first free 4-digit serial."""
    birth = dt.date.fromisoformat(str(data["birth_date"]))
    region = conn.execute(select(schools.c.region).where(schools.c.school_id == who.school_id)).scalar_one()
    prefix = l_number(region, birth, 0)[:-4]
    taken = conn.scalar(select(func.count()).select_from(id_claims).where(
        id_claims.c.kind == "xjh", id_claims.c.value.like(prefix + "%"))) or 0
    for serial in range(taken + 1, taken + 10001):
        number = l_number(region, birth, serial)
        if claim(conn, now, "xjh", number, who) is None:
            return number
    raise RuntimeError("no free L number serial")


def report_duplicate(conn: Connection, now: int, resident_id: str, parties: list[Holder],
                     fan: Fanout) -> str:
    """Record a possible 一人多籍 and deliver it to every school involved; returns its id."""
    finding_id = new_id()
    body = _finding_body(conn, finding_id, resident_id, parties)
    conn.execute(findings.insert().values(finding_id=finding_id, kind=body["code"], body=body,
                                          created_at=now))
    for party in parties:
        conn.execute(finding_parties.insert().values(
            finding_id=finding_id, record_id=party.record_id, school_id=party.school_id))
    item = FeedItem(seq=0, kind=FINDING, record_type="finding", record_id=finding_id, version=1,
                    snapshot=body)
    for school_id in sorted({party.school_id for party in parties}):
        fan.add(school_id, item)
    return finding_id


def _finding_body(conn: Connection, finding_id: str, resident_id: str,
                  parties: list[Holder]) -> dict[str, Any]:
    records = [_party_summary(conn, party) for party in parties]
    where = "、".join(dict.fromkeys(record["school_name"] for record in records))
    return {
        "finding_id": finding_id, "code": "duplicate_id_number", "title": "疑似一人多籍",
        "id_number_masked": mask(resident_id), "students": records,
        "message": f"身份证件号 {mask(resident_id)} 在{where}有{len(records)}条学籍记录，"
                   "疑似一人多籍，请核实后处理。",
    }


def _party_summary(conn: Connection, party: Holder) -> dict[str, Any]:
    row = conn.execute(select(students.c.name, students.c.xjh, schools.c.code, schools.c.name)
                       .join(schools, schools.c.school_id == students.c.school_id)
                       .where(students.c.record_id == party.record_id)).one()
    return {"record_id": party.record_id, "name": row[0], "xjh": row[1],
            "school_code": row[2], "school_name": row[3]}
