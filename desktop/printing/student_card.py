"""学籍卡 (status card, domain spec §6.2): school and numbers, the photo, basic information two
pairs a row, the 学籍 block, family members, the 学籍变动 record, rewards and penalties, and
the closing lines. Layout is provincial; this is the common core."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Image, Spacer

from desktop.domain.text_rules import clean_text
from desktop.printing.fixed_grid import Cell, FixedGrid, Look, Row
from desktop.printing.layout import Alignment, PlainLine, footer_of, para, render, single_line
from desktop.services.students.printable import PrintableStudent

BASIC = ("姓名", "性别", "出生日期", "民族", "国籍/地区", "身份证件类型", "身份证件号", "港澳台侨外",
         "出生地", "籍贯", "户口所在地", "户口性质", "政治面貌", "健康状况", "姓名拼音", "曾用名")
STATUS = ("入学年月", "入学方式", "就读方式", "学生来源", "年级", "班级")
PHOTO = (26 * mm, 32 * mm)
HEAD = (136 * mm, 44 * mm)  # the basic information grid, the photo box
SIZE = 8.5
CLOSING = "学校（公章）　　　　校长：__________　　学籍管理员：__________　　打印日期：__________"
# as the card's tables were styled: 1.5 pt above and below, lines 12 pt apart (the table's
# default leading), text kept on one line while it fits the cell less 6 pt, spaces as written
LOOK = Look(padding=1.5, leading=12, slack=6, whole=False)


def _grid(rows: Sequence[Sequence[Cell]], widths: Sequence[float], header: bool = False) -> FixedGrid:
    """A ruled grid as the card's tables looked (8.5 pt text, 1.5 pt above and below), the
    first row shaded when it is a `header`."""
    return FixedGrid([Row(tuple(row), shaded=header and not index) for index, row in enumerate(rows)],
                     widths, LOOK)


def _value(text: str) -> Cell:
    """A value printed as it is (what an older version let in cleaned off): an empty one
    keeps the height of a line."""
    text = clean_text(text) if text else text
    return Cell(text or None, SIZE)


@cache
def _label(text: str) -> Cell:
    return Cell(text or None, SIZE, fixed=True)


def _pairs(labels: Sequence[str], row: dict[str, str]) -> list[list[Cell]]:
    rows = []
    for start in range(0, len(labels), 2):
        cells: list[Cell] = []
        for label in labels[start : start + 2]:
            cells += [_label(label), _value(row.get(label, ""))]
        rows.append(cells + [_label("")] * (4 - len(cells)))
    return rows


def _photo(data: PrintableStudent) -> Any:
    if data.photo:
        return Image(io.BytesIO(data.photo), width=PHOTO[0], height=PHOTO[1])
    return para("照片", 8, align=1)


class _Head(Flowable):
    """The basic information grid with the photo box on its right, placed and ruled as the
    two-cell Table that held them placed them: the grid at the top left; the photo (or the
    word 照片) centred at the top of a 44 mm box, 3 pt below its top edge and 6 pt from its sides."""

    def __init__(self, grid: FixedGrid, photo: Flowable) -> None:
        super().__init__()
        self.grid, self.photo = grid, photo
        self.hAlign = "CENTER"

    def wrap(self, _width: float, _height: float) -> tuple[float, float]:
        _w, grid_height = self.grid.wrap(HEAD[0], 72000)
        self.photo_size = self.photo.wrap(HEAD[1] - 12, 72000 - 6)
        self.width = HEAD[0] + HEAD[1]
        self.height = max(grid_height + 3, self.photo_size[1] + 6)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        self.grid.drawOn(canvas, 0, self.height - self.grid.height)
        width, height = self.photo_size
        self.photo.drawOn(canvas, HEAD[0] + (HEAD[1] - width) / 2, self.height - 3 - height)
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(0.4)
        canvas.setLineCap(1)  # round, as a Table's BOX
        canvas.setLineJoin(1)
        right = HEAD[0] + HEAD[1]
        canvas.line(HEAD[0], self.height, right, self.height)
        canvas.line(HEAD[0], 0, right, 0)
        canvas.line(HEAD[0], 0, HEAD[0], self.height)
        canvas.line(right, 0, right, self.height)
        canvas.restoreState()


def _head(data: PrintableStudent) -> Flowable:
    return _Head(_grid(_pairs(BASIC, data.row), [22 * mm, 46 * mm, 22 * mm, 46 * mm]), _photo(data))


def _members(row: dict[str, str]) -> FixedGrid:
    keys = ("关系", "姓名", "工作单位", "联系电话", "是否监护人")
    rows = [[_label(key) for key in keys]]
    rows += [[_value(row.get(f"成员{slot}{key}", "")) for key in keys] for slot in (1, 2)]
    return _grid(rows, [25 * mm, 30 * mm, 60 * mm, 35 * mm, 30 * mm], header=True)


def _changes(data: PrintableStudent) -> FixedGrid:
    rows = [[_label(text) for text in ("日期", "变动类别", "原因", "审批单位")]]
    rows += [[_value(text) for text in line] for line in data.changes]
    rows += [[_label("")] * 4] * max(0, 4 - len(data.changes))
    return _grid(rows, [28 * mm, 32 * mm, 60 * mm, 60 * mm], header=True)


def _rewards() -> FixedGrid:
    header = [_label(text) for text in ("日期", "名称/事由", "级别", "授予/处分单位", "撤销日期")]
    return _grid([header] + [[_label("")] * 5] * 3,
                 [28 * mm, 62 * mm, 25 * mm, 40 * mm, 25 * mm], header=True)


def _heading(text: str, size: float, align: Alignment = 0) -> Flowable:
    """A line the same on every card (the title, a heading, the closing line), drawn once
    per PDF and placed on each page."""
    line = single_line(text, size, align)
    if isinstance(line, PlainLine):
        line.shared = True
    return line


def _story(data: PrintableStudent) -> list[Any]:
    number = data.xjh or "（待分配）"
    numbers = (f"学校：{data.school_name}（{data.school_code}）　全国学籍号：{number}"
               f"　学籍辅号：{data.row.get('学籍辅号', '')}")
    return [_heading("中小学生学籍卡", 15, align=1), Spacer(1, 2 * mm), single_line(numbers, 8.5),
            Spacer(1, 2 * mm), _heading("基本信息", 10), _head(data), Spacer(1, 2 * mm),
            _heading("学籍信息", 10),
            _grid(_pairs(STATUS, data.row), [22 * mm, 68 * mm, 22 * mm, 68 * mm]),
            Spacer(1, 2 * mm), _heading("家庭成员或监护人", 10), _members(data.row),
            Spacer(1, 2 * mm), _heading("学籍变动记载", 10), _changes(data), Spacer(1, 2 * mm),
            _heading("奖励与处分", 10), _rewards(), Spacer(1, 4 * mm),
            _heading(CLOSING, 9)]


def build(cards: Sequence[PrintableStudent]) -> bytes:
    """One card per student, in the given order."""
    return render([(footer_of(data), _story(data)) for data in cards], "学籍卡")
