"""Checking paper copies: the footer code of a printed page against the record it came from —
unchanged, changed since, altered, from another database, unknown; read from text, the QR
payload or a whole class PDF."""

from __future__ import annotations

import dataclasses

import pytest

from desktop.printing import certificate, student_form
from desktop.printing.verify import (
    MATCH,
    MISMATCH,
    NEWER,
    OUTDATED,
    UNKNOWN,
    check_mark,
    check_marks,
    marks_in_pdf,
    marks_in_text,
)
from desktop.services.errors import ServiceError
from desktop.services.students.add import add_students
from desktop.services.students.printable import printable_students
from desktop.services.students.update import update_student
from tests.factories import valid_row


@pytest.fixture
def printed(ws):
    row = valid_row(name="王小明", seq=11)
    add_students(ws, [row])
    [student] = printable_students(ws, row["身份证件号"])
    [mark] = marks_in_pdf(certificate.build([student]))
    return ws, row, student, mark


def test_fresh_print_matches(printed) -> None:
    ws, _row, student, mark = printed
    assert (mark.record_id, mark.version) == (student.record_id, student.version)
    check = check_mark(ws, mark)
    assert check.outcome == MATCH and check.name == "王小明"


def test_print_before_a_change_is_outdated(printed) -> None:
    ws, row, student, mark = printed
    update_student(ws, student.record_id, {**row, "现住址": "广东省佛山市顺德区新地址路1号"})
    check = check_mark(ws, mark)
    assert check.outcome == OUTDATED
    assert check.current_version == student.version + 1
    assert f"第 {student.version} 版" in check.explanation


def test_altered_paper_does_not_match(printed) -> None:
    ws, _row, _student, mark = printed
    forged = dataclasses.replace(mark, digest="0" * 12 if mark.digest != "0" * 12 else "1" * 12)
    assert check_mark(ws, forged).outcome == MISMATCH


def test_paper_newer_than_database(printed) -> None:
    ws, _row, _student, mark = printed
    assert check_mark(ws, dataclasses.replace(mark, version=mark.version + 3)).outcome == NEWER


def test_unknown_record(printed) -> None:
    ws, _row, _student, mark = printed
    other = dataclasses.replace(mark, record_id="0190c2a4-0000-7000-8000-000000000000")
    assert check_mark(ws, other).outcome == UNKNOWN


def test_codes_read_from_footer_text_and_qr_payload(printed) -> None:
    _ws, _row, _student, mark = printed
    footer = f"记录 {mark.record_id}  版本 {mark.version}  校验 {mark.digest.upper()}  第 1 页"
    payload = f"xueji:{mark.record_id}:{mark.version}:{mark.digest}"
    assert marks_in_text(footer) == [mark]
    assert marks_in_text(payload + "\n" + footer) == [mark]  # the same page counted once
    assert marks_in_text("没有校验码的文字") == []


def test_class_pdf_gives_one_code_per_student(ws) -> None:
    rows = [valid_row(name=name, seq=seq) for name, seq in (("甲一", 11), ("乙二", 12), ("丙三", 13))]
    add_students(ws, rows)
    students = printable_students(ws, class_name=rows[0]["班级"])
    marks = marks_in_pdf(student_form.build(students))
    assert {m.record_id for m in marks} == {s.record_id for s in students}
    assert {c.outcome for c in check_marks(ws, marks)} == {MATCH}


def test_not_a_pdf_is_refused() -> None:
    with pytest.raises(ServiceError) as caught:
        marks_in_pdf(b"this is not a pdf")
    assert caught.value.code == "verify_print.not_a_pdf"
