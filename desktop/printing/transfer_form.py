"""转学联系表 (domain spec §6.3), one A4 page per pupil: the pupil's particulars, the school
left and the school to enter (filled in by hand), the reason with its proof, the guardian's
application, the four approval boxes in the order the transfer is handled, and a tear-off
回执 that the receiving school returns to the sending school."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desktop.printing.form_parts import (
    BLANK,
    DATE_BLANK,
    SHADE,
    WIDTH,
    approvals,
    boxes,
    chinese_date,
    cut_line,
    facts,
    grid,
    guardian,
    heading,
    items,
    line,
    place_name,
    school_line,
)
from desktop.printing.layout import footer_of, render
from desktop.services.students.printable import PrintableStudent

REASONS = ("户籍迁移", "随父母工作调动", "居住地变更", f"其他：{BLANK}")
PROOFS = ("户口簿或户口迁移证明", "工作调动证明", "房产证明或租房合同", "居住证", f"其他：{BLANK}")
APPROVALS = ("① 转入学校", "② 转入学校主管部门", "③ 转出学校", "④ 转出学校主管部门")


def _student(data: PrintableStudent) -> Any:
    row = data.row
    pairs = [("姓名", row.get("姓名", "")), ("性别", row.get("性别", "")),
             ("出生日期", chinese_date(row.get("出生日期", ""))), ("民族", row.get("民族", "")),
             ("身份证件号", row.get("身份证件号", "")), ("全国学籍号", data.xjh or "（待分配）")]
    wide = [("户籍地址（户口所在地）", place_name(row.get("户口所在地", ""))),
            ("现住址", row.get("现住址", ""))]
    return facts(pairs, wide)


def _schools(data: PrintableStudent) -> Any:
    widths = (27 * mm, WIDTH - 27 * mm - 110 * mm, 34 * mm, 38 * mm, 38 * mm)
    rows = [["", "学校名称", "学校标识码", "年级", "班级"],
            ["原学校（转出）", data.school_name, data.school_code, data.row.get("年级", ""),
             data.row.get("班级", "")],
            ["拟转入学校", "", "", "（平级转入）", ""]]
    shade = [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("BACKGROUND", (0, 0), (0, -1), SHADE),
             ("TOPPADDING", (0, 0), (-1, -1), 5), ("BOTTOMPADDING", (0, 0), (-1, -1), 5)]
    return grid(rows, widths, commands=shade, heights=[None, None, 10 * mm])


def _application(data: PrintableStudent) -> Any:
    name, relation, phone = guardian(data.row)
    return facts([("监护人姓名", name), ("与学生关系", relation), ("联系电话", phone),
                  ("监护人签字", "")], [("申请日期", DATE_BLANK)])


def _receipt(data: PrintableStudent) -> list[Any]:
    row = data.row
    body = (f"{data.school_name}：你校{row.get('班级', '')}学生 {row.get('姓名', '')}"
            f"（全国学籍号 {data.xjh or '（待分配）'}）的转学联系表已收到。经审核："
            f"{boxes(('同意接收', f'不同意接收，原因：{BLANK}'))}。")
    return [line("转学联系表回执", 12, align=1), Spacer(1, 2 * mm), line(body, 9.5),
            Spacer(1, 4 * mm),
            line(f"转入学校（公章）　　经办人：{BLANK}　　{DATE_BLANK}", 9.5, align=2)]


def _story(data: PrintableStudent) -> list[Any]:
    return [line("转学联系表", 16, align=1), Spacer(1, 2 * mm),
            school_line(data.school_name, data.school_code, f"　　编号：{BLANK}"),
            *heading("一、学生基本情况"), _student(data),
            *heading("二、转出学校与拟转入学校"), _schools(data),
            *heading("三、转学原因"),
            items([("转学原因", boxes(REASONS), 0), ("证明材料", boxes(PROOFS), 0)]),
            *heading("四、监护人申请"), _application(data),
            *heading("五、审批意见（按 ①→④ 的顺序办理，各方在10个工作日内办结）"),
            approvals(APPROVALS), *cut_line(), *_receipt(data)]


def build(students: Sequence[PrintableStudent]) -> bytes:
    """One form per pupil, in the given order."""
    return render([(footer_of(data), _story(data)) for data in students], "转学联系表")
