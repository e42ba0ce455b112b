"""Import files in the layouts registrars meet in the field (real-templates.md), built from
rows in the §8.2 layout: other header spellings, another column order, columns missing or
added, the class in 年级 + 班级号 or 班号 + 校区号, 6-digit region codes, 其它, yes/no as 1/0
or Y/N, dates as text or Excel dates, and .xls files (written with xlwt)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlwt
from openpyxl import Workbook

from desktop.domain.fields import template_headers

Cell = Callable[[Mapping[str, Any]], Any]
YES_NO = ("是否独生子女", "是否受过学前教育", "是否需要申请资助", "是否享受一补", "是否孤儿",
          "是否烈士或优抚子女", "是否进城务工人员随迁子女", "是否需要乘坐校车", "是否由政府购买学位",
          "成员1是否监护人", "成员2是否监护人")
REGIONS = ("出生地", "户口所在地", "成员1户口所在地", "成员2户口所在地")


@dataclass(frozen=True)
class Layout:
    """How one field layout differs from §8.2."""

    name: str
    rename: Mapping[str, str] = field(default_factory=dict)  # §8.2 header -> written header
    drop: frozenset[str] = frozenset()  # §8.2 headers the layout does not have
    after: Sequence[tuple[str, str]] = ()  # (header moved, §8.2 header it now follows)
    front: Sequence[tuple[str, Cell]] = ()  # extra columns before 学校标识码
    extra: Sequence[tuple[str, Cell]] = ()  # extra columns at the end
    cells: Mapping[str, Cell] = field(default_factory=dict)  # §8.2 header -> how it is written
    class_columns: Sequence[tuple[str, Cell]] = ()  # replace 班级 by these columns

    def headers(self) -> list[str]:
        order = [h for h in template_headers() if h not in self.drop]
        for moved, anchor in self.after:
            order.remove(moved)
            order.insert(order.index(anchor) + 1, moved)
        written: list[str] = [name for name, _cell in self.front]
        for header in order:
            if header == "班级" and self.class_columns:
                written += [name for name, _cell in self.class_columns]
            else:
                written.append(self.rename.get(header, header))
        return written + [name for name, _cell in self.extra]

    def row(self, source: Mapping[str, Any]) -> list[Any]:
        by_written = {name: cell for name, cell in (*self.front, *self.extra, *self.class_columns)}
        for header in template_headers():
            make = self.cells.get(header, lambda r, h=header: r.get(h))
            by_written[self.rename.get(header, header)] = make
        return [by_written[name](source) for name in self.headers()]


def write_xlsx(path: Path, layout: Layout, rows: Sequence[Mapping[str, Any]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "学生信息"
    sheet.append(layout.headers())
    for row in rows:
        sheet.append(layout.row(row))
    book.save(path)
    return path


def write_xls(path: Path, layout: Layout, rows: Sequence[Mapping[str, Any]]) -> Path:
    """An Excel 97-2003 file as the national system hands out: a title row, then the header."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("学生信息")
    dates = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    sheet.write(0, 0, "全国中小学生学籍信息管理系统 学生信息导入模板")
    for column, header in enumerate(layout.headers()):
        sheet.write(1, column, header)
    for number, row in enumerate(rows, start=2):
        for column, value in enumerate(layout.row(row)):
            if isinstance(value, dt.date):
                sheet.write(number, column, value, dates)
            elif value is not None:
                sheet.write(number, column, value)
    book.save(str(path))
    return path


def grade_of(row: Mapping[str, Any]) -> str:
    return re.match(r"^(.*?)[(（]?\d+[)）]?班$", row["班级"]).group(1)  # type: ignore[union-attr]


def number_of(row: Mapping[str, Any]) -> str:
    return re.search(r"(\d+)[)）]?班$", row["班级"]).group(1)  # type: ignore[union-attr]


def short_region(header: str) -> Cell:
    return lambda r: (r.get(header) or "")[:6] or None


def yes_no(header: str, yes: Any, no: Any) -> Cell:
    return lambda r: {"是": yes, "否": no}.get(r.get(header) or "")


def as_date(header: str) -> Cell:
    return lambda r: dt.datetime.strptime(r[header], "%Y%m%d").date()


def as_serial(header: str) -> Cell:
    return lambda r: (dt.datetime.strptime(r[header], "%Y%m%d").date() - dt.date(1899, 12, 30)).days


def swap_other(header: str) -> Cell:
    return lambda r: (r.get(header) or "").replace("其他", "其它") or None


# The national system's export of one province, 2019: longer names, 学籍接续标识 in front,
# 身份证件号 beside its type, 随迁子女 beside 留守儿童, no 随班就读 and no 血型, 6-digit region
# codes, yes/no as 1/0, dates as text with dashes, the class as 年级 + 班级号.
EXPORT_2019 = Layout(
    "national export 2019",
    rename={"姓名": "学生姓名", "出生地": "出生地行政区划代码", "户口所在地": "户口所在地行政区划",
            "成员1户口所在地": "成员1户口所在地行政区划", "成员2户口所在地": "成员2户口所在地行政区划",
            "身份证件号": "身份证件号码", "身份证件类型": "证件类型",
            "上下学距离（公里）": "上下学距离"},
    drop=frozenset({"随班就读", "血型"}),
    after=(("身份证件号", "身份证件类型"), ("是否进城务工人员随迁子女", "是否留守儿童")),
    front=(("学籍接续标识", lambda r: "YE" + r["身份证件号"][-8:]),),
    cells={**{h: short_region(h) for h in REGIONS},
           **{h: yes_no(h, 1, 0) for h in YES_NO},
           "出生日期": lambda r: f"{r['出生日期'][:4]}-{r['出生日期'][4:6]}-{r['出生日期'][6:]}",
           "学生来源": swap_other("学生来源"), "成员2关系": swap_other("成员2关系")},
    class_columns=(("年级", grade_of), ("班级号", number_of)),
)

# A county's .xls copy: the class as 校区号 + 班号 (a 7-digit class code), other names for
# 上下学方式 / 是否乘坐校车 / 残疾人类型, blood types as A血型, yes/no as Y/N, birth dates as Excel
# date cells, 入学年月 as an Excel date serial number, a 家长微信号 column of its own.
COUNTY_XLS = Layout(
    "county .xls",
    rename={"上下学交通方式": "上下学方式", "是否需要乘坐校车": "是否乘坐校车", "残疾类型": "残疾人类型",
            "身份证件号": "身份证号"},
    cells={**{h: yes_no(h, "Y", "N") for h in YES_NO},
           "血型": lambda r: (r.get("血型") or "").replace("型", "血型") or None,
           "出生日期": as_date("出生日期"),
           "入学年月": lambda r: (dt.date(int(r["入学年月"][:4]), int(r["入学年月"][4:]), 1)
                              - dt.date(1899, 12, 30)).days},
    class_columns=(("校区号", lambda _r: "01"), ("班号", lambda r: CLASS_CODES[r["班级"]])),
    extra=(("家长微信号", lambda r: "wx_" + r["成员1联系电话"][-4:]),),
)

# A provincial 78-item form: 户籍所在地 and 现居住地址 for the template's names, 年级 as
# 小学三年级 with 班级号 as 2班, 其它 for 入学方式 (stage-split names), birth dates as Excel
# date serials, and items of its own: 是否农村留守 (mapped by the registrar to 是否留守儿童) and
# 寄宿生 (left out on purpose).
PROVINCE_78 = Layout(
    "provincial 78-item form",
    rename={"户口所在地": "户籍所在地", "现住址": "现居住地址", "是否留守儿童": "是否农村留守",
            "国籍/地区": "国籍(地区)"},
    cells={"入学方式": lambda r: "其它" if "其他" in (r.get("入学方式") or "") else r.get("入学方式"),
           "出生日期": as_serial("出生日期"),
           **{h: short_region(h) for h in ("出生地", "成员1户口所在地")}},
    class_columns=(("年级", lambda r: ("小学" if "年级" in r["班级"] else "") + grade_of(r)),
                   ("班级号", lambda r: number_of(r) + "班")),
    extra=(("寄宿生", lambda _r: "否"), ("学生联系人", lambda r: r["成员1姓名"])),
)

CLASS_CODES = {"三年级(2)班": "2023002", "三年级(1)班": "2023001", "初一(3)班": "2026003"}
