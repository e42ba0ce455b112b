"""Writing stored values back as the national template writes them (names, YYYYMMDD …)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from desktop.domain.codes import table
from desktop.domain.fields import (
    ALL_STUDENT_FIELDS,
    MEMBER_FIELDS,
    FieldSpec,
    member_header,
    template_headers,
)


def cell_text(spec: FieldSpec, value: Any) -> str:
    """The template text of one stored value ('' for none)."""
    if value is None:
        return ""
    if spec.kind in ("code", "yesno"):
        return table(spec.table).name_of(value)
    if isinstance(value, dt.date):
        return f"{value:%Y%m%d}"
    return str(value)


def template_row(values: Mapping[str, Any], members: Sequence[Mapping[str, Any]],
                 school_code: str) -> dict[str, str]:
    """{header: text} for one student, with every template column present."""
    row = {"学校标识码": school_code}
    for spec in ALL_STUDENT_FIELDS:
        row[spec.header] = cell_text(spec, values.get(spec.key))
    for slot in range(1, max(2, len(members)) + 1):
        member = members[slot - 1] if slot <= len(members) else {}
        for spec in MEMBER_FIELDS:
            row[member_header(slot, spec)] = cell_text(spec, member.get(spec.key))
    ordered = {header: row.pop(header) for header in template_headers()}
    return {**ordered, **row}
