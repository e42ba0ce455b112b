"""学籍档案 cover (档案封面) and 卷内目录 of each student's paper folder: the cover names the
school, the pupil, the numbers and where the folder is kept; the 卷内目录 lists every document
of the checklist with its copies and pages, whether it is in the folder, and notes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import PageBreak, Spacer, Table, TableStyle

from desktop.printing.fonts import SANS
from desktop.printing.layout import cell, footer_of, para, render
from desktop.services.archive.shapes import ArchiveIndexItem, ArchiveRegister, ChecklistLine

COVER_WIDTHS = (34 * mm, 100 * mm)
INDEX_WIDTHS = (14 * mm, 60 * mm, 22 * mm, 20 * mm, 64 * mm)
INDEX_HEADER = ("序号", "材料名称", "份数/页数", "是否齐全", "备注")


def _chinese_date(yyyymmdd: str) -> str:
    if len(yyyymmdd) != 8 or not yyyymmdd.isdigit():
        return yyyymmdd
    return f"{yyyymmdd[:4]}年{int(yyyymmdd[4:6])}月{int(yyyymmdd[6:])}日"


def _chinese_month(yyyymm: str) -> str:
    if len(yyyymm) != 6 or not yyyymm.isdigit():
        return yyyymm
    return f"{yyyymm[:4]}年{int(yyyymm[4:])}月"


def _cover_rows(item: ArchiveIndexItem) -> list[list[Any]]:
    row = item.student.row
    return [[label, cell(value, 12, COVER_WIDTHS[1])] for label, value in (
        ("学校", item.student.school_name), ("姓名", row.get("姓名", "")),
        ("性别", row.get("性别", "")), ("出生日期", _chinese_date(row.get("出生日期", ""))),
        ("身份证件号", row.get("身份证件号", "")), ("全国学籍号", item.student.xjh or "（待分配）"),
        ("班级", row.get("班级", "")), ("入学年月", _chinese_month(row.get("入学年月", ""))),
        ("存放位置", item.register.location.text or "（未登记）"))]


def _cover(item: ArchiveIndexItem) -> list[Any]:
    table = Table(_cover_rows(item), colWidths=list(COVER_WIDTHS))
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), SANS), ("FONTSIZE", (0, 0), (-1, -1), 12),
        ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("ALIGN", (0, 0), (0, -1), "RIGHT"),
        ("TOPPADDING", (0, 0), (-1, -1), 12), ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (1, 0), (1, -1), 0.6, colors.black), ("RIGHTPADDING", (0, 0), (0, -1), 8)]))
    return [Spacer(1, 30 * mm), para("学生学籍档案", 26, align=1), Spacer(1, 6 * mm),
            para(item.student.school_name, 14, align=1), Spacer(1, 22 * mm), table,
            Spacer(1, 30 * mm),
            para("建档日期：____________　　　学籍管理员（签字）：____________", 11, align=1)]


def _count(line: ChecklistLine) -> str:
    parts = [f"{line.copies}份" if line.copies is not None else "",
             f"{line.pages}页" if line.pages is not None else ""]
    return "/".join(p for p in parts if p)


def _state(line: ChecklistLine) -> str:
    if line.present:
        return "齐全"
    return "缺" if line.required else "无"


def _remark(line: ChecklistLine) -> str:
    notes = [line.note] if line.note else []
    if line.scans:
        notes.append(f"扫描件{line.scans}份")
    if line.required and not line.present:
        notes.append(f"待补（{line.required_because}）")
    return "；".join(notes)


def _index_table(register: ArchiveRegister) -> Table:
    rows: list[list[Any]] = [list(INDEX_HEADER)]
    for number, line in enumerate(register.lines, start=1):
        texts = (str(number), line.label, _count(line), _state(line), _remark(line))
        rows.append([cell(text, 9, width) for text, width in zip(texts, INDEX_WIDTHS, strict=True)])
    table = Table(rows, colWidths=list(INDEX_WIDTHS), repeatRows=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("FONTNAME", (0, 0), (-1, -1), SANS),
        ("FONTSIZE", (0, 0), (-1, -1), 9), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("ALIGN", (0, 0), (0, -1), "CENTER"), ("ALIGN", (2, 0), (3, -1), "CENTER"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
        ("TOPPADDING", (0, 0), (-1, -1), 4), ("BOTTOMPADDING", (0, 0), (-1, -1), 4)]))
    return table


def _custody(register: ArchiveRegister) -> list[str]:
    """Lines on where the folder is now: lent out, handed over."""
    lines = []
    loan = register.open_loan
    if loan is not None:
        lines.append(f"借阅中：{loan.borrower}，{loan.lent_on:%Y-%m-%d} 借出，应还 {loan.due:%Y-%m-%d}"
                     f"（事由：{loan.purpose}）")
    lines += [f"已移交（{h.reason}）：{h.handed_on:%Y-%m-%d} 交 {h.receiver}，移交人 {h.sender_signatory}，"
              f"接收人 {h.receiver_signatory}" for h in register.handovers]
    return lines


def _index(item: ArchiveIndexItem) -> list[Any]:
    register = item.register
    required = sum(line.required for line in register.lines)
    heading = (f"姓名：{register.name}　　全国学籍号：{item.student.xjh or '（待分配）'}"
               f"　　班级：{item.student.row.get('班级', '')}")
    summary = f"必备材料 {required} 项，缺 {len(register.missing)} 项。"
    story: list[Any] = [para("卷内目录", 18, align=1), Spacer(1, 5 * mm), para(heading, 10),
                        Spacer(1, 3 * mm), _index_table(register), Spacer(1, 3 * mm),
                        para(summary, 10)]
    story += [para(text, 10) for text in _custody(register)]
    story += [Spacer(1, 12 * mm), para("立卷人：____________　　　检查人：____________　　　"
                                       "日期：____________", 10)]
    return story


def build(items: Sequence[ArchiveIndexItem]) -> bytes:
    """For each student, the archive cover then the 卷内目录, both with the record's footer."""
    return render([(footer_of(item.student), [*_cover(item), PageBreak(), *_index(item)])
                   for item in items], "学籍档案卷内目录")
