"""Test data: template-shaped student rows that pass validation, with valid ID numbers."""

from __future__ import annotations

import datetime as dt

from desktop.domain.idnumber import check_digit

SCHOOL_CODE = "4406040001"


def resident_id(region: str, birth: dt.date, seq: int) -> str:
    """A valid 18-digit ID number; odd `seq` = male, even = female."""
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + check_digit(body)


def valid_row(name: str = "王小明", birth: dt.date = dt.date(2017, 3, 5), seq: int = 11,
              class_name: str = "三年级(2)班", region: str = "440604") -> dict[str, str]:
    """One complete student row as the national template writes it."""
    sex = "男" if seq % 2 else "女"
    return {
        "学校标识码": SCHOOL_CODE, "姓名": name, "性别": sex, "出生日期": f"{birth:%Y%m%d}",
        "出生地": region + "000000", "籍贯": "广东省佛山市", "民族": "汉族", "国籍/地区": "中国",
        "身份证件类型": "居民身份证", "港澳台侨外": "否", "健康状况": "健康或良好",
        "政治面貌": "群众", "身份证件号": resident_id(region, birth, seq), "户口性质": "非农业户口",
        "户口所在地": region + "000000", "班级": class_name, "入学年月": "202409",
        "入学方式": "就近入学", "就读方式": "走读", "现住址": "广东省佛山市禅城区祖庙街道人民路1号",
        "通信地址": "广东省佛山市禅城区祖庙街道人民路1号", "家庭地址": "广东省佛山市禅城区祖庙街道人民路1号",
        "联系电话": "13800138000", "邮政编码": "528000", "是否独生子女": "否",
        "是否受过学前教育": "是", "是否留守儿童": "非留守儿童", "是否需要申请资助": "否",
        "是否享受一补": "否", "是否孤儿": "否", "是否烈士或优抚子女": "否",
        "是否进城务工人员随迁子女": "否",
        "成员1姓名": "王大明", "成员1关系": "父亲", "成员1现住址": "广东省佛山市禅城区人民路1号",
        "成员1户口所在地": region + "000000", "成员1联系电话": "13800138001",
        "成员1是否监护人": "是", "成员1身份证件类型": "居民身份证",
        "成员1身份证件号": resident_id(region, dt.date(1985, 6, 1), seq + 100 - (seq % 2) + 1),
        "成员2姓名": "李丽", "成员2关系": "母亲", "成员2现住址": "广东省佛山市禅城区人民路1号",
        "成员2户口所在地": region + "000000", "成员2联系电话": "13800138002",
        "成员2是否监护人": "是",
    }
