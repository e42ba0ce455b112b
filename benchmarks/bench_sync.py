"""Online sync: push 10,000 changes from an encrypted desk to the reference registry (SQLite,
`xueji-central serve` in its own process on loopback) and pull them back, then the same with
20 % of the connections dropped (half before the request reaches the server, half after the
server answered), with the client's normal retry policy.

Prints wall time for push and pull (target <= 8 s for the clean run, <= 2x that with drops),
throughput, the client's own CPU time, the registry's CPU time per change (read from its
process; target <= 0.4 ms), the load average, and checks that every change was applied
exactly once.

Run: .venv/bin/python benchmarks/bench_sync.py [COUNT] [--server-dir DIR] [--batch N] [--page N]
     [--clean-only]
(--server-dir /dev/shm puts the registry's SQLite file on tmpfs: no fsync at its commits, which
shows how much of the time is the registry's disk; --batch sets the changes per push (the
registry takes at most 500), --page the items per pulled page (at most 1,000).)
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy import func, select

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import header, load, report
from benchmarks.registry_process import process_cpu, start_server
from central.store.db import change_receipts, make_engine, student_history
from central.store.schools import issue_token
from desktop.domain.grades import SchoolSystem
from desktop.models.keyslots import KdfParams
from desktop.services.context import Workspace
from desktop.services.importing.demo import demo_rows
from desktop.services.importing.demo_load import BATCH
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.services.students.add import add_students
from desktop.sync.client import SyncOptions, SyncReport, enroll, sync_once
from desktop.sync.puller import PAGE_ITEMS
from desktop.sync.wire.protocol import MAX_BATCH_CHANGES

ARGS = argparse.ArgumentParser(description="online sync benchmark")
ARGS.add_argument("count", nargs="?", type=int, default=10_000)
ARGS.add_argument("--server-dir", type=Path, default=None, help="folder of the registry's database")
ARGS.add_argument("--batch", type=int, default=MAX_BATCH_CHANGES,
                  help="changes per push (the registry takes at most 500)")
ARGS.add_argument("--page", type=int, default=PAGE_ITEMS,
                  help="items per pulled page (the registry serves at most 1,000)")
ARGS.add_argument("--clean-only", action="store_true", help="skip the run with dropped connections")
OPTIONS = ARGS.parse_args()
COUNT = OPTIONS.count
SCHOOL = NewSchool(code="4406040001", name="基准测试学校", stages="小学,初中")
DROP_SHARE = 0.20


class Dropping(httpx.HTTPTransport):
    """Drops a share of the connections: half before sending, half after the answer."""

    def __init__(self, share: float, seed: int = 2026) -> None:
        super().__init__()
        self.rng, self.share = random.Random(seed), share
        self.requests = self.dropped = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        roll = self.rng.random()
        if roll < self.share / 2:
            self.dropped += 1
            raise httpx.ConnectError("dropped before sending", request=request)
        response = super().handle_request(request)
        if roll < self.share:
            self.dropped += 1
            response.read()
            raise httpx.ReadError("dropped after the server answered", request=request)
        return response


@dataclass
class Stages:
    marks: dict[str, float] = field(default_factory=dict)

    def __call__(self, stage: str, _done: int, _total: int) -> None:
        self.marks.setdefault(stage, time.perf_counter())


def desk(folder: Path, rows: list[dict]) -> Workspace:
    ws, _ = create_database(folder / "desk.db", SCHOOL, "admin", "bench-pass-1",
                            KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    for start in range(0, len(rows), BATCH):
        add_students(ws, rows[start:start + BATCH])
    return ws


def applied_once(db_url: str) -> bool:
    engine = make_engine(db_url)
    with engine.begin() as conn:
        receipts = conn.scalar(select(func.count()).select_from(change_receipts))
        effects = conn.scalar(select(func.count()).select_from(student_history))
        distinct = conn.scalar(select(func.count(func.distinct(student_history.c.change_id))))
    engine.dispose()
    return receipts == effects == distinct == COUNT


def run(folder: Path, rows: list[dict], transport: httpx.BaseTransport | None) -> tuple[SyncReport, dict]:
    server_dir = Path(tempfile.mkdtemp(dir=OPTIONS.server_dir)) if OPTIONS.server_dir else folder
    db_url = f"sqlite:///{server_dir / 'central.db'}"
    server, url = start_server(db_url, folder / "server.log")
    try:
        ws = desk(folder, rows)
        engine = make_engine(db_url)
        code = issue_token(engine, SCHOOL.code, int(time.time()), name=SCHOOL.name)
        engine.dispose()
        enroll(ws, url, code)
        server_cpu = process_cpu(server.pid)
        stages, cpu, start = Stages(), time.process_time(), time.perf_counter()
        result = sync_once(ws, options=SyncOptions(transport=transport, progress=stages,
                                                   batch_changes=OPTIONS.batch,
                                                   page_items=OPTIONS.page))
        end = time.perf_counter()
        pull_from = stages.marks.get("pull", end)
        figures = {"total": end - start, "push": pull_from - start, "pull": end - pull_from,
                   "cpu": time.process_time() - cpu, "server": process_cpu(server.pid) - server_cpu,
                   "load": load(), "once": applied_once(db_url)}
        ws.lock()
        return result, figures
    finally:
        server.terminate()
        server.wait(timeout=30)
        if server_dir != folder:
            shutil.rmtree(server_dir, ignore_errors=True)


def show(label: str, result: SyncReport, figures: dict, target: str) -> None:
    report(f"{label}: push + pull {COUNT} changes", figures["total"], "s", target)
    report(f"{label}: push part", figures["push"], "s")
    report(f"{label}: pull part", figures["pull"], "s")
    report(f"{label}: changes per second", COUNT / figures["total"], "/s")
    report(f"{label}: client CPU (desk process)", figures["cpu"], "s")
    report(f"{label}: registry CPU per change (push and pull)", figures["server"] / COUNT * 1000,
           "ms", "<= 0.4 ms" if label == "clean" else "")
    print(f"{label}: {figures['load']} at the end")
    print(f"{label}: applied {result.applied}, duplicate {result.duplicate}, pulled {result.pulled}, "
          f"settled {result.settled}, applied exactly once {figures['once']}")


def main() -> None:
    where = OPTIONS.server_dir or "a temporary folder on disk"
    header(f"online sync: {COUNT} changes, SQLite registry on loopback (database in {where}), "
           f"{OPTIONS.batch} changes per push, {OPTIONS.page} items per pulled page")
    rows = list(demo_rows(SchoolSystem.parse("6-3-3", "小学,初中"), SCHOOL.code, COUNT, 2026,
                          dt.date.today()))
    with tempfile.TemporaryDirectory() as tmp:
        clean, clean_figures = run(Path(tmp), rows, None)
    show("clean", clean, clean_figures, "<= 8 s")
    if OPTIONS.clean_only:
        return
    dropping = Dropping(DROP_SHARE)
    with tempfile.TemporaryDirectory() as tmp:
        lossy, lossy_figures = run(Path(tmp), rows, dropping)
    show("20% dropped", lossy, lossy_figures, f"<= {2 * clean_figures['total']:.1f} s (2x clean)")
    print(f"20% dropped: {dropping.dropped} of {dropping.requests} requests dropped")
    report("ratio dropped / clean", lossy_figures["total"] / clean_figures["total"], "x", "<= 2")


if __name__ == "__main__":
    main()
