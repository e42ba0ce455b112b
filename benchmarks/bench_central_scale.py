"""The central registry on PostgreSQL at a county's and a prefecture's size.

SCHOOLS schools of PUPILS pupils each (demo data from one population, so no ID number repeats)
reach the registry the way desks send them: `xueji-central serve` on loopback over a private
PostgreSQL cluster (fsync on, as in production), DESKS desk processes pushing at once, each
school's records as create changes in batches of the protocol's 500. Then, at that size:

- push throughput with DESKS desks at once, and the registry's CPU per change (its own
  process and the PostgreSQL backends, from /proc);
- a school's feed pulled by a new device of that school;
- the snapshot restore of one school;
- a 转学 case end to end (request, both bureaus, the sending school's answer, the move);
- the 学籍号 claim check (`id_claims`) for ID numbers already claimed, per call.

`--partitioned` lays the schema out as on a sharded cluster (every distributed table hash-
partitioned by its shard key, tests/central/partitioned.py) before the server starts.

Run: .venv/bin/python benchmarks/bench_central_scale.py [--schools 100] [--pupils 1000]
     [--desks 8] [--partitioned]      (make bench runs 10 × 1,000; docs/BENCHMARKS.md has more)
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import multiprocessing
import os
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.central_kit import (
    BenchCluster,
    ProcessCpu,
    Registry,
    loopback,
    payload_of,
    start_registry,
    transfer_end_to_end,
)
from benchmarks.common import header, load, report
from central.store.db import make_engine
from central.store.xjh import Holder, claim
from desktop.domain.grades import SchoolSystem
from desktop.services.importing.demo import demo_county

SYSTEM = SchoolSystem.parse("6-3-3", "小学,初中")
COUNTIES = ("440604", "440605", "440606", "440607", "440608", "440103", "440104", "440105",
            "440106", "440111")
BATCH = 500
BARRIER_SECONDS = 1800  # enrolling a thousand devices on a loaded machine


def school_codes(count: int) -> list[str]:
    """10-digit codes spread over ten counties (a prefecture's)."""
    return [f"{COUNTIES[i % len(COUNTIES)]}{i // len(COUNTIES) + 1:04d}" for i in range(count)]


def write_payloads(folder: Path, codes: list[str], pupils: int) -> dict[str, Path]:
    """One JSON-lines file of create payloads per school (made before any timing)."""
    files: dict[str, Path] = {}
    handles: dict[str, Any] = {}
    try:
        for code, row in demo_county(SYSTEM, codes, pupils, 2026, dt.date(2026, 11, 26)):
            if code not in handles:
                files[code] = folder / f"{code}.jsonl"
                handles[code] = files[code].open("w", encoding="utf-8")
            handles[code].write(json.dumps(payload_of(row), ensure_ascii=False) + "\n")
    finally:
        for handle in handles.values():
            handle.close()
    return files


def _push_schools(job: tuple[str, str, list[tuple[int, str, str]], Any]) -> tuple[int, int]:
    """A desk process: enrol one device per school, then (after the start barrier) push every
    school's creates in batches. Returns (changes applied, batches)."""
    url, db_url, schools, barrier = job
    engine = make_engine(db_url)
    registry = Registry(url, db_url, time.time, engine)
    try:
        desks = [(registry.desk_from(code, loopback(index)), Path(path))
                 for index, code, path in schools]
    except BaseException:
        barrier.abort()  # the others (and the timer) stop waiting
        raise
    barrier.wait(timeout=BARRIER_SECONDS)
    applied = batches = 0
    for desk, path in desks:
        desk.login()  # a fresh access token: the first ones may have expired while others pushed
        for chunk in _chunks(path):
            result = desk.push(*(desk.create(payload) for payload in chunk))
            applied += sum(1 for r in result.results if r.status == "applied")
            batches += 1
        desk.close()
    engine.dispose()
    return applied, batches


def _chunks(path: Path) -> Iterator[list[dict[str, Any]]]:
    chunk: list[dict[str, Any]] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            chunk.append(json.loads(line))
            if len(chunk) == BATCH:
                yield chunk
                chunk = []
    if chunk:
        yield chunk


def push_all(registry: Registry, files: dict[str, Path], desks: int, cpu: ProcessCpu) -> None:
    """Every school pushed by `desks` desk processes at once: the throughput figure."""
    codes = list(files)
    barrier = multiprocessing.Manager().Barrier(desks + 1)
    numbered = [(index, code, str(files[code])) for index, code in enumerate(codes)]
    jobs = [(registry.url, registry.db_url, numbered[k::desks], barrier) for k in range(desks)]
    with multiprocessing.Pool(desks) as pool:
        waiting = pool.map_async(_push_schools, jobs)
        try:
            barrier.wait(timeout=BARRIER_SECONDS)  # every device enrolled and signed in
        except threading.BrokenBarrierError:
            waiting.get(timeout=600)  # a desk process failed: raise its error here
            raise
        cpu.start()
        start = time.perf_counter()
        results = waiting.get()
        wall = time.perf_counter() - start
        used = cpu.stop()
    applied = sum(a for a, _b in results)
    total = sum(len(files[c].read_text(encoding="utf-8").splitlines()) for c in codes)
    report(f"push with {desks} desks at once: {applied:,} of {total:,} creates applied", wall, "s")
    report("push throughput", applied / wall, "changes/s")
    report("registry CPU per change (server process)", 1000 * used.server / max(applied, 1), "ms")
    report("registry CPU per change (PostgreSQL backends)", 1000 * used.database / max(applied, 1),
           "ms")


def feed_and_snapshot(registry: Registry, code: str) -> None:
    desk = registry.desk_from(code, "127.0.0.1")
    start = time.perf_counter()
    items, _cursor = desk.pull_all()
    report(f"feed pull of one school by a new device ({len(items):,} items)",
           time.perf_counter() - start, "s")
    start, count, token = time.perf_counter(), 0, None
    while True:
        params = {"limit": 500} | ({"page_token": token} if token else {})
        page = desk.http.get("/v1/sync/snapshot", params=params, headers=desk.auth).json()
        count += len(page["items"])
        token = page.get("next_page_token")
        if not page["has_more"]:
            break
    report(f"snapshot restore of one school ({count:,} records)", time.perf_counter() - start, "s")
    desk.close()


def claim_check(registry: Registry, calls: int = 2000) -> None:
    """`claim` of ID numbers other records hold: the national duplicate check, per call."""
    with registry.engine.connect() as conn:
        values = conn.exec_driver_sql(
            "SELECT value FROM id_claims WHERE kind = 'id_number' ORDER BY md5(value) "
            "LIMIT %(calls)s", {"calls": calls}).scalars().all()
        holder = Holder("00000000-0000-0000-0000-000000000000", "00000000-0000-0000-0000-000000000000")
        start = time.perf_counter()
        taken = sum(1 for value in values if claim(conn, int(time.time()), "id_number", value, holder))
        elapsed = time.perf_counter() - start
        conn.rollback()  # the checks claimed nothing; nothing is kept either way
    report(f"学籍号 claim check, ID number already claimed ({taken:,} calls)",
           1000 * elapsed / max(len(values), 1), "ms per call")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=10)
    parser.add_argument("--pupils", type=int, default=1000)
    parser.add_argument("--desks", type=int, default=8)
    parser.add_argument("--partitioned", action="store_true")
    args = parser.parse_args()
    layout = "hash-partitioned schema" if args.partitioned else "plain schema"
    header(f"central registry on PostgreSQL: {args.schools} schools x {args.pupils} pupils, "
           f"{args.desks} desks, {layout}")
    print(load())
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        codes = school_codes(args.schools)
        files = write_payloads(Path(tmp), codes, args.pupils)
        print(f"demo data made in {time.perf_counter() - started:.1f} s")
        cluster = BenchCluster()
        cluster.start()
        try:
            registry = start_registry(cluster, Path(tmp), partitioned=args.partitioned)
            try:
                push_all(registry, files, args.desks, ProcessCpu(registry.process.pid, cluster))
                feed_and_snapshot(registry, codes[0])
                report("transfer case end to end (request, 2 bureaus, answer, move)",
                       transfer_end_to_end(registry, codes[0], codes[1]), "s")
                claim_check(registry)
                print(f"database size: {registry.size_mb():,.0f} MB")
            finally:
                registry.stop()
        finally:
            cluster.stop()
        print(load())


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
