"""学生信息核对表 from a real encrypted database: one page per pupil of a class in roster
order, every item of the national form with its registered value and an empty 更正 column,
long addresses and both family members still on one page."""

from __future__ import annotations

import io

from pypdf import PdfReader

from desktop.domain.fields import ALL_STUDENT_FIELDS, MEMBER_FIELDS
from desktop.printing import check_sheet
from desktop.services.students.add import add_students
from desktop.services.students.printable import printable_students
from tests.factories import valid_row

LONG = "广东省佛山市禅城区祖庙街道人民路一百二十三号金色家园小区七栋二单元一千零一室（靠近祖庙地铁站C出口）"


def test_one_page_per_pupil_with_every_item_and_a_corrections_column(ws) -> None:
    first = {**valid_row(name="王小明", seq=11), "现住址": LONG, "通信地址": LONG, "家庭地址": LONG}
    add_students(ws, [first, valid_row(name="李小红", seq=12)])
    data = check_sheet.build(printable_students(ws, class_name="三年级(2)班"))
    pages = ["".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages]
    assert len(pages) == 2
    assert "李小红" in pages[0] and "王小明" in pages[1]  # roster (pinyin) order
    for header in [spec.header for spec in (*ALL_STUDENT_FIELDS, *MEMBER_FIELDS)]:
        assert "".join(header.split()) in pages[1], header
    assert pages[1].count("更正（家长填写）") == 2 and "家长（监护人）签字" in pages[1]
    assert "".join(LONG.split())[:20] in pages[1]
    assert "王大明" in pages[1] and "李丽" in pages[1]  # both family members
