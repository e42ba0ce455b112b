"""班级学生名册: one table per class of the pupils at school, in roster order, with the
column header repeated on every page and the page number in the footer. ID numbers and
学籍号 are masked (region code and last four digits) unless asked for in full.

A roster is not one record, so its footer names the class as the record, gives the sum of
its pupils' record versions as the version (it grows whenever any pupil's record changes),
and hashes the list of (record id, version) of its pupils: the same pupils at the same
versions give the same footer, and any change, arrival or departure changes the hash."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desktop.printing.form_parts import SHADE, dashed_date, grid, guardian, line, masked_numbers
from desktop.printing.layout import Footer, render, version_hash
from desktop.services.reports.registers import ClassRoster
from desktop.services.students.printable import PrintableStudent

HEADER = ("序号", "姓名", "性别", "出生日期", "身份证件号", "全国学籍号", "学籍状态", "监护人", "联系电话")
WIDTHS = tuple(w * mm for w in (9, 19, 8, 20, 33, 35, 16, 18, 22))  # 180 mm: the text width
PADDING = 5  # points above and below: rows about 7 mm high, room for a tick or a note


def footer(roster: ClassRoster) -> Footer:
    pupils = [[s.record_id, s.version] for s in roster.students]
    return Footer(roster.class_name, sum(s.version for s in roster.students),
                  version_hash({"class": roster.class_name, "students": pupils}))


def _line(number: int, data: PrintableStudent, show_ids: bool) -> list[str]:
    row = data.row
    name, _relation, phone = guardian(row)
    numbers = (row.get("身份证件号", ""), data.xjh)
    id_number, xjh = numbers if show_ids else masked_numbers(*numbers)
    return [str(number), row.get("姓名", ""), row.get("性别", ""),
            dashed_date(row.get("出生日期", "")), id_number, xjh,
            data.snapshot.get("status_label", ""), name, phone or row.get("联系电话", "")]


def _table(roster: ClassRoster, show_ids: bool) -> Any:
    rows = [list(HEADER)] + [_line(i, s, show_ids) for i, s in enumerate(roster.students, 1)]
    commands = [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), PADDING), ("BOTTOMPADDING", (0, 0), (-1, -1), PADDING)]
    return grid(rows, WIDTHS, size=8, commands=commands, repeat=1)


def _story(roster: ClassRoster, today: dt.date, show_ids: bool) -> list[Any]:
    school = f"学校名称：{roster.school_name}　　学校标识码：{roster.school_code}"
    klass = f"班级：{roster.class_name}　　人数：{len(roster.students)}　　打印日期：{today:%Y-%m-%d}"
    return [line("班级学生名册", 15, align=1), Spacer(1, 2 * mm), line(school, 9), line(klass, 9),
            Spacer(1, 2 * mm), _table(roster, show_ids), Spacer(1, 4 * mm),
            line("班主任签字：__________　　学籍管理员签字：__________", 9)]


def build(rosters: Sequence[ClassRoster], today: dt.date | None = None,
          show_ids: bool = False) -> bytes:
    """One roster per class, each starting on a new page."""
    day = today or dt.date.today()
    return render([(footer(r), _story(r, day, show_ids)) for r in rosters], "班级学生名册")
