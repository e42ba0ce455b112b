"""A fixed corpus of template rows (demo pupils, and the same pupils with cells spoiled in
the ways real files spoil them) and a canonical dump of what reading and importing them
gives: the golden files under tests/exchange/golden/ were written by the code before the
import was made faster, and the new code must give the same bytes.

Run `python -m tests.exchange.same_output` to write the golden files again (only when an
output is meant to change).
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import random
import re
from pathlib import Path
from typing import Any

from sqlalchemy import text

from desktop.domain.grades import SchoolSystem
from desktop.domain.record import read_record
from desktop.services.importing.demo import demo_rows

GOLDEN = Path(__file__).parent / "golden"
TODAY = dt.date(2026, 12, 7)
SCHOOL_CODE = "4406040001"
_SPOILERS = ("", "  ", "full", "spaced", "abc", "float", "int", "bool", "lower", "date",
             "dashed", "name", "long", "tab")
# Columns each dump leaves out: random ids, clock times and the hashes that cover them.
_VOLATILE = {"id", "student_id", "created_at", "updated_at", "recorded_at", "at", "hash",
             "prev_hash", "change_id", "record_id", "entity_id", "class_id", "actor",
             "recorded_by", "account_id", "device_id", "possible_duplicate_of"}
_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def corpus(count: int = 240) -> list[dict[str, Any]]:
    """`count` demo rows, then each of them again with one to three cells spoiled."""
    rows = list(demo_rows(SchoolSystem.parse("6-3-3", "小学,初中"), SCHOOL_CODE, count, 2026,
                          TODAY))
    rng = random.Random(19)
    spoiled = []
    for row in rows:
        copy = dict(row)
        for header in rng.sample(sorted(copy), rng.choice((1, 2, 3))):
            copy[header] = _spoil(copy[header], rng.choice(_SPOILERS))
        if rng.random() < 0.05:
            copy["不是模板的列"] = "x"
        spoiled.append(copy)
    return rows + spoiled


def _spoil(value: Any, how: str) -> Any:
    text_value = "" if value is None else str(value)
    spoiled: dict[str, Any] = {
        "full": text_value.translate({c: c + 0xFEE0 for c in range(0x21, 0x7F)}),
        "spaced": f" {text_value[:3]} {text_value[3:]}\u3000",
        "float": 3.5, "int": 20150901, "bool": True, "lower": text_value.lower(),
        "date": dt.date(2015, 9, 1), "dashed": "2015-09-01", "name": "男",
        "long": text_value * 40, "tab": text_value.replace("", "\t")[:60],
    }
    return spoiled.get(how, how)


def records_dump(rows: list[dict[str, Any]]) -> list[Any]:
    """What read_record gives for each row: values, members, slots, errors."""
    out = []
    for row in rows:
        record = read_record(dict(row))
        out.append({"values": record.values, "members": record.members,
                    "slots": record.member_slots, "school": record.school_code,
                    "errors": [[e.field, e.code, e.params, e.warning] for e in record.errors]})
    return json.loads(json.dumps(out, ensure_ascii=False, default=str))


def database_dump(ws: Any) -> dict[str, list[Any]]:
    """Every row the import wrote, in insertion order, without ids, clock times and hashes
    (ids inside JSON payloads are blanked too)."""
    tables = ("student", "family_member", "student_number_history", "status_change",
              "school_class", "grade", "audit_log", "outbox")
    out: dict[str, list[Any]] = {}
    with ws.store.reading() as session:
        for table in tables:
            result = session.execute(text(_SELECT.get(table, f"SELECT * FROM {table} ORDER BY rowid")))
            keys = list(result.keys())
            out[table] = [_row(dict(zip(keys, values, strict=True))) for values in result]
    for row in out["outbox"]:  # stored once since schema v14: the payload the change carries
        after = row.pop("audit_after")
        if row["payload"] is None:
            row["payload"] = after
    return out


# An outbox row's payload is its own copy or, since schema v14, its audit entry's `after`
_SELECT = {"outbox": "SELECT o.*, a.after AS audit_after FROM outbox o"
                     " JOIN audit_log a ON a.seq = o.audit_seq ORDER BY o.rowid"}


def _row(row: dict[str, Any]) -> dict[str, Any]:
    clean = {}
    for key, value in row.items():
        if key not in _VOLATILE:
            clean[key] = _clean_value(value)
    return json.loads(json.dumps(clean, ensure_ascii=False, default=str, sort_keys=True))


def _clean_value(value: Any) -> Any:
    if isinstance(value, str) and _UUID.fullmatch(value):
        return "<id>"
    if isinstance(value, str) and value[:1] in "{[":
        try:
            return _blank_ids(json.loads(value))
        except ValueError:
            return value
    return value


def _blank_ids(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: (None if k in _VOLATILE else _blank_ids(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [_blank_ids(v) for v in value]
    return "<id>" if isinstance(value, str) and _UUID.fullmatch(value) else value


def read_golden(name: str) -> Any:
    with gzip.open(GOLDEN / f"{name}.json.gz", "rt", encoding="utf-8") as handle:
        return json.load(handle)


def write_golden(name: str, value: Any) -> None:
    GOLDEN.mkdir(exist_ok=True)
    with gzip.GzipFile(GOLDEN / f"{name}.json.gz", "wb", mtime=0) as handle:
        handle.write(json.dumps(value, ensure_ascii=False, sort_keys=True, indent=0).encode())


def import_dump(folder: Path) -> dict[str, Any]:
    """The corpus written as a workbook (typed cells as given), previewed, then imported with
    the refused rows skipped, into a new database: the plan and every row written."""
    from desktop.exchange.files import apply_workbook, preview_import, read_import
    from desktop.models.keyslots import KdfParams
    from desktop.services.safekeeping.accounts import NewSchool, create_database
    from tests.exchange.workbooks import write_workbook

    rows = corpus()
    path = write_workbook(folder / "corpus.xlsx", [*rows[:40], *rows[240:]], title="学生信息表")
    school = NewSchool(code=SCHOOL_CODE, name="测试县第一小学", stages="小学,初中")
    ws, _ = create_database(folder / "golden.db", school, "registrar", "correct-horse-7",
                            KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1))
    sheet = read_import(path)
    preview = preview_import(ws, sheet, TODAY).plan
    result = apply_workbook(ws, sheet, skip_invalid=True, today=TODAY)
    again = preview_import(ws, read_import(path), TODAY).plan  # matched, unchanged or refused
    dump = {"plan": _plan(preview), "again": _plan(again), "created": len(result.created),
            "database": database_dump(ws)}
    ws.lock()
    return json.loads(json.dumps(dump, ensure_ascii=False, default=str))


def _plan(plan: Any) -> list[Any]:
    return [[r.row, r.action.name, r.name, r.class_name,
             [[d.header, d.old, d.new] for d in r.diffs],
             [[p.header, p.value, p.code, dict(p.params), p.warning]
              for p in (*r.problems, *r.warnings)]] for r in plan.rows]


if __name__ == "__main__":
    import tempfile

    write_golden("records", records_dump(corpus()))
    with tempfile.TemporaryDirectory() as tmp:
        write_golden("import", import_dump(Path(tmp)))
