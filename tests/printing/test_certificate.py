"""学籍证明: the pupil's identity, 学籍号, class and status, the school, dated, verifiable."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from desktop.printing.certificate import build
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.students.add import add_students
from desktop.services.students.printable import printable_students
from tests.factories import valid_row


def test_certificate_states_identity_class_and_status(ws):
    row = valid_row(name="王小明", seq=11)
    add_students(ws, [row])
    apply_change(ws, ChangeRequest(student=row["身份证件号"], change="休学",
                                   effective=dt.date(2026, 3, 2), until=dt.date(2026, 8, 31)))
    [student] = printable_students(ws, student=row["身份证件号"])
    text = PdfReader(io.BytesIO(build([student], dt.date(2026, 11, 26)))).pages[0].extract_text()
    flat = text.replace("\n", "")
    assert "王小明" in flat and "2017-03-05出生" in flat
    assert "G" + row["身份证件号"] in flat and "三年级(2)班" in flat
    assert "学籍状态：休学" in flat
    assert "2026年11月26日" in flat and student.record_id in flat
