"""Registry core: bulk-create 20,000 demo students through the services, then search.

Prints the time to create them (target <= 15 s), search latency p50/p95 by name, pinyin
and ID-number prefix (target p95 <= 20 ms), and the ratio to raw sqlcipher3 doing the
same inserts and queries on the same schema.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import sys
import tempfile
from pathlib import Path

from sqlalchemy.dialects import sqlite

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import Clock, header, latencies_ms, load, p95, report, report_ratio
from benchmarks.raw_copy import copy_rows, insert_raw
from desktop.domain.grades import SchoolSystem
from desktop.models.keyslots import KdfParams
from desktop.services.importing.demo import demo_rows
from desktop.services.importing.demo_load import BATCH
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search, search_statements

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
SCHOOL = NewSchool(code="4406040001", name="基准测试学校", stages="小学,初中")


def build(folder: Path, rows: list[dict]) -> tuple[object, Clock]:
    ws, _ = create_database(folder / "bench.db", SCHOOL, "admin", "bench-pass-1",
                            KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    with Clock() as clock:
        for start in range(0, len(rows), BATCH):
            add_students(ws, rows[start : start + BATCH])
    return ws, clock


def queries(rows: list[dict], rng: random.Random) -> dict[str, list[str]]:
    from desktop.domain.names import initials, pinyin_key

    sample = rng.sample(rows, 200)
    return {
        "name": [r["姓名"][1:] or r["姓名"] for r in sample],
        "pinyin": [pinyin_key(r["姓名"])[:5] for r in sample],
        "initials": [initials(r["姓名"]) for r in sample],
        "id prefix": [r["身份证件号"][:10] for r in sample if r["身份证件号"][:1].isdigit()],
    }


def _sql(statement) -> str:  # type: ignore[no-untyped-def]
    return str(statement.compile(dialect=sqlite.dialect(), compile_kwargs={"literal_binds": True}))


def raw_baseline(folder: Path, ws: object, probes: dict[str, list[str]]) -> tuple[Clock, dict]:
    """The same student rows inserted, and the same SQL run, with raw sqlcipher3 on a copy
    with the same schema, indexes and pragmas: what our layers cost on top of SQLCipher.
    The insert is timed three times, each into a new file; the median counts (one insert
    of under a second varies by a tenth from run to run)."""
    schema, data = copy_rows(ws.store.path, ws.store.key, tables=("student",))
    inserts = []
    for attempt in range(3):
        clock, conn = insert_raw(folder / f"raw{attempt}.db", schema, data)
        inserts.append(clock)
        if attempt < 2:
            conn.close()
    insert = sorted(inserts, key=lambda clock: clock.cpu)[1]

    def run(text: str) -> None:
        count, page = search_statements(StudentQuery(text=text), 0, 100)
        conn.execute(_sql(count)).fetchone()
        conn.execute(_sql(page)).fetchall()

    raw = {kind: latencies_ms(run, items) for kind, items in probes.items()}
    conn.close()
    return insert, raw


def main() -> None:
    header(f"registry core: {COUNT} students")
    rng = random.Random(7)
    rows = list(demo_rows(SchoolSystem.parse("6-3-3", "小学,初中"), SCHOOL.code, COUNT, 2026,
                          dt.date.today()))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        ws, created = build(folder, rows)
        probes = queries(rows, rng)
        ours = {kind: latencies_ms(lambda t: search(ws, StudentQuery(text=t), limit=100), items)
                for kind, items in probes.items()}
        raw_insert, raw = raw_baseline(folder, ws, probes)
        report("floor: raw sqlcipher3 inserting the student rows", raw_insert.wall, "s")
        report_ratio(f"create {COUNT} students via the services", created, raw_insert, 6)
        print("  (the services also validate, and write family, 学籍号, event, audit and outbox rows)")
        for kind in probes:
            report(f"search by {kind}: p50", statistics.median(ours[kind]), "ms")
            report(f"search by {kind}: p95", p95(ours[kind]), "ms", f"<= 20 ms; {load()}")
            report(f"  raw sqlcipher3 {kind}: p95", p95(raw[kind]), "ms")
            report("  ratio p95 services / raw", p95(ours[kind]) / max(p95(raw[kind]), 1e-6), "x")
        ws.lock()
        size = (folder / "bench.db").stat().st_size / 1e6
        report("database file size", size, "MB")


if __name__ == "__main__":
    main()
