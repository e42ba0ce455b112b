"""The 学生基本信息表's grid: what repeats (rules, shading, numbers, labels, section titles) is
one form XObject shared by the pages with the same row layout, the values are on each page,
and a grid taller than the room left splits between rows as a Table does."""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader

from desktop.printing import student_form
from desktop.printing.fixed_grid import Cell, FixedGrid, Look, Row
from desktop.services.students.add import add_students
from desktop.services.students.printable import printable_students
from tests.factories import valid_row


def _forms_used(page: Any) -> set[str]:
    content = page.get_contents().get_data()
    return {name for name, ref in page["/Resources"].get("/XObject", {}).items()
            if ref.get_object().get("/Subtype") == "/Form" and name.encode() in content}


def test_pages_with_the_same_layout_share_one_grid_form(ws) -> None:
    add_students(ws, [valid_row(name="王小明", seq=11), valid_row(name="李四", seq=13),
                      valid_row(name="张三", seq=15)])
    reader = PdfReader(io.BytesIO(student_form.build(printable_students(ws, class_name="三年级(2)班"))))
    used = [_forms_used(page) for page in reader.pages]
    assert len(used) == 3 and len(used[0]) == 1
    assert used[0] == used[1] == used[2]
    texts = [page.extract_text() for page in reader.pages]
    assert "身份证件有效期" in texts[0]  # a label, drawn in the shared form, is still text
    assert "王小明" in "".join(texts) and "李四" in "".join(texts)  # values on their own pages


def test_a_grid_splits_between_rows_where_they_stop_fitting() -> None:
    rows = [Row(title=Cell("标题", 9, fixed=True))] + [Row((Cell("1", 7.5, True), Cell("值", 8)))] * 5
    grid = FixedGrid(rows, [40, 100], Look(padding=1.2))
    heights = grid.heights
    assert heights[0] > heights[1]  # a title row is as tall as an empty placeholder
    first, rest = grid.split(200, sum(heights[:3]) + 0.5)
    assert (len(first.rows), len(rest.rows)) == (3, 3)
    assert grid.split(200, heights[0] - 0.1) == []
    assert grid.split(200, grid.height) == [grid]
