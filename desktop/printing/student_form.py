"""学生基本信息表: the 72-item national collection form (domain spec §6.1), A4, one student
per page: six columns (编号, 项目, 内容) × 2 with the seven section rows, the photo box,
and the signature lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer, Table, TableStyle

from desktop.printing.fonts import SANS, font_for
from desktop.printing.layout import footer_of, para, render
from desktop.services.students.printable import PrintableStudent

# (section title, left column labels, right column labels); items are numbered in this
# order, left column first, exactly as on the national form.
SECTIONS: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("学生个人基础信息", ("姓名", "性别", "出生日期", "出生地", "籍贯", "民族", "国籍/地区"),
     ("身份证件类型", "身份证件号", "港澳台侨外", "政治面貌", "健康状况", "照片")),
    ("学生个人辅助信息", ("姓名拼音", "曾用名", "身份证件有效期"), ("户口所在地", "户口性质", "特长")),
    ("学生学籍基本信息", ("学籍辅号", "班内学号", "年级", "班级"),
     ("入学年月", "入学方式", "就读方式", "学生来源")),
    ("学生个人联系信息", ("现住址", "通信地址", "家庭地址", "联系电话"),
     ("邮政编码", "电子信箱", "主页地址")),
    ("学生个人扩展信息", ("是否独生子女", "是否受过学前教育", "是否留守儿童", "是否进城务工人员随迁子女",
                     "是否孤儿", "是否烈士或优抚子女"),
     ("随班就读", "残疾类型", "是否由政府购买学位", "是否需要申请资助", "是否享受一补")),
    ("学生上下学交通方式", ("上下学距离（公里）", "上下学交通方式"), ("是否需要乘坐校车",)),
)
MEMBER_ITEMS = (("姓名", "户口所在地"), ("关系", "联系电话"), ("关系说明", "是否监护人"),
                ("民族", "身份证件类型"), ("工作单位", "身份证件号"), ("现住址", "职务"))
WIDTHS = [10 * mm, 30 * mm, 50 * mm, 10 * mm, 30 * mm, 50 * mm]


Item = tuple[int, str, str]  # number, label, template header holding the value
# Sizes of the three cells of an item (编号, 项目, 内容), and the line height a paragraph
# of that size has: plain-text cells are given the same, so they sit where a paragraph sat.
SIZES = (7.5, 7.5, 8)
PADDING = 6  # the table's default left and right cell padding


def _pair_rows(left: Sequence[Item], right: Sequence[Item], row: dict[str, str]) -> list[list[Any]]:
    rows = []
    for index in range(max(len(left), len(right))):
        cells: list[Any] = []
        for side, offset in ((left, 0), (right, 3)):
            if index < len(side):
                number, label, key = side[index]
                texts = (str(number), label, row.get(key, ""))
                cells += [_cell(text, SIZES[i], WIDTHS[offset + i]) for i, text in enumerate(texts)]
            else:
                cells += ["", "", ""]
        rows.append(cells)
    return rows


def _cell(text: str, size: float, width: float) -> Any:
    """Plain text when a paragraph would show it on one line as it is (much faster to lay
    out and draw), else the paragraph; an empty value takes no height, as an empty
    paragraph did."""
    if not text:
        return Spacer(0, 0)
    if text == " ".join(text.split()) and all(font_for(char) == SANS for char in text) \
            and stringWidth(text, SANS, size) <= width - 2 * PADDING:
        return text
    return para(text, size)


def _numbered(first: int, labels: Sequence[str], prefix: str = "") -> tuple[Item, ...]:
    return tuple((first + i, label, prefix + label) for i, label in enumerate(labels))


def _sized(first: int, count: int, column: int) -> list[tuple[Any, ...]]:
    """Font size and leading of the item cells in `count` rows from `first`, from `column`."""
    commands: list[tuple[Any, ...]] = []
    for i, size in enumerate(SIZES):
        cells = ((column + i, first), (column + i, first + count - 1))
        commands += [("FONTSIZE", *cells, size), ("LEADING", *cells, size * 1.3)]
    return commands


def _table(data: PrintableStudent) -> Table:
    rows: list[list[Any]] = []
    spans: list[int] = []
    sized: list[tuple[Any, ...]] = []
    number = 1
    sections = [(title, left, right, "") for title, left, right in SECTIONS]
    sections += [(f"学生家庭成员或监护人信息{'一二'[slot - 1]}", tuple(p[0] for p in MEMBER_ITEMS),
                  tuple(p[1] for p in MEMBER_ITEMS), f"成员{slot}") for slot in (1, 2)]
    for title, left, right, prefix in sections:  # members are items 49-60 and 61-72
        spans.append(len(rows))
        rows.append([para(title, 9), "", "", "", "", ""])
        sized += _sized(len(rows), len(left), 0) + _sized(len(rows), len(right), 3)
        rows += _pair_rows(_numbered(number, left, prefix),
                           _numbered(number + len(left), right, prefix), data.row)
        number += len(left) + len(right)
    table = Table(rows, colWidths=WIDTHS, repeatRows=0)
    commands = [("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                ("FONTNAME", (0, 0), (-1, -1), SANS),  # empty cells too: no unembedded font
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 1.2), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.2),
                *sized]
    for index in spans:
        commands += [("SPAN", (0, index), (-1, index)),
                     ("BACKGROUND", (0, index), (-1, index), colors.HexColor("#eeeeee"))]
    table.setStyle(TableStyle(commands))
    return table


def _story(data: PrintableStudent) -> list[Any]:
    return [para("全国中小学学籍管理系统学生基本信息表", 13, align=1), Spacer(1, 2 * mm),
            para(f"学校名称：{data.school_name}　　学校标识码：{data.school_code}　　"
                 f"班级：{data.row.get('班级', '')}", 9),
            Spacer(1, 1.5 * mm), _table(data), Spacer(1, 2.5 * mm),
            para("学生签字：__________　家长（监护人）签字：__________　填表时间：__________"
                 "　审核人：班主任 __________　学校主管领导 __________", 8.5)]


def build(forms: Sequence[PrintableStudent]) -> bytes:
    """One page (or more, if a student's addresses are long) per student, in the given order."""
    return render([(footer_of(data), _story(data)) for data in forms], "学生基本信息表")
