"""学籍证明: a one-page certificate of a pupil's 学籍 at this school, for families."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desktop.printing.layout import footer_of, para, render
from desktop.services.students.printable import PrintableStudent


def _chinese_date(yyyymmdd: str) -> str:
    if len(yyyymmdd) != 8 or not yyyymmdd.isdigit():
        return yyyymmdd
    return f"{yyyymmdd[:4]}年{int(yyyymmdd[4:6])}月{int(yyyymmdd[6:])}日"


def _body(data: PrintableStudent, status: str) -> str:
    row = data.row
    number = data.xjh or "（待分配）"
    return (f"兹证明 {row.get('姓名', '')}（{row.get('性别', '')}，"
            f"{_chinese_date(row.get('出生日期', ''))}出生，"
            f"{row.get('身份证件类型', '')} {row.get('身份证件号', '')}），全国学籍号 {number}，"
            f"现为我校 {row.get('班级', '')} 学生，学籍状态：{status}。特此证明。")


def _story(data: PrintableStudent, today: dt.date) -> list[Any]:
    status = data.snapshot.get("status_label", "")
    return [Spacer(1, 20 * mm), para("学籍证明", 20, align=1), Spacer(1, 15 * mm),
            para(_body(data, status), 13), Spacer(1, 30 * mm),
            para(f"{data.school_name}（公章）", 13, align=2), Spacer(1, 6 * mm),
            para(f"{today.year}年{today.month}月{today.day}日", 13, align=2), Spacer(1, 20 * mm),
            para(f"学校标识码：{data.school_code}　本证明凭页脚二维码可向学校核对。", 9)]


def build(students: Sequence[PrintableStudent], today: dt.date | None = None) -> bytes:
    day = today or dt.date.today()
    return render([(footer_of(s), _story(s, day)) for s in students], "学籍证明")
