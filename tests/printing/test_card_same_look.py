"""The 学籍卡's grids are drawn directly (fixed_grid) instead of reportlab Tables, and its
lines of text as plain lines instead of paragraphs: rendered with pdftoppm, every page looks as it
did with the Tables and paragraphs (the earlier ones are kept here as the reference), for a
photo, a name outside the BMP, values that wrap or need the Ext-B font, values with runs of spaces,
empty values, and a 学籍变动 record long enough to go on to a second page."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops, ImageDraw
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Table, TableStyle

from desktop.printing import student_card
from desktop.printing.fonts import SANS
from desktop.printing.layout import cell, para
from desktop.services.students.add import add_students
from desktop.services.students.photos import normalise_photo, set_photo
from desktop.services.students.printable import printable_students
from desktop.services.students.read import StudentQuery, search
from tests.factories import valid_row
from tests.printing.test_form_same_look import rendered_pages


def _old_grid(rows: list[list[Any]], widths: Sequence[float], header: bool = False) -> Table:
    rows = [[cell(c, 8.5, widths[i]) if isinstance(c, str) else c for i, c in enumerate(row)]
            for row in rows]
    table = Table(rows, colWidths=list(widths))
    commands = [("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("FONTNAME", (0, 0), (-1, -1), SANS),
                ("FONTSIZE", (0, 0), (-1, -1), 8.5),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5)]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")))
    table.setStyle(TableStyle(commands))
    return table


def _old_pairs(labels: Sequence[str], row: dict[str, str]) -> list[list[Any]]:
    rows = []
    for start in range(0, len(labels), 2):
        cells: list[Any] = []
        for label in labels[start : start + 2]:
            cells += [label, row.get(label, "")]
        rows.append(cells + [""] * (4 - len(cells)))
    return rows


def _old_head(data: Any) -> Table:
    rows = _old_pairs(student_card.BASIC, data.row)
    table = Table([[_old_grid(rows, [22 * mm, 46 * mm, 22 * mm, 46 * mm]), student_card._photo(data)]],
                  colWidths=[136 * mm, 44 * mm])
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONTNAME", (0, 0), (-1, -1), SANS),
                               ("LEFTPADDING", (0, 0), (0, 0), 0),
                               ("RIGHTPADDING", (0, 0), (0, 0), 0),
                               ("TOPPADDING", (0, 0), (0, 0), 0),
                               ("BOX", (1, 0), (1, 0), 0.4, colors.black),
                               ("ALIGN", (1, 0), (1, 0), "CENTER")]))
    return table


def _old_members(row: dict[str, str]) -> Table:
    keys = ("关系", "姓名", "工作单位", "联系电话", "是否监护人")
    rows: list[list[Any]] = [list(keys)]
    rows += [[row.get(f"成员{slot}{key}", "") for key in keys] for slot in (1, 2)]
    return _old_grid(rows, [25 * mm, 30 * mm, 60 * mm, 35 * mm, 30 * mm], header=True)


def _old_changes(data: Any) -> Table:
    rows: list[list[Any]] = [["日期", "变动类别", "原因", "审批单位"]]
    rows += [list(line) for line in data.changes]
    rows += [["", "", "", ""]] * max(0, 4 - len(data.changes))
    return _old_grid(rows, [28 * mm, 32 * mm, 60 * mm, 60 * mm], header=True)


def _old_rewards() -> Table:
    header: list[Any] = ["日期", "名称/事由", "级别", "授予/处分单位", "撤销日期"]
    return _old_grid([header] + [["", "", "", "", ""]] * 3,
                     [28 * mm, 62 * mm, 25 * mm, 40 * mm, 25 * mm], header=True)


def _png() -> bytes:
    """A passport-sized photo: a face-coloured oval on a light ground."""
    picture = Image.new("RGB", (260, 320), (235, 240, 245))
    ImageDraw.Draw(picture).ellipse((60, 50, 200, 250), fill=(205, 150, 120))
    out = io.BytesIO()
    picture.save(out, "PNG")
    return out.getvalue()


@pytest.fixture
def students(ws: Any) -> list[Any]:
    add_students(ws, [valid_row(name="欧阳𠮷祥", seq=11), valid_row(name="李四", seq=13),
                      valid_row(name="张三", seq=15)])
    pupil = search(ws, StudentQuery(text="李四")).rows[0]
    set_photo(ws, pupil.id, normalise_photo(_png()))
    found = printable_students(ws, class_name="三年级(2)班")
    assert sum(bool(one.photo) for one in found) == 1
    long = dict(found[1].row, 曾用名="李四李四李四李四李四李四李四李四李四", 出生地="𠮷祥村  二组",
                成员1工作单位="广东省佛山市禅城区祖庙街道人民路一百二十三号金色家园小区物业管理处")
    changes = [("2024-09-01", "转入", "随父母工作调动" * (1 + i % 4), "佛山市禅城区教育局")
               for i in range(24)]
    spaced = dict(found[2].row, 民族="汉  族", 姓名拼音="")
    return [found[0], dataclasses.replace(found[1], row=long, changes=changes),
            dataclasses.replace(found[2], row=spaced)]


def test_the_card_looks_as_it_did_with_tables(
        students: list[Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    new = rendered_pages(student_card.build(students), tmp_path, "new")
    for name, old in (("_head", _old_head), ("_members", _old_members),
                      ("_changes", _old_changes), ("_rewards", _old_rewards), ("single_line", para)):
        monkeypatch.setattr(student_card, name, old)
    old_pages = rendered_pages(student_card.build(students), tmp_path, "old")
    assert len(new) == len(old_pages) >= 4  # the long 学籍变动 record takes a second page
    for index, (got, expected) in enumerate(zip(new, old_pages, strict=True)):
        difference = ImageChops.difference(got, expected)
        differing = sum(difference.histogram()[48:])  # anti-aliasing stays under 48 of 255
        assert differing == 0, f"page {index + 1}: {differing} pixels differ, {difference.getbbox()}"
