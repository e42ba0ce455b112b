"""学生基本信息表: the 72-item national collection form (domain spec §6.1), A4, one student
per page: six columns (编号, 项目, 内容) × 2 with the seven section rows, the photo box,
and the signature lines."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.printing.fixed_grid import Cell, FixedGrid, Look, Row
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
# Sizes of the three cells of an item (编号, 项目, 内容); each line is 1.3 × its size high.
SIZES = (7.5, 7.5, 8)
LOOK = Look(padding=1.2)  # 1.2 pt above and below the text of each cell
BLANK = (Cell(None), Cell(None), Cell(None))  # the shorter column of a section, beside the longer


def _pair_rows(left: Sequence[Item], right: Sequence[Item], row: dict[str, str]) -> list[Row]:
    rows = []
    for index in range(max(len(left), len(right))):
        cells: tuple[Cell, ...] = ()
        for side in (left, right):
            if index < len(side):
                number, label, key = side[index]
                cells += (*_fixed(number, label), Cell(row.get(key, ""), SIZES[2]))
            else:
                cells += BLANK
        rows.append(Row(cells))
    return rows


@cache
def _fixed(number: int, label: str) -> tuple[Cell, Cell]:
    return Cell(str(number), SIZES[0], fixed=True), Cell(label, SIZES[1], fixed=True)


def _numbered(first: int, labels: Sequence[str], prefix: str = "") -> tuple[Item, ...]:
    return tuple((first + i, label, prefix + label) for i, label in enumerate(labels))


def _table(data: PrintableStudent) -> Flowable:
    """The grid of the 72 items in seven sections, drawn directly (fixed_grid)."""
    rows: list[Row] = []
    number = 1
    sections = [(title, left, right, "") for title, left, right in SECTIONS]
    sections += [(f"学生家庭成员或监护人信息{'一二'[slot - 1]}", tuple(p[0] for p in MEMBER_ITEMS),
                  tuple(p[1] for p in MEMBER_ITEMS), f"成员{slot}") for slot in (1, 2)]
    for title, left, right, prefix in sections:  # members are items 49-60 and 61-72
        rows.append(Row(title=Cell(title, 9, fixed=True)))
        rows += _pair_rows(_numbered(number, left, prefix),
                           _numbered(number + len(left), right, prefix), data.row)
        number += len(left) + len(right)
    return FixedGrid(rows, WIDTHS, LOOK)


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
