"""Template text as it reads on paper: region names for codes, dates with dashes, 入学年月 in
years and months. Every printed form takes its student items through `paper_row`, so the
same item looks the same on every document (学生基本信息表, 学籍卡, 转学联系表, certificates,
rosters): 210922000000 -> 辽宁省阜新市彰武县, 20181001 -> 2018-10-01, 202409 -> 2024年09月.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from desktop.domain.fields import ALL_STUDENT_FIELDS, MEMBER_FIELDS, MEMBER_SLOTS, member_header
from desktop.domain.regions import region_name

_KINDS = {spec.header: spec.kind for spec in ALL_STUDENT_FIELDS}
_KINDS.update({member_header(slot, spec): spec.kind for slot in range(1, MEMBER_SLOTS + 1)
               for spec in MEMBER_FIELDS})


def paper_date(value: str | dt.date) -> str:
    """20181001 or a date -> 2018-10-01; other text as it is."""
    if isinstance(value, dt.date):
        return f"{value:%Y-%m-%d}"
    if re.fullmatch(r"\d{8}", value):
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value


def paper_month(value: str) -> str:
    """202409 -> 2024年09月; other text as it is."""
    return f"{value[:4]}年{value[4:]}月" if re.fullmatch(r"\d{6}", value) else value


def paper_text(header: str, value: str) -> str:
    """One template cell as printed."""
    kind = _KINDS.get(header)
    if not value or kind is None:
        return value
    if kind == "region":
        return region_name(value)
    if kind == "date":
        return paper_date(value)
    if kind == "month":
        return paper_month(value)
    return value


def paper_row(row: Mapping[str, str]) -> dict[str, str]:
    """A template row with every region, date and month item as it reads on paper."""
    return {header: paper_text(header, value) for header, value in row.items()}
