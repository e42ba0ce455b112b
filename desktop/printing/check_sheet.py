"""学生信息核对表: the pre-filled sheet parents check instead of filling in the long form
again. One A4 page per pupil, printed per class: every item of the national form as
registered (region names, 2017-03-05, 2024年09月, as on every printed form), each with an
empty 更正 column for the parent to write the right value, and the signature line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table

from desktop.domain.fields import ALL_STUDENT_FIELDS, MEMBER_FIELDS, MEMBER_SLOTS, member_header
from desktop.printing.form_parts import grid
from desktop.printing.layout import footer_of, para, render
from desktop.services.students.printable import PrintableStudent

SIZE = 7
HEADER = ("项目", "登记内容", "更正（家长填写）") * 2
WIDTHS = (22 * mm, 42 * mm, 26 * mm) * 2
NOTE = ("请家长逐项核对。内容无误的不填；有误的在“更正”栏写上正确内容，并请带上户口簿等证明材料的复印件"
        "交班主任。")


def _items(row: dict[str, str]) -> list[tuple[str, list[tuple[str, str]]]]:
    """(section title, [(item, registered text)]): the pupil's items (班级 first), then each
    family member's."""
    headers = ["班级", *(spec.header for spec in ALL_STUDENT_FIELDS if spec.header != "班级")]
    sections = [("学生本人", [(h, row.get(h, "")) for h in headers])]
    for slot in range(1, MEMBER_SLOTS + 1):
        sections.append((f"家庭成员或监护人{slot}",
                         [(spec.header, row.get(member_header(slot, spec), ""))
                          for spec in MEMBER_FIELDS]))
    return sections


def _table(row: dict[str, str]) -> Table:
    rows: list[list[Any]] = [list(HEADER)]
    commands: list[tuple] = [("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                             ("TOPPADDING", (0, 0), (-1, -1), 1.2),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2)]
    for title, items in _items(row):
        commands += [("SPAN", (0, len(rows)), (-1, len(rows))),
                     ("BACKGROUND", (0, len(rows)), (-1, len(rows)), colors.HexColor("#f4f4f4"))]
        rows.append([title, "", "", "", "", ""])
        for start in range(0, len(items), 2):
            pair = items[start : start + 2]
            rows.append([cell for item, text in pair for cell in (item, text, "")]
                        + [""] * (3 * (2 - len(pair))))
    return grid(rows, WIDTHS, size=SIZE, commands=commands)


def _story(data: PrintableStudent) -> list[Any]:
    row = data.row
    head = (f"学校：{data.school_name}（{data.school_code}）　班级：{row.get('班级', '')}"
            f"　姓名：{row.get('姓名', '')}")
    return [para("学生信息核对表", 14, align=1), Spacer(1, 1.5 * mm), para(head, 9),
            para(NOTE, 8), Spacer(1, 1.5 * mm), _table(row), Spacer(1, 3 * mm),
            para("家长（监护人）签字：__________　　联系电话：__________　　核对日期：____年__月__日", 9)]


def build(students: Sequence[PrintableStudent]) -> bytes:
    """One page per pupil, in the given (roster) order."""
    return render([(footer_of(data), _story(data)) for data in students], "学生信息核对表")
