"""The recovery sheet: the printed recovery key the school keeps in its safe."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from desktop.printing.fonts import MONO, canvas_maker, register, runs

INSTRUCTIONS = (
    "这是本校学籍数据库的恢复密钥。忘记密码、密钥文件丢失或损坏时，只有它能打开数据库。",
    "请把本页放入学校保险柜，不要拍照、不要存放在电脑里，不要交给无关人员。",
    "使用方法：在程序的“忘记密码”中，或用命令 xueji reset-password，输入下面的密钥并设置新密码。",
    "输入时不区分大小写，短横线可省略；字母 I、L 视为数字 1，字母 O 视为数字 0。",
)


@dataclass(frozen=True)
class RecoverySheet:
    school_name: str
    school_code: str
    username: str
    recovery_key: str
    created: dt.date


def _text(canvas: Canvas, x: float, y: float, text: str, size: float) -> None:
    """One line in one text object, switching fonts per run (copy and search keep it whole)."""
    line = canvas.beginText(x, y)
    for font, chunk in runs(text):
        line.setFont(font, size)
        line.textOut(chunk)
    canvas.drawText(line)


def build(sheet: RecoverySheet) -> bytes:
    """A one-page A4 PDF with the key in large type, groups of four."""
    register(MONO)
    buffer = io.BytesIO()
    canvas = canvas_maker(buffer, pagesize=A4, invariant=True, pageCompression=1)
    canvas.setTitle("学籍管理 恢复密钥")
    height = A4[1]
    _text(canvas, 25 * mm, height - 30 * mm, "学籍管理 — 数据库恢复密钥", 20)
    _text(canvas, 25 * mm, height - 42 * mm, f"学校：{sheet.school_name}（{sheet.school_code}）", 12)
    who = f"学籍管理员：{sheet.username}    生成日期：{sheet.created:%Y-%m-%d}"
    _text(canvas, 25 * mm, height - 50 * mm, who, 12)
    groups = sheet.recovery_key.split("-")
    lines = ["-".join(groups[:7]), "-".join(groups[7:])]
    canvas.setFont(MONO, 20)
    for index, line in enumerate(lines):
        canvas.drawString(25 * mm, height - (75 + 12 * index) * mm, line)
    for index, line in enumerate(INSTRUCTIONS):
        _text(canvas, 25 * mm, height - (115 + 9 * index) * mm, line, 10.5)
    _text(canvas, 25 * mm, 30 * mm, "保管人签字：______________      校长签字：______________", 12)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
