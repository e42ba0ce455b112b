"""学籍核查报告 for one semester round (domain spec §7.1): the class summary (应在籍人数,
实际在校人数, 人籍一致数 and the count of each kind of difference, with the school total),
the list of every pupil whose mark is not 人籍一致 with the follow-up action, and the
signature lines of the 学籍管理员 and the 校长.

The report is not one record: its footer names the round as the record, gives the number of
marked differences as the version, and hashes everything the report shows."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import asdict
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desktop.printing.form_parts import BLANK, DATE_BLANK, SHADE, WIDTH, grid, heading, line
from desktop.printing.layout import Footer, render, version_hash
from desktop.services.changes.verification import CONCLUSIONS, ClassSummary
from desktop.services.reports.registers import VerificationReport, present

DIFFERENT = CONCLUSIONS[1:]  # 在籍不在校, 在校不在籍, 空挂学籍, 信息不符
SUMMARY_HEADER = ("班级", "应在籍人数", "已核查人数", "实际在校人数", "人籍一致数", *DIFFERENT)
DIFFERENCE_HEADER = ("序号", "班级", "姓名", "核查结论", "不在校原因", "去向", "处理措施", "办结期限")
DIFFERENCE_WIDTHS = tuple(w * mm for w in (10, 24, 20, 22, 24, 30, 28, 22))


def round_label(round_: str) -> str:
    """2026-2027-1 -> 2026-2027学年第一学期."""
    first, second, term = round_.split("-")
    return f"{first}-{second}学年第{'一二'[int(term) - 1]}学期"


def _counts(summary: ClassSummary) -> list[int]:
    return [summary.on_roll, summary.checked, present(summary), summary.consistent,
            *(summary.different[c] for c in DIFFERENT)]


def _summary_table(report: VerificationReport) -> Any:
    rows: list[list[Any]] = [list(SUMMARY_HEADER)]
    totals: Counter[int] = Counter()
    for summary in report.summaries:
        counts = _counts(summary)
        totals.update(dict(enumerate(counts)))
        rows.append([summary.class_name, *map(str, counts)])
    rows.append(["全校合计", *(str(totals[i]) for i in range(len(SUMMARY_HEADER) - 1))])
    first = 32 * mm
    widths = [first] + [(WIDTH - first) / (len(SUMMARY_HEADER) - 1)] * (len(SUMMARY_HEADER) - 1)
    commands = [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("BACKGROUND", (0, -1), (-1, -1), SHADE),
                ("ALIGN", (1, 0), (-1, -1), "CENTER")]
    return grid(rows, widths, commands=commands, repeat=1)


def _difference_table(report: VerificationReport) -> Any:
    rows: list[list[Any]] = [list(DIFFERENCE_HEADER)]
    rows += [[str(i), d.class_name, d.name, d.conclusion, d.reason, d.whereabouts, d.action,
              f"{d.due:%Y-%m-%d}" if d.due else ""] for i, d in enumerate(report.differences, 1)]
    commands = [("BACKGROUND", (0, 0), (-1, 0), SHADE)]
    return grid(rows, DIFFERENCE_WIDTHS, commands=commands, repeat=1)


def _differences(report: VerificationReport) -> list[Any]:
    if not report.differences:
        return [line("本学期核查未发现人籍不一致的学生。", 9)]
    return [_difference_table(report)]


def footer(report: VerificationReport) -> Footer:
    shown = {"round": report.round, "school": [report.school_name, report.school_code],
             "summaries": [[s.class_name, *_counts(s)] for s in report.summaries],
             "differences": [asdict(d) for d in report.differences]}
    return Footer(f"核查{report.round}", len(report.differences), version_hash(shown))


def _story(report: VerificationReport, today: dt.date) -> list[Any]:
    school = f"学校名称：{report.school_name}　　学校标识码：{report.school_code}"
    when = f"核查学期：{round_label(report.round)}　　打印日期：{today:%Y-%m-%d}"
    return [line("学籍核查报告", 16, align=1), Spacer(1, 2 * mm), line(school, 9), line(when, 9),
            *heading("一、各班核查汇总"), _summary_table(report), Spacer(1, 1 * mm),
            line("实际在校人数：核查结论为人籍一致、在校不在籍或信息不符的人数。", 7.5),
            *heading("二、差异明细（人籍不一致的学生及处理措施）"), *_differences(report),
            Spacer(1, 12 * mm),
            line(f"学籍管理员（签字）：{BLANK}　　　校长（签字）：{BLANK}　　　学校（公章）", 10),
            Spacer(1, 5 * mm), line(DATE_BLANK, 10, align=2)]


def build(report: VerificationReport, today: dt.date | None = None) -> bytes:
    day = today or dt.date.today()
    return render([(footer(report), _story(report, day))], "学籍核查报告")
