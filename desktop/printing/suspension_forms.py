"""Application and approval forms for a pupil's own 学籍 change, one A4 page per pupil:
休学申请（审批）表 with a tear-off 休学证明 (domain spec §6.4), 复学申请（审批）表 (§6.5) and
退学申请表 (§6.6). Each is the pupil's particulars, the request items to fill in by hand, the
guardian's application and the approval boxes; what differs is described by a `Form`.

The forms print for any pupil: whether a change is allowed (e.g. 退学 only in 高中) is
decided when the change is recorded, not here."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desktop.printing.form_parts import (
    BLANK,
    DATE_BLANK,
    approvals,
    boxes,
    chinese_date,
    cut_line,
    facts,
    guardian,
    heading,
    items,
    line,
    school_line,
)
from desktop.printing.layout import footer_of, render
from desktop.services.students.printable import PrintableStudent

Item = tuple[str, str, float]  # label, printed text, room to write (mm)


@dataclass(frozen=True)
class Form:
    title: str
    class_label: str
    items: tuple[Item, ...]
    approvals: tuple[str, ...]
    note: str = ""
    slip: Callable[[PrintableStudent], list[Any]] | None = None


def _suspension_slip(data: PrintableStudent) -> list[Any]:
    row = data.row
    body = (f"学生 {row.get('姓名', '')}（{row.get('性别', '')}，全国学籍号 {data.xjh or '（待分配）'}），"
            f"{data.school_name}{row.get('班级', '')}学生，经批准休学，自{DATE_BLANK}起至{DATE_BLANK}止。"
            "休学期满前，请监护人持本证明和健康证明到学校办理复学手续。")
    return [*cut_line(), line(f"休学证明　　　编号：{BLANK}", 12, align=1), Spacer(1, 2 * mm),
            line(body, 9.5), Spacer(1, 4 * mm),
            line(f"{data.school_name}（公章）　　{DATE_BLANK}", 9.5, align=2)]


TEACHER, SCHOOL = "班主任", "学校"
SUSPEND = Form(
    "休学申请（审批）表", "年级班级",
    (("休学类别", boxes(("因病", "因事", f"其他：{BLANK}")), 0),
     ("原因说明", "", 20),
     ("休学起止日期", f"自{DATE_BLANK}起至{DATE_BLANK}止（每次不超过一年）", 0),
     ("休学次数", boxes(("首次休学", "续休（第　　次）")), 0),
     ("证明材料", boxes(("县级以上医院诊断证明或病历（因病休学）", f"其他证明：{BLANK}")), 0)),
    (TEACHER, SCHOOL, "教育行政部门"),
    "说明：休学每次不超过一年；期满仍需休学的，应在期满前重新申请。休学期间不得办理转学。",
    _suspension_slip)
RESUME = Form(
    "复学申请（审批）表", "原年级班级",
    (("休学起止日期", f"自{DATE_BLANK}起至{DATE_BLANK}止", 0),
     ("休学证明编号", BLANK, 0),
     ("复学理由", "", 20),
     ("健康证明", boxes(("医院出具的健康证明（因病休学者）", f"其他：{BLANK}")), 0),
     ("拟编入年级班级", f"{BLANK}年级{BLANK}班（由学校填写）", 0)),
    (TEACHER, SCHOOL, "教育行政部门（需审批时）"),
    "说明：复学学生由学校编入适当的年级和班级。")
WITHDRAW = Form(
    "退学申请表", "年级班级",
    (("退学原因", "", 30),
     ("学生本人签字", f"{BLANK}　　{DATE_BLANK}", 0)),
    (TEACHER, "学校（决定）", "教育行政部门（备案）"),
    "说明：义务教育阶段学生不得退学；本表用于高中阶段学生，学校同意后报学籍主管部门备案。")


def _student(data: PrintableStudent, class_label: str) -> Any:
    row = data.row
    return facts([("姓名", row.get("姓名", "")), ("性别", row.get("性别", "")),
                  ("出生日期", chinese_date(row.get("出生日期", ""))),
                  ("全国学籍号", data.xjh or "（待分配）"),
                  ("身份证件号", row.get("身份证件号", "")), (class_label, row.get("班级", ""))])


def _application(data: PrintableStudent) -> Any:
    name, relation, phone = guardian(data.row)
    return facts([("监护人姓名", name), ("与学生关系", relation), ("联系电话", phone),
                  ("监护人签字", "")], [("申请日期", DATE_BLANK)])


def _story(form: Form, data: PrintableStudent) -> list[Any]:
    story = [line(form.title, 16, align=1), Spacer(1, 2 * mm),
             school_line(data.school_name, data.school_code, f"　　编号：{BLANK}"),
             *heading("一、学生基本情况"), _student(data, form.class_label),
             *heading("二、申请事项"), items(form.items),
             *heading("三、监护人申请"), _application(data),
             *heading("四、审批意见"), approvals(form.approvals, 42 * mm, personal=(TEACHER,))]
    if form.note:
        story += [Spacer(1, 1.5 * mm), line(form.note, 8)]
    return story + (form.slip(data) if form.slip else [])


def _build(form: Form, students: Sequence[PrintableStudent]) -> bytes:
    return render([(footer_of(data), _story(form, data)) for data in students], form.title)


def build_suspend(students: Sequence[PrintableStudent]) -> bytes:
    """休学申请（审批）表, one per pupil, with the 休学证明 to cut off and give the family."""
    return _build(SUSPEND, students)


def build_resume(students: Sequence[PrintableStudent]) -> bytes:
    """复学申请（审批）表, one per pupil."""
    return _build(RESUME, students)


def build_withdraw(students: Sequence[PrintableStudent]) -> bytes:
    """退学申请表, one per pupil."""
    return _build(WITHDRAW, students)
