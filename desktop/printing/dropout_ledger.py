"""控辍保学台账 (domain spec §7.2) on landscape A4: one line per dropout case, open cases first,
with the pupil's particulars, the guardian, when and why the pupil left, where the pupil is,
who is responsible, the persuasion visits and how the case was closed (销号). ID numbers and
学籍号 are masked unless asked for in full.

The ledger is not one record: its footer names it with the school code, gives the number of
cases as the version, and hashes what each line shows of each case and pupil record."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from desktop.printing.form_parts import (
    BLANK,
    DATE_BLANK,
    SHADE,
    dashed_date,
    grid,
    guardian,
    line,
    masked_numbers,
    place_name,
)
from desktop.printing.layout import Footer, render, version_hash
from desktop.services.reports.registers import DropoutLine, DropoutRegister

HEADER = ("序号", "班级", "姓名", "性别", "出生日期", ("身份证件号", "全国学籍号"), ("户籍地址", "家庭住址"),
          ("监护人（关系）", "联系电话"), "离校日期", "辍学原因", "去向", "包保责任人", "劝返情况",
          ("处理措施", "销号日期"))
WIDTHS = tuple(w * mm for w in (8, 16, 15, 8, 17, 35, 32, 24, 16, 16, 16, 16, 32, 16))
SIZE = 7.5


def _stack(*texts: str) -> list[Flowable]:
    """Several short texts in one cell, one under the other, each wrapping in the column."""
    return [line(text, SIZE) for text in texts if text]


def _visits(case: DropoutLine) -> str | list[Flowable]:
    """How many visits, then the latest one: date and method, and its result."""
    if not case.visits:
        return "尚无劝返记录"
    last = case.visits[-1]
    return _stack(f"共{len(case.visits)}次，最近一次：", f"{last.get('date', '')} {last.get('method', '')}",
                  last.get("result", ""))


def _closing(case: DropoutLine) -> str | list[Flowable]:
    entry = case.entry
    if entry.closed_on is None:
        return "未销号"
    return _stack(entry.outcome, f"{entry.closed_on:%Y-%m-%d}")


def _row(number: int, case: DropoutLine, show_ids: bool) -> list[Any]:
    row, entry = case.student.row, case.entry
    name, relation, phone = guardian(row)
    numbers = (row.get("身份证件号", ""), case.student.xjh)
    return [str(number), entry.class_name, entry.name, row.get("性别", ""),
            dashed_date(row.get("出生日期", "")),
            _stack(*(numbers if show_ids else masked_numbers(*numbers))),
            _stack(place_name(row.get("户口所在地", "")), row.get("家庭地址", "")),
            _stack(f"{name}（{relation}）", phone), f"{entry.left_on:%Y-%m-%d}", entry.reason,
            case.whereabouts, case.responsible, _visits(case), _closing(case)]


def _table(register: DropoutRegister, show_ids: bool) -> Any:
    header = [_stack(*h) if isinstance(h, tuple) else h for h in HEADER]
    rows = [header] + [_row(i, c, show_ids) for i, c in enumerate(register.lines, 1)]
    if not register.lines:
        rows.append(["", "（无辍学登记）", *[""] * (len(HEADER) - 2)])
    commands = [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    return grid(rows, WIDTHS, size=SIZE, commands=commands, repeat=1)


def footer(register: DropoutRegister) -> Footer:
    shown = [[c.entry.student_id, f"{c.entry.left_on}", c.entry.visits, f"{c.entry.closed_on}",
              c.student.version, c.whereabouts, c.responsible] for c in register.lines]
    return Footer(f"台账{register.school_code}", len(register.lines), version_hash({"cases": shown}))


def _story(register: DropoutRegister, today: dt.date, show_ids: bool) -> list[Any]:
    still_open = sum(1 for c in register.lines if c.entry.closed_on is None)
    head = (f"学校名称：{register.school_name}　　学校标识码：{register.school_code}　　"
            f"未销号 {still_open} 人，已销号 {len(register.lines) - still_open} 人　　"
            f"打印日期：{today:%Y-%m-%d}")
    return [line("控辍保学台账", 16, align=1), Spacer(1, 2 * mm), line(head, 9), Spacer(1, 2 * mm),
            _table(register, show_ids), Spacer(1, 8 * mm),
            line(f"填报人：{BLANK}　　　学校负责人：{BLANK}　　　学校（公章）　　　{DATE_BLANK}", 10)]


def build(register: DropoutRegister, today: dt.date | None = None, show_ids: bool = False) -> bytes:
    day = today or dt.date.today()
    return render([(footer(register), _story(register, day, show_ids))], "控辍保学台账",
                  pagesize=landscape(A4))
