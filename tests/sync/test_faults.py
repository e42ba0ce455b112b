"""Faults at the edge, between the real desk and the real registry: answers lost after the
server committed, every push delivered twice at once, a later batch arriving first, a change
lost in transit, the server killed with SIGKILL in the middle of a batch or right after its
commit and restarted, PostgreSQL connections terminated mid-transaction. After each: nothing
lost, every change applied exactly once, desk and registry list the same students."""

from __future__ import annotations

import itertools
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest
from sqlalchemy import Engine, func, make_url, select

from central.api import push
from central.store.db import change_receipts, make_engine
from central.store.schools import issue_token
from desktop.domain.ids import new_id
from desktop.services.context import Workspace
from desktop.sync.client import enroll, sync_once
from desktop.sync.outcomes import outgoing_changes
from desktop.sync.wire.protocol import PushBatch
from tests.central.desk import Central
from tests.central.live import wait_for_meta
from tests.factories import SCHOOL_CODE
from tests.sync.helpers import (
    DropAfterCommit,
    Hooked,
    add_many,
    assert_applied_exactly_once,
    assert_converged,
    options,
    rewritten,
)

Forward = Callable[[httpx.Request], httpx.Response]
ROOT = Path(__file__).resolve().parents[2]


def test_an_answer_lost_after_the_commit_is_resent_and_comes_back_duplicate(
        central: Central, enrolled: Workspace) -> None:
    add_many(enrolled, 30)
    faults = DropAfterCommit({1, 3})
    report = sync_once(enrolled, options=options(faults, batch_changes=10))
    assert report.settled and faults.pushes == 5
    assert (report.applied, report.duplicate, report.sent) == (10, 20, 30)
    assert_applied_exactly_once(central.engine, enrolled)
    assert_converged(central.engine, enrolled)


def test_every_push_delivered_twice_at_once_takes_effect_once(
        central: Central, enrolled: Workspace) -> None:
    add_many(enrolled, 24)
    pool = ThreadPoolExecutor(2)

    def twice(_number: int, request: httpx.Request, forward: Forward) -> httpx.Response:
        copies = [pool.submit(forward, request) for _ in range(2)]
        return [copy.result() for copy in copies][-1]

    try:
        report = sync_once(enrolled, options=options(Hooked(twice), batch_changes=8))
    finally:
        pool.shutdown()
    assert report.settled and report.applied + report.duplicate == 24
    assert_applied_exactly_once(central.engine, enrolled)
    assert_converged(central.engine, enrolled)


def test_a_later_batch_arriving_first_is_held_then_released(
        central: Central, enrolled: Workspace) -> None:
    add_many(enrolled, 20)
    later = outgoing_changes(enrolled)[10:]
    device_id = _device_id(enrolled)

    def reorder(number: int, request: httpx.Request, forward: Forward) -> httpx.Response:
        if number == 1:  # batch 2 overtakes batch 1 on the way
            early = PushBatch(device_id=device_id, batch_id=new_id(), changes=tuple(later))
            held = forward(rewritten(request, lambda _body: early.to_dict()))
            assert {r["status"] for r in held.json()["results"]} == {"held"}
        return forward(request)

    report = sync_once(enrolled, options=options(Hooked(reorder), batch_changes=10))
    assert report.settled and (report.applied, report.duplicate) == (10, 10)  # batch 2 again
    assert_applied_exactly_once(central.engine, enrolled)
    assert_converged(central.engine, enrolled)


def test_a_change_lost_in_transit_holds_the_rest_until_it_is_resent(
        central: Central, enrolled: Workspace) -> None:
    add_many(enrolled, 12)

    def lose_first_change(number: int, request: httpx.Request, forward: Forward) -> httpx.Response:
        if number == 1:
            request = rewritten(request, lambda body: {**body, "changes": body["changes"][1:]})
        return forward(request)

    report = sync_once(enrolled, options=options(Hooked(lose_first_change), batch_changes=6))
    assert report.settled and report.held == 0 and report.applied + report.duplicate == 12
    assert_applied_exactly_once(central.engine, enrolled)
    assert_converged(central.engine, enrolled)


# --- the server as a process, killed and restarted ------------------------------------


class ServerProcess:
    """`xueji-central serve` in a subprocess on a fixed loopback port; started with `kill_at`,
    it kills itself at that point (tests/sync/dying_server.py)."""

    def __init__(self, db_url: str, folder: Path) -> None:
        self.db_url, self.log = db_url, folder / "server.log"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, kill_at: str | None = None) -> None:
        program = ["tests.sync.dying_server", kill_at] if kill_at else ["central.cli"]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", *program, "serve", "--db-url", self.db_url,
                 "--port", str(self.port)], stdout=log, stderr=subprocess.STDOUT, cwd=ROOT)
        wait_for_meta(self.url, 60)

    def killed(self) -> bool:
        """Whether the process died of SIGKILL (waiting for it to end)."""
        assert self.process is not None
        return self.process.wait(timeout=60) == -signal.SIGKILL

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if not self.alive():
            return
        assert self.process is not None
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@pytest.fixture
def server(db_url: str, tmp_path: Path) -> Iterator[ServerProcess]:
    running = ServerProcess(db_url, tmp_path)
    running.start()
    try:
        yield running
    finally:
        running.stop()


def receipts(engine: Engine) -> int:
    """How many change receipts the registry holds, read without taking its write lock."""
    if engine.dialect.name == "sqlite":
        with sqlite3.connect(f"file:{engine.url.database}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT count(*) FROM change_receipts").fetchone()[0]
    with engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(change_receipts)) or 0


@pytest.mark.parametrize(("kill_at", "kept", "duplicate"), [
    ("decide:120", 100, 0),  # 20 changes into the second batch: its transaction rolls back
    ("commit:2", 200, 100),  # the second batch committed, its answer never sent
], ids=["mid-batch", "after-commit"])
def test_the_server_killed_and_restarted_loses_nothing(
        server: ServerProcess, ws: Workspace, db_url: str, kill_at: str, kept: int,
        duplicate: int) -> None:
    engine = make_engine(db_url)
    try:
        enroll(ws, server.url, issue_token(engine, SCHOOL_CODE, int(time.time()), name="测试学校"))
        add_many(ws, 200)
        server.stop()
        server.start(kill_at)
        after_kill: list[int] = []

        def restart_after_second(number: int, request: httpx.Request, forward: Forward) -> httpx.Response:
            if number != 2:
                return forward(request)
            try:
                return forward(request)
            finally:
                assert server.killed()
                after_kill.append(receipts(engine))
                server.start()

        report = sync_once(ws, options=options(Hooked(restart_after_second), batch_changes=100))
        assert after_kill == [kept] and report.settled
        assert (report.applied, report.duplicate) == (200 - duplicate, duplicate)
        assert_applied_exactly_once(engine, ws)
        assert_converged(engine, ws)
    finally:
        engine.dispose()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgres_connections_terminated_mid_transaction_lose_nothing(
        central: Central, enrolled: Workspace, db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    add_many(enrolled, 150)
    statuses: list[int] = []
    calls, decide = itertools.count(1), push.decide

    def terminating(*args: Any) -> Any:
        if next(calls) == 60:  # ten changes into the second batch, its transaction open
            _terminate_server_backends(db_url, rounds=1)
        return decide(*args)

    def record(_number: int, request: httpx.Request, forward: Forward) -> httpx.Response:
        response = forward(request)
        statuses.append(response.status_code)
        return response

    monkeypatch.setattr(push, "decide", terminating)
    report = sync_once(enrolled, options=options(Hooked(record), batch_changes=50))
    assert report.settled and statuses[1] == 500 and statuses.count(500) == 1
    assert_applied_exactly_once(central.engine, enrolled)
    assert_converged(central.engine, enrolled)


def _terminate_server_backends(db_url: str, rounds: int = 20) -> None:
    """pg_terminate_backend on every other connection of the database, a few times over."""
    url = make_url(db_url)
    with psycopg.connect(host=url.query["host"], port=int(url.query["port"]), user="postgres",
                         dbname=url.database, autocommit=True) as conn:
        for _ in range(rounds):
            conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                         "WHERE datname = current_database() AND pid <> pg_backend_pid() "
                         "AND state = 'idle in transaction' OR (datname = current_database() "
                         "AND pid <> pg_backend_pid() AND state = 'active')")
            time.sleep(0.02)


def _device_id(ws: Workspace) -> str:
    from desktop.services.registry.device import device_info

    info = device_info(ws)
    assert info is not None and info.device_id
    return info.device_id
