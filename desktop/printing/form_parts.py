"""Pieces shared by the application, approval and register forms: a bordered grid, label and
value rows, check boxes and blanks to fill by hand, approval boxes (意见, 经办人, 公章, 日期),
the guardian of a record, a region code written as its place name, and the dashed cut line
of a tear-off slip."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, HRFlowable, Spacer, Table, TableStyle

from desktop.domain.idnumber import mask
from desktop.domain.regions import counties, prefectures, provinces
from desktop.printing.fonts import SANS
from desktop.printing.layout import MARGIN, PAGE_WIDTH, Alignment, cell, para

WIDTH = PAGE_WIDTH - 2 * MARGIN  # the text width of an A4 portrait page
BLANK = "__________"
DATE_BLANK = "　　　　年　　月　　日"
SHADE = colors.HexColor("#eeeeee")
MEMBER_NAME = re.compile(r"成员(\d+)姓名")


def line(text: str, size: float = 9, align: Alignment = 0) -> Flowable:
    """A paragraph whose full-width spaces keep their width (a paragraph would collapse them
    into one space like any other whitespace), so blanks and gaps stay as wide as written."""
    return para(text.replace("\u3000", "\xa0" * 3), size, align)


def chinese_date(yyyymmdd: str) -> str:
    """20170305 -> 2017年3月5日; anything else is returned as it is."""
    if len(yyyymmdd) != 8 or not yyyymmdd.isdigit():
        return yyyymmdd
    return f"{yyyymmdd[:4]}年{int(yyyymmdd[4:6])}月{int(yyyymmdd[6:])}日"


def dashed_date(yyyymmdd: str) -> str:
    """20170305 -> 2017-03-05, short enough for a narrow column; anything else as it is."""
    if len(yyyymmdd) != 8 or not yyyymmdd.isdigit():
        return yyyymmdd
    return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:]}"


def masked_numbers(id_number: str, xjh: str) -> tuple[str, str]:
    """The ID number and the 学籍号 with their middles hidden; the 学籍号 too, since a G number
    is the letter G and the pupil's ID number."""
    return mask(id_number) if id_number else "", xjh[:1] + mask(xjh[1:]) if xjh else ""


def boxes(options: Sequence[str]) -> str:
    """□ 因病　□ 因事　□ 其他: choices ticked by hand."""
    return "　".join(f"□ {option}" for option in options)


def grid(rows: Sequence[Sequence[Any]], widths: Sequence[float], size: float = 8.5,
         commands: Sequence[tuple] = (), heights: Sequence[float | None] | None = None,
         repeat: int = 0) -> Table:
    """A ruled table in the bundled font; text cells wrap when they do not fit their column."""
    cells = [[cell(c, size, widths[i]) if isinstance(c, str) else c for i, c in enumerate(row)]
             for row in rows]
    table = Table(cells, colWidths=list(widths), rowHeights=heights, repeatRows=repeat)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black), ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("FONTSIZE", (0, 0), (-1, -1), size), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        *commands]))
    return table


FACT_WIDTHS = (27 * mm, WIDTH / 2 - 27 * mm, 27 * mm, WIDTH / 2 - 27 * mm)


def facts(pairs: Sequence[tuple[str, str]], wide: Sequence[tuple[str, str]] = ()) -> Table:
    """Label/value pairs two to a row, then `wide` pairs whose value spans the row (addresses)."""
    rows: list[list[Any]] = []
    for start in range(0, len(pairs), 2):
        chunk = [text for pair in pairs[start : start + 2] for text in pair]
        rows.append(chunk + [""] * (4 - len(chunk)))
    commands: list[tuple] = [("BACKGROUND", (0, 0), (0, -1), SHADE)]
    commands += [("BACKGROUND", (2, i), (2, i), SHADE) for i in range(len(rows))]
    for label, value in wide:
        commands.append(("SPAN", (1, len(rows)), (3, len(rows))))
        rows.append([label, line(value, 8.5), "", ""])
    commands += [("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
    return grid(rows, FACT_WIDTHS, commands=commands)


class AtLeast(Flowable):
    """A flowable given at least `height`, its content at the top: room to write by hand
    that still grows when the printed text is longer."""

    def __init__(self, inner: Flowable, height: float) -> None:
        super().__init__()
        self.inner, self.least = inner, height

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        width, self.inner_height = self.inner.wrap(available_width, available_height)
        self.width, self.height = width, max(self.inner_height, self.least)
        return self.width, self.height

    def draw(self) -> None:
        self.inner.drawOn(self.canv, 0, self.height - self.inner_height)


def items(rows: Sequence[tuple[str, str, float]]) -> Table:
    """One request item a row: (label, text or blanks, room to write in mm)."""
    body = [[label, AtLeast(line(text, 9), height * mm)] for label, text, height in rows]
    commands = [("BACKGROUND", (0, 0), (0, -1), SHADE), ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]
    return grid(body, (27 * mm, WIDTH - 27 * mm), commands=commands)


def approval_box(unit: str, personal: bool = False) -> list[Flowable]:
    """The inside of one approval box: the unit's 意见, then 经办人, 公章 and date, or for a
    person (班主任) a signature and date."""
    if personal:
        sign = [line(f"签字：{BLANK}", 8.5), Spacer(1, 2 * mm)]
    else:
        sign = [line(f"经办人：{BLANK}", 8.5), Spacer(1, 2 * mm), line("（公章）", 8.5, align=2)]
    return [line(f"{unit}意见：", 9), Spacer(1, 18 * mm), *sign, line(DATE_BLANK, 8.5, align=2)]


def approvals(units: Sequence[str], height: float = 46 * mm, personal: Sequence[str] = ()) -> Table:
    """Approval boxes side by side, to be completed from left to right; units named in
    `personal` sign instead of stamping."""
    width = WIDTH / len(units)
    table = Table([[approval_box(unit, unit in personal) for unit in units]],
                  colWidths=[width] * len(units), rowHeights=[height])
    table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.4, colors.black),
                               ("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("FONTNAME", (0, 0), (-1, -1), SANS)]))
    return table


def heading(text: str) -> list[Flowable]:
    return [Spacer(1, 2.5 * mm), line(text, 10), Spacer(1, 1 * mm)]


def school_line(name: str, code: str, extra: str = "") -> Flowable:
    return line(f"学校名称：{name}　　学校标识码：{code}{extra}", 9)


def cut_line() -> list[Flowable]:
    """A dashed line across the page, with the instruction to cut along it."""
    return [Spacer(1, 5 * mm),
            HRFlowable(width="100%", thickness=0.6, color=colors.black, dash=(3, 2)),
            line("（沿虚线剪开）", 7.5, align=1), Spacer(1, 2 * mm)]


def guardian(row: dict[str, str]) -> tuple[str, str, str]:
    """(name, relation, phone) of the first family member marked as guardian (else the first)."""
    slots = sorted(int(match[1]) for key in row if (match := MEMBER_NAME.fullmatch(key)))
    chosen = next((s for s in slots if row.get(f"成员{s}是否监护人") == "是"), slots[0] if slots else 1)
    return (row.get(f"成员{chosen}姓名", ""), row.get(f"成员{chosen}关系", ""),
            row.get(f"成员{chosen}联系电话", ""))


@cache
def place_name(code: str) -> str:
    """A 6- or 12-digit region code as its province, prefecture and county names (the code
    itself when it is not a current division)."""
    county = code[:6]
    province = dict(provinces()).get(county[:2] + "0000", "")
    prefecture = dict(prefectures(county[:2] + "0000")).get(county[:4] + "00", "")
    name = dict(counties(county[:4] + "00")).get(county, "")
    if not (province and name):
        return code
    return province + (prefecture if prefecture not in ("市辖区", "县") else "") + name
