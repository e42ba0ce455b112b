"""待上报变更清单: every change the registry has not decided yet, one line each, in the order
they were made (device sequence), with the pupil, what changed and where it stands.

The list is not one record: its footer names it with the school code, gives the number of
lines as the version and hashes the (sequence, state) pairs it shows."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desktop.printing.form_parts import SHADE, grid, line
from desktop.printing.layout import Footer, render, version_hash
from desktop.services.registry.pending import PendingLine, PendingList

HEADER = ("序号", "变更序号", "姓名", "班级", "操作", "变更内容", "状态", "记录时间")
WIDTHS = tuple(w * mm for w in (10, 16, 18, 22, 18, 44, 26, 26))  # 180 mm: the text width
TITLE = "待上报变更清单"


def footer(pending: PendingList) -> Footer:
    shown = [[p.device_seq, p.state] for p in pending.lines]
    return Footer(f"待上报{pending.school_code}", len(pending.lines), version_hash({"lines": shown}))


def _row(number: int, item: PendingLine) -> list[str]:
    return [str(number), str(item.device_seq), item.student_name, item.class_name, item.action,
            item.items, item.state, f"{item.recorded_at:%Y-%m-%d %H:%M}"]


def _table(pending: PendingList) -> Any:
    rows = [list(HEADER)] + [_row(i, p) for i, p in enumerate(pending.lines, 1)]
    if not pending.lines:
        rows.append(["", "", "（没有待上报的变更）", *[""] * (len(HEADER) - 3)])
    commands = [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("VALIGN", (0, 0), (-1, -1), "TOP")]
    return grid(rows, WIDTHS, size=8, commands=commands, repeat=1)


def build(pending: PendingList, now: dt.datetime | None = None) -> bytes:
    moment = now or dt.datetime.now()
    head = (f"学校名称：{pending.school_name}　　学校标识码：{pending.school_code}　　"
            f"共 {len(pending.lines)} 条　　打印时间：{moment:%Y-%m-%d %H:%M}")
    story = [line(TITLE, 15, align=1), Spacer(1, 2 * mm), line(head, 9), Spacer(1, 2 * mm),
             _table(pending), Spacer(1, 6 * mm),
             line("以上变更均已保存在本机，尚未得到学籍中心确认。学籍管理员签字：__________", 9)]
    return render([(footer(pending), story)], TITLE)
