"""学籍卡 PDFs: one card per student with the 学籍号, the status-change record and the photo."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage

from desktop.printing.student_card import build
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.students.add import add_students
from desktop.services.students.photos import normalise_photo, set_photo
from desktop.services.students.printable import printable_students
from desktop.services.students.read import StudentQuery, search
from tests.factories import valid_row


def _png() -> bytes:
    image = QImage(300, 400, QImage.Format.Format_RGB32)
    image.fill(QColor("#8ab4e8"))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(buffer.data())


def test_card_shows_numbers_changes_and_photo(ws):
    row = valid_row(name="王小明", seq=11)
    add_students(ws, [row])
    student = search(ws, StudentQuery()).rows[0]
    set_photo(ws, student.id, normalise_photo(_png()))
    apply_change(ws, ChangeRequest(student=row["身份证件号"], change="休学",
                                   effective=dt.date(2026, 3, 2), until=dt.date(2026, 8, 31),
                                   reason="因病住院"))
    data = build(printable_students(ws, student=row["身份证件号"]))
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "王小明" in text and ("G" + row["身份证件号"]) in text
    assert "休学" in text and "因病住院" in text and "2026-03-02" in text
    # the photo is embedded once, as the page's only image; the fixed grid furniture may be
    # form XObjects shared by the cards
    xobjects = reader.pages[0]["/Resources"]["/XObject"]
    kinds = [xobject.get_object()["/Subtype"] for xobject in xobjects.values()]
    assert kinds.count("/Image") == 1 and set(kinds) <= {"/Image", "/Form"}
    assert data.count(b"/Subtype /Image") == 1


def test_a_class_gets_one_card_each(ws):
    add_students(ws, [valid_row(name="李四", seq=13), valid_row(name="张三", seq=15,
                                                               birth=dt.date(2017, 7, 1))])
    reader = PdfReader(io.BytesIO(build(printable_students(ws, class_name="三年级(2)班"))))
    assert [("李四" in p.extract_text(), "张三" in p.extract_text()) for p in reader.pages] == [
        (True, False), (False, True)]
