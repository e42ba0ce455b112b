"""A school's students as the central copy holds them, written as national template rows.

The keys are those of `xueji student list --json` (template headers plus 学籍号 and 学籍状态),
in the same roster order, so the two lists can be compared line by line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from typing import Any

from sqlalchemy import Engine, select

from central.store.db import students
from central.store.schools import school_by_code
from desktop.domain.names import pinyin_key
from desktop.domain.status import Status
from desktop.domain.template_output import template_row


def template_rows(engine: Engine, school_code: str) -> Iterator[dict[str, str]]:
    """Every student of the school; LookupError when the school is unknown."""
    with engine.begin() as conn:
        school = school_by_code(conn, school_code)
        if school is None:
            raise LookupError(school_code)
        rows = conn.execute(select(students).where(students.c.school_id == school.school_id)).all()
    for row in sorted(rows, key=lambda r: (pinyin_key(r.name), r.record_id)):
        yield _template_row(row, school_code)


def _template_row(row: Any, school_code: str) -> dict[str, str]:
    values = dict(row.data)
    if values.get("birth_date"):
        values["birth_date"] = dt.date.fromisoformat(values["birth_date"])
    members: list[Mapping[str, Any]] = [m for m in values.pop("members", None) or [] if isinstance(m, dict)]
    members.sort(key=lambda member: member.get("slot") or 0)  # patches send them in slot order
    result = template_row(values, members, school_code)
    result["学籍号"] = row.xjh or ""
    result["学籍状态"] = Status[row.status].label
    return result
