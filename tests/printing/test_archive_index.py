"""学籍档案 cover and 卷内目录: two pages per student, fonts embedded, the cover's identity and
location and the index's documents, states and notes extractable as text."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from desktop.printing.archive_index import build
from desktop.services.archive.read import archive_index_items
from desktop.services.archive.shapes import Location
from desktop.services.archive.write import ItemDetails, lend, set_item, set_location
from desktop.services.students.add import add_students
from desktop.services.students.printable import printable_students
from tests.factories import valid_row


def _pdf(ws) -> bytes:  # type: ignore[no-untyped-def]
    first, second = valid_row(name="王小明", seq=11), valid_row(name="李小红", seq=12)
    ids = add_students(ws, [first, second], today=dt.date(2026, 9, 7)).ids
    set_location(ws, ids[0], Location("3", "2", "15"))
    set_item(ws, ids[0], "basic_form", True, ItemDetails(copies=1, pages=2, note="家长已签字"))
    set_item(ws, ids[0], "photo", True, ItemDetails(copies=2))
    lend(ws, ids[0], "教导处刘老师", "核对材料", dt.date(2026, 12, 1), dt.date(2026, 11, 20))
    items = archive_index_items(ws, printable_students(ws, class_name="三年级(2)班"))
    return build(items)


def test_cover_and_index_for_each_student(ws) -> None:  # type: ignore[no-untyped-def]
    reader = PdfReader(io.BytesIO(_pdf(ws)))
    assert len(reader.pages) == 4
    texts = [page.extract_text().replace("\n", "") for page in reader.pages]
    cover = next(t for t in texts if "学生学籍档案" in t and "王小明" in t)
    assert "测试县第一小学" in cover and "2017-03-05" in cover and "2024年09月" in cover
    assert "3柜 2层 15盒" in cover and "三年级(2)班" in cover
    index = next(t for t in texts if "卷内目录" in t and "王小明" in t)
    assert "学生基本信息表（签字）" in index and "1份/2页" in index and "家长已签字" in index
    assert "待补（必备）" in index  # the identity copy is still missing
    assert "必备材料 3 项，缺 1 项" in index
    assert "借阅中：教导处刘老师" in index
    assert "（未登记）" in next(t for t in texts if "学生学籍档案" in t and "李小红" in t)


def test_fonts_are_embedded(ws) -> None:  # type: ignore[no-untyped-def]
    reader = PdfReader(io.BytesIO(_pdf(ws)))
    fonts = {}
    for page in reader.pages:
        for reference in page["/Resources"]["/Font"].values():
            font = reference.get_object()
            fonts[font["/BaseFont"]] = font
    assert fonts
    for name, font in fonts.items():
        descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = descendant["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
