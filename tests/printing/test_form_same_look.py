"""The 学生基本信息表 draws its fixed grid with plain-text cells where a paragraph would have
shown one line: rendered with pdftoppm, every page looks as it did when each cell was a
paragraph (the earlier table is kept here as the reference), for names outside the BMP,
long addresses that wrap, labels that wrap, empty items and values with runs of spaces."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops
from reportlab.lib import colors
from reportlab.platypus import Table, TableStyle

from desktop.printing import student_form
from desktop.printing.fonts import SANS
from desktop.printing.layout import para
from desktop.services.students.add import add_students
from desktop.services.students.printable import printable_students
from tests.factories import valid_row


def _old_pair_rows(left: Any, right: Any, row: dict[str, str]) -> list[list[Any]]:
    rows = []
    for index in range(max(len(left), len(right))):
        cells: list[Any] = []
        for side in (left, right):
            if index < len(side):
                number, label, key = side[index]
                cells += [para(str(number), 7.5), para(label, 7.5), para(row.get(key, ""), 8)]
            else:
                cells += ["", "", ""]
        rows.append(cells)
    return rows


def _old_table(data: Any) -> Table:
    """The form's table as it was: a paragraph in every cell."""
    numbered = student_form._numbered
    rows: list[list[Any]] = []
    spans: list[int] = []
    number = 1
    for title, left, right in student_form.SECTIONS:
        spans.append(len(rows))
        rows.append([para(title, 9), "", "", "", "", ""])
        rows += _old_pair_rows(numbered(number, left), numbered(number + len(left), right), data.row)
        number += len(left) + len(right)
    for slot in (1, 2):
        spans.append(len(rows))
        rows.append([para(f"学生家庭成员或监护人信息{'一二'[slot - 1]}", 9), "", "", "", "", ""])
        first = 49 + (slot - 1) * 12
        items = student_form.MEMBER_ITEMS
        rows += _old_pair_rows(numbered(first, [p[0] for p in items], f"成员{slot}"),
                               numbered(first + 6, [p[1] for p in items], f"成员{slot}"), data.row)
    table = Table(rows, colWidths=student_form.WIDTHS, repeatRows=0)
    commands = [("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2)]
    for index in spans:
        commands += [("SPAN", (0, index), (-1, index)),
                     ("BACKGROUND", (0, index), (-1, index), colors.HexColor("#eeeeee"))]
    table.setStyle(TableStyle(commands))
    return table


def rendered_pages(pdf: bytes, folder: Path, name: str) -> list[Image.Image]:
    """Each page of `pdf` as pdftoppm renders it at 110 dpi, in grey."""
    (folder / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "110", "-png", str(folder / f"{name}.pdf"),
                    str(folder / name)], check=True)
    return [Image.open(path).convert("L") for path in sorted(folder.glob(f"{name}-*.png"))]


@pytest.fixture
def students(ws: Any) -> list[Any]:
    rows = [valid_row(name="欧阳𠮷祥", seq=11), valid_row(name="李四", seq=13,
                                                         birth=dt.date(2017, 6, 1)),
            valid_row(name="张三", seq=15, birth=dt.date(2017, 7, 1))]
    rows[0]["现住址"] = "广东省佛山市禅城区祖庙街道人民路一百二十三号金色家园小区七栋二单元一千零一室" * 3
    rows[1]["通信地址"] = "佛山市禅城区人民路１２３号"  # just about one line
    add_students(ws, rows)
    found = printable_students(ws, class_name="三年级(2)班")
    spaced = dict(found[2].row, 特长="书法  绘画 ", 曾用名="", 家庭地址="𠮷祥路8号")
    return [*found[:2], dataclasses.replace(found[2], row=spaced)]


def test_the_form_looks_as_it_did_with_a_paragraph_per_cell(
        students: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new = rendered_pages(student_form.build(students), tmp_path, "new")
    monkeypatch.setattr(student_form, "_table", _old_table)
    old = rendered_pages(student_form.build(students), tmp_path, "old")
    assert len(new) == len(old) >= 4  # the long address takes a second page
    for index, (got, expected) in enumerate(zip(new, old, strict=True)):
        difference = ImageChops.difference(got, expected)
        differing = sum(difference.histogram()[48:])  # anti-aliasing stays under 48 of 255
        assert differing == 0, f"page {index + 1}: {differing} pixels differ, {difference.getbbox()}"
