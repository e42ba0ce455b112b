"""学籍号 assignment and the national duplicate check: G + ID number for a valid resident
ID held by nobody else, L otherwise; a second record with the same ID number raises a
一人多籍 finding that reaches every school involved."""

from __future__ import annotations

import datetime as dt
import re

from desktop.domain.xjh import parse
from tests.central.desk import SCHOOL_A, SCHOOL_B, Central, Desk, id_number, student_payload

BIRTH = dt.date(2017, 3, 5)


def created_number(desk: Desk, payload: dict) -> tuple[str, str]:
    create = desk.create(payload)
    result = desk.push(create).results[0]
    assert result.status == "applied", result
    return create.record_id, result.assigned["xjh"]


def findings(desk: Desk) -> list:
    items, _cursor = desk.pull_all()
    return [item for item in items if item.kind == "finding"]


def test_a_valid_resident_id_gives_a_g_number(central: Central) -> None:
    desk = central.desk()
    record_id, number = created_number(desk, student_payload())
    assert number == "G" + id_number() and parse(number) == number
    items, _ = desk.pull_all()
    [item] = [i for i in items if i.record_id == record_id]
    assert (item.snapshot["xjh"], item.snapshot["xjh_kind"], item.version) == (number, "G", 1)


def test_without_a_valid_resident_id_the_number_is_l(central: Central) -> None:
    desk = central.desk()
    wrong_check = id_number()[:-1] + ("0" if id_number()[-1] != "0" else "1")
    payloads = [{**student_payload(seq=11), "id_number": wrong_check},
                {**student_payload(seq=13), "id_type": "A", "id_number": "E12345678"},
                {k: v for k, v in student_payload(seq=15).items() if k != "id_number"}]
    numbers = [created_number(desk, payload)[1] for payload in payloads]
    for number in numbers:
        assert re.fullmatch(r"L440604" + f"{BIRTH:%Y%m%d}" + r"\d{4}", number), number
    assert len(set(numbers)) == 3


def test_a_second_school_with_the_same_id_number_raises_a_finding_for_both(
        central: Central) -> None:
    first, second = central.desk(SCHOOL_A), central.desk(SCHOOL_B)
    first_id, first_number = created_number(first, student_payload())
    second_id, second_number = created_number(second, student_payload(**{"班级": "一年级(1)班"}))
    assert first_number.startswith("G") and second_number.startswith("L")
    seen_by_first, seen_by_second = findings(first), findings(second)
    assert len(seen_by_first) == len(seen_by_second) == 1
    assert seen_by_first[0].record_id == seen_by_second[0].record_id
    body = seen_by_first[0].snapshot
    assert body["title"] == "疑似一人多籍" and "一人多籍" in body["message"]
    assert [(s["record_id"], s["school_code"], s["xjh"]) for s in body["students"]] == \
        [(first_id, SCHOOL_A, first_number), (second_id, SCHOOL_B, second_number)]
    assert body["id_number_masked"] == "440604********" + id_number()[-4:]
    assert second_id not in {item.record_id for item in first.pull_all()[0] if item.kind == "record"}


def test_a_duplicate_within_one_school_is_reported_once(central: Central) -> None:
    desk = central.desk()
    created_number(desk, student_payload())
    _, number = created_number(desk, student_payload())
    assert number.startswith("L")
    assert len(findings(desk)) == 1


def test_correcting_the_id_number_turns_an_l_number_into_g(central: Central) -> None:
    desk = central.desk()
    wrong = id_number()[:-1] + ("0" if id_number()[-1] != "0" else "1")
    record_id, number = created_number(desk, {**student_payload(), "id_number": wrong})
    assert number.startswith("L")
    fixed = desk.push(desk.change("patch", record_id, {"id_number": id_number()}, 1)).results[0]
    assert (fixed.status, fixed.assigned) == ("applied", {"xjh": "G" + id_number()})
    other = central.desk(SCHOOL_B)
    _, taken = created_number(other, student_payload())
    assert taken.startswith("L")  # the corrected record now holds the ID number


def test_the_server_ignores_the_number_a_desk_proposes(central: Central) -> None:
    desk = central.desk()
    payload = {**student_payload(), "xjh": "G110105201001010011", "xjh_provisional": False}
    _, number = created_number(desk, payload)
    assert number == "G" + id_number()
    snapshot = desk.pull_all()[0][0].snapshot
    assert snapshot["xjh"] == number and snapshot["xjh_provisional"] is False
    assert {"name", "members", "class_name", "status"} <= set(snapshot)  # as the desk sent it
