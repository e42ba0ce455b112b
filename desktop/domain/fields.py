"""The fields of the national 学籍 template (§8.2, 71 columns) and how each is read.

Every student attribute has one FieldSpec: its template header, the attribute name used in
the records, how its text is parsed (kind), its code table and whether it is required.
`REQUIRED` items carry ★ on the national form; `RECOMMENDED` items carry ★ too but their
obligation is not confirmed nationally (◇ in the spec): a missing value is a warning.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Need(Enum):
    OPTIONAL = "optional"
    REQUIRED = "required"
    RECOMMENDED = "recommended"


@dataclass(frozen=True)
class FieldSpec:
    key: str
    header: str
    kind: str  # text code date month region yesno decimal phone postcode email idnum
    table: str = ""
    need: Need = Need.OPTIONAL
    max_len: int = 0


R, C, OPT = Need.REQUIRED, Need.RECOMMENDED, Need.OPTIONAL

STUDENT_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "姓名", "text", need=R, max_len=36),
    FieldSpec("sex", "性别", "code", "xb", R),
    FieldSpec("birth_date", "出生日期", "date", need=R),
    FieldSpec("birthplace", "出生地", "region", need=R),
    FieldSpec("native_place", "籍贯", "text", need=R, max_len=60),
    FieldSpec("ethnicity", "民族", "code", "mz", R),
    FieldSpec("nationality", "国籍/地区", "code", "gjdq", R),
    FieldSpec("id_type", "身份证件类型", "code", "sfzjlx", R),
    FieldSpec("gatqw", "港澳台侨外", "code", "gatqw", R),
    FieldSpec("health", "健康状况", "code", "jkzk", R),
    FieldSpec("political", "政治面貌", "code", "zzmm", OPT),
    FieldSpec("id_number", "身份证件号", "idnum", need=OPT, max_len=20),
    FieldSpec("hukou_type", "户口性质", "code", "hkxz", R),
    FieldSpec("hukou_place", "户口所在地", "region", need=R),
    FieldSpec("class_name", "班级", "text", need=R, max_len=40),
    FieldSpec("entry_month", "入学年月", "month", need=R),
    FieldSpec("entry_mode", "入学方式", "code", "rxfs", R),
    FieldSpec("attendance", "就读方式", "code", "jdfs", R),
    FieldSpec("current_address", "现住址", "text", need=R, max_len=120),
    FieldSpec("mailing_address", "通信地址", "text", need=R, max_len=120),
    FieldSpec("home_address", "家庭地址", "text", need=R, max_len=120),
    FieldSpec("phone", "联系电话", "phone", need=R),
    FieldSpec("postcode", "邮政编码", "postcode", need=R),
    FieldSpec("only_child", "是否独生子女", "yesno", "sf", R),
    FieldSpec("preschool", "是否受过学前教育", "yesno", "sf", R),
    FieldSpec("left_behind", "是否留守儿童", "code", "sflset", C),
    FieldSpec("needs_aid", "是否需要申请资助", "yesno", "sf", C),
    FieldSpec("boarding_subsidy", "是否享受一补", "yesno", "sf", C),
    FieldSpec("orphan", "是否孤儿", "yesno", "sf", C),
    FieldSpec("martyr_child", "是否烈士或优抚子女", "yesno", "sf", C),
    FieldSpec("commute_km", "上下学距离（公里）", "decimal"),
    FieldSpec("commute_mode", "上下学交通方式", "code", "sxxfs"),
    FieldSpec("school_bus", "是否需要乘坐校车", "yesno", "sf"),
    FieldSpec("former_name", "曾用名", "text", max_len=36),
    FieldSpec("id_validity", "身份证件有效期", "text", max_len=30),
    FieldSpec("blood_type", "血型", "code", "xx"),
    FieldSpec("specialty", "特长", "text", max_len=60),
    FieldSpec("aux_number", "学籍辅号", "text", max_len=30),
    FieldSpec("class_seq", "班内学号", "text", max_len=10),
    FieldSpec("student_source", "学生来源", "code", "xsly"),
    FieldSpec("email", "电子信箱", "email", max_len=60),
    FieldSpec("homepage", "主页地址", "text", max_len=120),
    FieldSpec("disability", "残疾类型", "code", "cjlx"),
    FieldSpec("gov_place", "是否由政府购买学位", "yesno", "sf"),
    FieldSpec("regular_class", "随班就读", "code", "sbjd"),
)

MIGRANT_FIELD = FieldSpec("migrant_child", "是否进城务工人员随迁子女", "yesno", "sf", C)

MEMBER_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("name", "姓名", "text", need=R, max_len=36),
    FieldSpec("relation", "关系", "code", "jtgx", R),
    FieldSpec("relation_note", "关系说明", "text", max_len=30),
    FieldSpec("address", "现住址", "text", need=C, max_len=120),
    FieldSpec("hukou_place", "户口所在地", "region", need=C),
    FieldSpec("phone", "联系电话", "phone", need=C),
    FieldSpec("is_guardian", "是否监护人", "yesno", "sf", C),
    FieldSpec("id_type", "身份证件类型", "code", "sfzjlx"),
    FieldSpec("id_number", "身份证件号", "idnum", max_len=20),
    FieldSpec("ethnicity", "民族", "code", "mz"),
    FieldSpec("employer", "工作单位", "text", max_len=60),
    FieldSpec("position", "职务", "text", max_len=30),
)

MEMBER_SLOTS = 2
SCHOOL_CODE_HEADER = "学校标识码"


def member_header(slot: int, spec: FieldSpec) -> str:
    """`成员1姓名` … `成员2职务` (slot counts from 1)."""
    return f"成员{slot}{spec.header}"


def template_headers() -> list[str]:
    """The 71 column headers of the national import template, in template order."""
    headers = [SCHOOL_CODE_HEADER, *(spec.header for spec in STUDENT_FIELDS)]
    for slot in range(1, MEMBER_SLOTS + 1):
        headers += [member_header(slot, spec) for spec in MEMBER_FIELDS]
    return [*headers, MIGRANT_FIELD.header]


ALL_STUDENT_FIELDS: tuple[FieldSpec, ...] = (*STUDENT_FIELDS, MIGRANT_FIELD)
