"""The editor asks, as soon as an ID number is complete, whether the school already has it."""

from __future__ import annotations

from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from desktop.services.students.read import same_id_number
from tests.factories import valid_row


def test_finds_the_pupil_with_that_number(ws: Workspace) -> None:
    row = valid_row(name="王小明", seq=11)
    student = add_students(ws, [row, valid_row(name="李丽", seq=12)]).ids[0]
    found = same_id_number(ws, row["身份证件号"].lower())
    assert [(r.id, r.name, r.class_name) for r in found] == [(student, "王小明", "三年级(2)班")]
    assert same_id_number(ws, row["身份证件号"], exclude_id=student) == []
    assert same_id_number(ws, "440604201703050000") == []
