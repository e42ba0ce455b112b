"""学生在校就读证明 (domain spec §6.6): for a pupil whose 身份证件类型 is not a resident ID,
the school certifies that the pupil studies here; the pupil and a parent sign, the school
stamps it, and it is filed with the higher 学籍 authority (报上级备案). One A4 page a pupil."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desktop.printing.form_parts import BLANK, DATE_BLANK, chinese_date, line
from desktop.printing.layout import footer_of, render
from desktop.services.students.printable import PrintableStudent


def _entry_month(yyyymm: str) -> str:
    if len(yyyymm) != 6 or not yyyymm.isdigit():
        return yyyymm
    return f"{yyyymm[:4]}年{int(yyyymm[4:])}月"


def _body(data: PrintableStudent) -> str:
    row = data.row
    return (f"兹证明 {row.get('姓名', '')}，{row.get('性别', '')}，"
            f"{chinese_date(row.get('出生日期', ''))}出生，{row.get('民族', '')}，"
            f"国籍/地区：{row.get('国籍/地区', '')}，身份证件类型：{row.get('身份证件类型', '')}，"
            f"证件号码：{row.get('身份证件号', '') or '无'}，"
            f"于{_entry_month(row.get('入学年月', ''))}入学，现为我校{row.get('班级', '')}学生，"
            f"全国学籍号 {data.xjh or '（待分配）'}。该生没有居民身份证号码，特此证明。")


def _signatures() -> list[Any]:
    return [line(f"学生签字：{BLANK}　　　　家长（监护人）签字：{BLANK}", 12), Spacer(1, 6 * mm),
            line(f"签字日期：{DATE_BLANK}", 12)]


def _story(data: PrintableStudent, today: dt.date) -> list[Any]:
    return [Spacer(1, 15 * mm), line("学生在校就读证明", 20, align=1), Spacer(1, 12 * mm),
            line(_body(data), 13), Spacer(1, 14 * mm), *_signatures(), Spacer(1, 18 * mm),
            line(f"{data.school_name}（公章）", 13, align=2), Spacer(1, 6 * mm),
            line(f"{today.year}年{today.month}月{today.day}日", 13, align=2), Spacer(1, 18 * mm),
            line(f"报上级备案：{BLANK}{BLANK}（学籍主管部门）　　备案日期：{DATE_BLANK}"
                 f"　　经办人：{BLANK}", 10),
            Spacer(1, 8 * mm),
            line(f"学校标识码：{data.school_code}　本证明凭页脚二维码可向学校核对。", 9)]


def build(students: Sequence[PrintableStudent], today: dt.date | None = None) -> bytes:
    """One certificate per pupil, dated `today`."""
    day = today or dt.date.today()
    return render([(footer_of(data), _story(data, day)) for data in students], "学生在校就读证明")
