"""Column names of import files -> the items they hold, read from resources/exchange/columns.csv.

The same item is spelt several ways in the field (身份证件号 / 身份证件号码 / 身份证号, the
national export's 出生地行政区划代码 …); real-templates.md lists them. The table is data, so a
new spelling is one line in the CSV. Besides template headers an item may be a class part
(#年级, #班级号, #班号, #校区号: columns that together name the class) or #不导入 (a column
known and left out on purpose, such as 学籍接续标识).
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache, lru_cache

from desktop.domain.data import read_rows

GRADE, CLASS_NUMBER, CLASS_CODE, CAMPUS = "#年级", "#班级号", "#班号", "#校区号"
CLASS_PARTS = (GRADE, CLASS_NUMBER, CLASS_CODE, CAMPUS)
LEAVE_OUT = "#不导入"
_MARKS = re.compile(r"^[*＊★☆]+|[*＊★☆]+$|[(（]必填[)）]$")
_MEMBER_RE = re.compile(r"(?:家庭成员|成员|监护人)(\d+)(.+)")


def fold_header(header: str) -> str:
    """A header cell as compared: half-width, no spaces, no required-item marks."""
    folded = "".join(unicodedata.normalize("NFKC", str(header)).split())
    return _MARKS.sub("", folded)


@cache
def aliases() -> dict[str, str]:
    """Folded spelling -> item (a template header, a class part or LEAVE_OUT)."""
    return {fold_header(row["spelling"]): row["item"]
            for row in read_rows("exchange/columns.csv")}


@lru_cache(maxsize=2048)
def canonical_header(header: str) -> str:
    """The item a header names: its template header when it is a known spelling, a class
    part or LEAVE_OUT, or the folded header itself (unknown)."""
    folded = fold_header(header)
    table = aliases()
    if folded in table:
        return table[folded]
    match = _MEMBER_RE.fullmatch(folded)
    if match:
        rest = table.get(match.group(2), match.group(2))
        if not rest.startswith("#"):
            return f"成员{match.group(1)}{rest}"
    return folded
