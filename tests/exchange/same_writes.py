"""More old-against-new comparisons on the same data: pupils created through add_students (the
editor's and the CLI's path, in two batches, the second naming possible duplicates of the
first), and a workbook imported into a register that already holds its pupils (rows matched
by ID number and by name, birth date and sex, stored pupils updated: audit before/after,
outbox patches). The golden files under tests/exchange/golden/ were written by the code
before the student path was made faster.

Run `python -m tests.exchange.same_writes` to write them again (only when an output is meant
to change).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from desktop.exchange.files import apply_workbook, preview_import, read_import
from desktop.models.audit import AuditEntry, first_break
from desktop.models.keyslots import KdfParams
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.services.students.add import add_students
from tests.exchange.same_output import (
    SCHOOL_CODE,
    TODAY,
    _plan,
    corpus,
    database_dump,
    write_golden,
)
from tests.exchange.workbooks import write_workbook

_SCHOOL = NewSchool(code=SCHOOL_CODE, name="测试县第一小学", stages="小学,初中")
_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def _database(folder: Path, name: str) -> Any:
    ws, _ = create_database(folder / name, _SCHOOL, "registrar", "correct-horse-7", _KDF)
    return ws


def _chain_holds(ws: Any) -> bool:
    from sqlalchemy import select

    with ws.store.reading() as session:
        entries = list(session.scalars(select(AuditEntry).order_by(AuditEntry.seq)))
    return first_break(entries) is None


def _possible_duplicate(index: int, row: dict[str, Any]) -> dict[str, Any]:
    """The same name, birth date and sex as `row`, with a passport instead of an ID card."""
    copy = dict(row)
    copy["身份证件类型"], copy["身份证件号"] = "护照", f"E{1234560 + index}"
    return copy


def add_dump(folder: Path) -> dict[str, Any]:
    """Two batches of demo pupils added, the second with possible duplicates of the first:
    the ids' order, the warnings and duplicates returned, and every row written."""
    ws = _database(folder, "add.db")
    rows = corpus()[:240]
    first = add_students(ws, rows[:120], TODAY)
    second = add_students(ws, [*rows[120:], *map(_possible_duplicate, range(6), rows[:6])], TODAY)
    dump = {"created": [len(first.ids), len(second.ids)],
            "warnings": [_warnings(first), _warnings(second)],
            "duplicates": {str(i): [r.name, r.class_name]
                           for i, r in sorted(second.possible_duplicates.items())},
            "chain": _chain_holds(ws),
            "database": database_dump(ws)}
    ws.lock()
    return json.loads(json.dumps(dump, ensure_ascii=False, default=str))


def _warnings(result: Any) -> dict[str, Any]:
    return {str(i): [[e.field, e.code, dict(e.params)] for e in found]
            for i, found in sorted(result.warnings.items())}


_CHANGES = {"现住址": "广东省湛江市赤坎区南桥街道1号", "联系电话": "13800138000",
            "成员1姓名": "王建国", "成员2工作单位": "", "是否留守儿童": "单亲留守儿童",
            "班级": "二年级(1)班"}


def _changed(index: int, row: dict[str, Any]) -> dict[str, Any]:
    copy = dict(row)
    header = list(_CHANGES)[index % len(_CHANGES)]
    copy[header] = _CHANGES[header]
    if index % 5 == 0:  # matched by name, birth date and sex alone
        copy["身份证件类型"], copy["身份证件号"] = "其他", ""
    return copy


def update_dump(folder: Path) -> dict[str, Any]:
    """60 pupils imported, then a file with them changed (some without their ID number) and
    20 new ones: the plan and every row written."""
    ws = _database(folder, "update.db")
    rows = corpus()[:240]
    first = write_workbook(folder / "first.xlsx", rows[:60])
    apply_workbook(ws, read_import(first), today=TODAY)
    changed = [_changed(i, row) for i, row in enumerate(rows[:60])] + rows[60:80]
    second = write_workbook(folder / "second.xlsx", changed)
    sheet = read_import(second)
    preview = preview_import(ws, sheet, TODAY).plan
    result = apply_workbook(ws, sheet, skip_invalid=True, today=TODAY)
    dump = {"plan": _plan(preview), "created": len(result.created),
            "updated": len(result.updated), "chain": _chain_holds(ws),
            "database": database_dump(ws)}
    ws.lock()
    return json.loads(json.dumps(dump, ensure_ascii=False, default=str))


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        write_golden("add", add_dump(Path(tmp)))
        write_golden("update", update_dump(Path(tmp)))
