"""A command or a record that holds a list where a word belongs (a command name, a decision,
a target status, a guardian answer, a record's status) is answered like any other unknown
word: refused with its code, or the default status, never a 500 (a list cannot be looked
up in a table of words: that raised TypeError inside the push)."""

from __future__ import annotations

import dataclasses

import pytest

from tests.central.cases.test_cases import open_transfer
from tests.central.cases.test_guardian import answer as answer_guardian
from tests.central.cases.test_guardian import delivered, submit
from tests.central.cases_kit import answer, case_change, status_change, two_schools
from tests.central.desk import Central, student_payload

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
LIST = ["agree"]


def test_a_case_command_named_by_a_list_is_unknown(central: Central) -> None:
    schools = two_schools(central)
    case_id, _code = open_transfer(schools)
    odd = schools.push_one(schools.a, case_change(schools.a, case_id, LIST))
    assert (odd.status, odd.error.code) == ("rejected", "unknown_command")


def test_a_decision_given_as_a_list_is_refused(central: Central) -> None:
    schools = two_schools(central)
    case_id, _code = open_transfer(schools)
    odd = schools.push_one(schools.a, answer(schools.a, case_id, LIST))
    assert (odd.status, odd.error.code, odd.error.field) == ("rejected", "invalid_command", "decision")


def test_a_record_command_named_by_a_list_is_unknown(central: Central) -> None:
    schools = two_schools(central)
    change = status_change(schools.a, schools.pupil, "休学", "ACTIVE", "SUSPENDED")
    command = {**change.payload["command"], "name": LIST}
    odd = schools.push_one(schools.a, dataclasses.replace(change, payload={"command": command}))
    assert (odd.status, odd.error.code) == ("rejected", "unknown_command")


def test_a_target_status_given_as_a_list_is_refused(central: Central) -> None:
    schools = two_schools(central)
    change = status_change(schools.a, schools.pupil, "休学", "ACTIVE", "SUSPENDED")
    command = change.payload["command"]
    command = {**command, "args": {**command["args"], "to": ["SUSPENDED"]}}
    odd = schools.push_one(schools.a, dataclasses.replace(change, payload={"command": command}))
    assert (odd.status, odd.error.code, odd.error.field) == ("rejected", "invalid_command", "status")


def test_guardian_answers_given_as_lists_are_refused(central: Central) -> None:
    schools = two_schools(central)
    submit(central)
    request = delivered(schools.a)
    odd = answer_guardian(schools.a, request["request_id"],
                          {"home_address": ["accept"], "member1.phone": "reject"})
    assert (odd.status, odd.error.code) == ("rejected", "invalid_command")
    assert delivered(schools.a)["state"] == "open"


def test_a_new_record_whose_status_is_a_list_starts_at_school(central: Central) -> None:
    desk = central.desk()
    change = desk.create({**student_payload(), "status": ["SUSPENDED"]})
    assert desk.push(change).results[0].status == "applied"
    [record] = [item for item in desk.pull_all()[0] if item.record_id == change.record_id]
    assert record.snapshot["status"] == "ACTIVE"
