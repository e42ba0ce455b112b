"""缓学申请表 (domain spec §6.6), printed 一式三份: the same form three times, one copy each
for the family, the school and the education bureau. The child has no 学籍 while deferred,
so the form is filled from a 缓学 register entry, not a student record; its footer carries
the entry's id, version 1 (entries are not edited) and a hash of what was printed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from reportlab.lib.units import mm
from reportlab.platypus import Spacer

from desktop.domain.paper import paper_date
from desktop.printing.form_parts import (
    BLANK,
    DATE_BLANK,
    approvals,
    facts,
    heading,
    items,
    line,
    school_line,
)
from desktop.printing.layout import Footer, render, version_hash
from desktop.services.reports.registers import PrintableDeferral

COPIES = ("第一联　家庭留存", "第二联　学校留存", "第三联　教育行政部门留存")


def _date(day: Any) -> str:
    return paper_date(day)


def _child(entry: PrintableDeferral) -> Any:
    return facts([("儿童姓名", entry.name), ("出生日期", _date(entry.birth_date)),
                  ("身份证件号", entry.id_number or "（无）"), ("户籍所在地", ""),
                  ("应入学学校", entry.school_name), ("应入学年级", BLANK)])


def _request(entry: PrintableDeferral) -> Any:
    kind = "续缓（前一学年已缓学）" if entry.renewal else "首次申请"
    return items([("申请类别", kind, 0), ("缓学原因", entry.reason, 16),
                  ("医院证明", f"{entry.certificate}（县级以上医院出具）", 0),
                  ("缓学期限", f"自{_date(entry.start)}起至{_date(entry.until)}止（不超过一个学年）", 0)])


def _copy(entry: PrintableDeferral, copy: str) -> list[Any]:
    return [line("缓学申请表", 16, align=1), line(f"（{copy}）", 9, align=1), Spacer(1, 2 * mm),
            school_line(entry.school_name, entry.school_code, f"　　编号：{BLANK}"),
            *heading("一、儿童基本情况"), _child(entry),
            *heading("二、申请事项"), _request(entry),
            *heading("三、监护人申请"),
            facts([("监护人姓名", entry.guardian), ("联系电话", entry.phone),
                   ("监护人签字", ""), ("申请日期", DATE_BLANK)]),
            *heading("四、审批意见"),
            approvals(("学校初审", "乡镇人民政府或县级教育行政部门审批"), 42 * mm),
            Spacer(1, 1.5 * mm),
            line("说明：缓学只限身体原因，期限不超过一个学年；缓学期间不注册学籍。期满仍不能入学的，"
                 "应在期满前重新申请。", 8)]


def footer(entry: PrintableDeferral) -> Footer:
    return Footer(entry.id, 1, version_hash(asdict(entry)))


def build(entries: Sequence[PrintableDeferral]) -> bytes:
    """Three copies of the form for each entry, each copy on its own page."""
    return render([(footer(entry), _copy(entry, copy)) for entry in entries for copy in COPIES],
                  "缓学申请表")
