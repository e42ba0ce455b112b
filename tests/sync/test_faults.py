"""Faults at the edge, between the real desk and the real registry: answers lost after the
server committed, every push delivered twice at once, a later batch arriving first, a change
lost in transit, the server killed with SIGKILL mid-batch and restarted, PostgreSQL
connections terminated mid-transaction. After each: nothing lost, every change applied
exactly once, desk and registry list the same students."""

from __future__ import annotations

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psycopg
import pytest
from sqlalchemy import Engine, func, make_url, select

from central.db import change_receipts, make_engine
from central.schools import issue_token
from desktop.domain.ids import new_id
from desktop.services.context import Workspace
from desktop.sync.client import enroll, sync_once
from desktop.sync.outcomes import outgoing_changes
from desktop.sync.protocol import PushBatch
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
    """`xueji-central serve` in a subprocess on a fixed loopback port."""

    def __init__(self, db_url: str, folder: Path) -> None:
        self.db_url, self.log = db_url, folder / "server.log"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen[bytes] | None = None
        self.kills = 0

    def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "central.cli", "serve", "--db-url", self.db_url,
                 "--port", str(self.port)], stdout=log, stderr=subprocess.STDOUT)
        wait_for_meta(self.url, 60)

    def kill(self) -> None:
        assert self.process is not None
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.kills += 1

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


def when_receipts_pass(engine: Engine, count: int, action: Callable[[], None]) -> threading.Thread:
    """In the background: as soon as the registry holds more than `count` receipts, act."""
    def watch() -> None:
        deadline = time.monotonic() + 60
        while receipts(engine) <= count and time.monotonic() < deadline:
            time.sleep(0.005)
        action()

    thread = threading.Thread(target=watch, daemon=True)
    thread.start()
    return thread


def test_the_server_killed_mid_batch_and_restarted_loses_nothing(
        server: ServerProcess, ws: Workspace, db_url: str) -> None:
    engine = make_engine(db_url)
    try:
        enroll(ws, server.url, issue_token(engine, SCHOOL_CODE, int(time.time()), name="测试学校"))
        add_many(ws, 200)

        def kill_during_second(number: int, request: httpx.Request, forward: Forward) -> httpx.Response:
            if number != 2:
                return forward(request)
            watcher = when_receipts_pass(engine, 120, server.kill)
            try:
                return forward(request)
            finally:
                watcher.join()
                server.start()

        report = sync_once(ws, options=options(Hooked(kill_during_second), batch_changes=100))
        assert server.kills == 1 and report.settled
        assert report.duplicate >= 20 and report.applied + report.duplicate == 200
        assert_applied_exactly_once(engine, ws)
        assert_converged(engine, ws)
    finally:
        engine.dispose()


@pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)
def test_postgres_connections_terminated_mid_transaction_lose_nothing(
        central: Central, enrolled: Workspace, db_url: str) -> None:
    add_many(enrolled, 150)
    statuses: list[int] = []

    def terminate_during_second(number: int, request: httpx.Request, forward: Forward) -> httpx.Response:
        if number != 2:
            response = forward(request)
        else:
            watcher = when_receipts_pass(central.engine, 60, lambda: _terminate_server_backends(db_url))
            response = forward(request)
            watcher.join()
        statuses.append(response.status_code)
        return response

    report = sync_once(enrolled, options=options(Hooked(terminate_during_second), batch_changes=50))
    assert report.settled and 500 in statuses
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
    from desktop.services.sync_device import device_info

    info = device_info(ws)
    assert info is not None and info.device_id
    return info.device_id
