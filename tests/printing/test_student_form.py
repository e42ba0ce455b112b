"""学生基本信息表 PDFs from real records: one page per student in roster order, every font
embedded, the name (also outside the BMP) and the ID number extractable, the footer carrying
the record id and the version hash, and the same data giving the same bytes."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from desktop.printing.layout import version_hash
from desktop.printing.student_form import build
from desktop.services.errors import ServiceError
from desktop.services.students.add import add_students
from desktop.services.students.printable import printable_students
from tests.factories import valid_row


def _pages(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]


@pytest.fixture
def seeded(ws):
    rows = [valid_row(name="欧阳𠮷祥", seq=11), valid_row(name="李四", seq=13,
                                                         birth=dt.date(2017, 6, 1)),
            valid_row(name="张三", seq=15, birth=dt.date(2017, 7, 1), class_name="四年级(1)班")]
    rows[0]["现住址"] = "广东省佛山市禅城区祖庙街道人民路一百二十三号金色家园小区七栋二单元一千零一室"
    add_students(ws, rows)
    return ws, rows


def test_one_student_one_page_with_name_id_and_footer(seeded):
    ws, rows = seeded
    [student] = printable_students(ws, student=rows[0]["身份证件号"])
    [text] = _pages(build([student]))
    assert "欧阳𠮷祥" in text
    assert rows[0]["身份证件号"] in text
    assert student.record_id in text
    assert version_hash(student.snapshot) in text
    assert "Ouyang Jixiang" in text  # 姓名拼音 (item 14), compound surname and Ext-B reading


def test_a_class_prints_in_roster_order(seeded):
    ws, _rows = seeded
    students = printable_students(ws, class_name="三年级(2)班")
    pages = _pages(build(students))
    assert len(pages) == 2
    assert "李四" in pages[0] and "欧阳𠮷祥" in pages[1]  # li before ouyang


def test_every_font_is_embedded(seeded):
    ws, _rows = seeded
    reader = PdfReader(io.BytesIO(build(printable_students(ws, class_name="三年级(2)班"))))
    for page in reader.pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            assert font.get("/Subtype") == "/TrueType"  # a Type1 base font is never embedded
            assert "/FontFile2" in font["/FontDescriptor"]


def test_same_data_same_bytes(seeded):
    ws, _rows = seeded
    students = printable_students(ws, class_name="三年级(2)班")
    assert build(students) == build(students)


def test_unknown_class_is_refused(seeded):
    ws, _rows = seeded
    with pytest.raises(ServiceError) as caught:
        printable_students(ws, class_name="九年级(9)班")
    assert caught.value.code == "print.class_not_found"
