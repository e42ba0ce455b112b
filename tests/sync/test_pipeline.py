"""The pipelined push and pull against the real registry on loopback: one request in flight at a
time, batches in device_seq order, each change sent once on a clean run and marked SENT before
it leaves; pages requested with the cursor of the page before and stored in feed order; a
connection lost (or a stop asked for) while the next batch is being prepared or sent loses
nothing and applies nothing twice."""

from __future__ import annotations

import itertools
import json
import threading
import time
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from central.store.db import change_receipts
from desktop.models.outbox import OutboxEntry
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.device import device_info
from desktop.sync.client import SyncOptions, sync_once
from desktop.sync.transport import RetryPolicy
from tests.central.desk import Central, student_payload
from tests.factories import SCHOOL_CODE
from tests.sync.helpers import (
    Forwarding,
    Hooked,
    add_many,
    assert_applied_exactly_once,
    assert_converged,
    options,
    outbox_states,
)

PULL = "/v1/sync/pull"
ONCE = RetryPolicy(attempts=1)
pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


class Watching(Forwarding):
    """Counts requests in flight at once and looks at the desk as each push or pull leaves."""

    def __init__(self, ws: Workspace) -> None:
        super().__init__()
        self.ws, self.lock = ws, threading.Lock()
        self.in_flight = self.most_in_flight = 0
        self.batches: list[list[int]] = []  # device_seq of each push, in the order sent
        self.states_at_send: list[set[str]] = []
        self.pulls: list[dict[str, Any]] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        with self.lock:
            self.in_flight += 1
            self.most_in_flight = max(self.most_in_flight, self.in_flight)
        try:
            if request.url.path == PULL:
                return self.on_pull(request)
            return super().handle_request(request)
        finally:
            with self.lock:
                self.in_flight -= 1

    def on_push(self, number: int, request: httpx.Request) -> httpx.Response:
        changes = json.loads(request.content)["changes"]
        states = outbox_states(self.ws)
        self.batches.append([change["device_seq"] for change in changes])
        self.states_at_send.append({states[change["change_id"]] for change in changes})
        if number % 2:
            time.sleep(0.02)  # the desk's work and the request's overlap differently each time
        return self.forward(request)

    def on_pull(self, request: httpx.Request) -> httpx.Response:
        info = device_info(self.ws)
        asked = request.url.params.get("cursor")
        if len(self.pulls) % 2:
            time.sleep(0.02)
        response = self.forward(request)
        self.pulls.append({"asked": asked, "stored": info.cursor if info else None,
                           "next": response.json()["next_cursor"]})
        return response


def test_pushes_leave_one_at_a_time_in_order_each_change_once_marked_sent_first(
        central: Central, enrolled: Workspace) -> None:
    add_many(enrolled, 37)
    watching = Watching(enrolled)
    report = sync_once(enrolled, options=options(watching, batch_changes=5, page_items=4))
    assert report.settled and (report.sent, report.applied) == (37, 37)
    assert watching.most_in_flight == 1
    sent = [seq for batch in watching.batches for seq in batch]
    assert sent == sorted(set(sent)) == list(range(1, 38))  # in order, none twice, none left out
    assert [len(batch) for batch in watching.batches] == [5] * 7 + [2]
    assert all(states == {"SENT"} for states in watching.states_at_send)
    assert_applied_exactly_once(central.engine, enrolled)
    assert_converged(central.engine, enrolled)


def test_pages_are_asked_for_with_the_cursor_before_and_stored_in_feed_order(
        central: Central, enrolled: Workspace) -> None:
    add_many(enrolled, 30)
    watching = Watching(enrolled)
    report = sync_once(enrolled, options=options(watching, batch_changes=10, page_items=4))
    pulls = watching.pulls
    assert report.settled and report.pulled == 30 and len(pulls) == 8
    assert pulls[0]["asked"] is None and watching.most_in_flight == 1
    for before, page in itertools.pairwise(pulls):
        assert page["asked"] == before["next"]  # the cursor of the page before, no gap, no skip
    for number, pull in enumerate(pulls[2:], start=2):  # at most one page ahead of the desk
        assert pull["stored"] in (pulls[number - 2]["next"], pulls[number - 1]["next"])
    order = [None, *(pull["next"] for pull in pulls)]
    stored = [order.index(pull["stored"]) for pull in pulls]
    assert stored == sorted(stored)  # pages stored in feed order, the cursor never going back
    info = device_info(enrolled)
    assert info is not None and info.cursor == pulls[-1]["next"]
    assert_converged(central.engine, enrolled)


def once(transport: httpx.BaseTransport, **kwargs: Any) -> SyncOptions:
    """No retries: the first lost connection ends the run."""
    return SyncOptions(transport=transport, policy=ONCE, **kwargs)


def _receipts(central: Central) -> int:
    with central.engine.begin() as conn:
        return conn.scalar(select(func.count()).select_from(change_receipts)) or 0


def test_a_connection_lost_while_the_next_batch_is_prepared_loses_nothing(
        central: Central, enrolled: Workspace) -> None:
    add_many(enrolled, 25)

    def lose_third(number: int, request: httpx.Request, forward) -> httpx.Response:  # type: ignore[no-untyped-def]
        if number == 3:
            raise httpx.ConnectError("dropped before it reached the registry", request=request)
        return forward(request)

    with pytest.raises(ServiceError) as failed:
        sync_once(enrolled, options=once(Hooked(lose_third), batch_changes=5))
    assert failed.value.code == "sync.unreachable"
    states = outbox_states(enrolled)
    ordered = [states[cid] for cid in _by_seq(enrolled)]
    assert ordered[:10] == ["APPLIED"] * 10  # the answer to batch 2 was stored, not lost
    assert set(ordered[10:]) <= {"SENT", "PENDING"} and len(ordered) == 25  # kept for the next run
    assert _receipts(central) == 10  # batch 4, prepared meanwhile, never left
    report = sync_once(enrolled, options=options(batch_changes=5))
    assert report.settled and (report.applied, report.duplicate) == (15, 0)
    assert_applied_exactly_once(central.engine, enrolled)
    assert_converged(central.engine, enrolled)


def test_an_answer_lost_while_the_next_batch_waits_comes_back_duplicate(
        central: Central, enrolled: Workspace) -> None:
    add_many(enrolled, 25)

    def commit_then_drop(number: int, request: httpx.Request, forward) -> httpx.Response:  # type: ignore[no-untyped-def]
        response = forward(request)
        if number == 3:
            raise httpx.ReadError("reset after the registry committed", request=request)
        return response

    with pytest.raises(ServiceError):
        sync_once(enrolled, options=once(Hooked(commit_then_drop), batch_changes=5))
    assert _receipts(central) == 15
    report = sync_once(enrolled, options=options(batch_changes=5))
    assert report.settled and (report.applied, report.duplicate) == (10, 5)
    assert_applied_exactly_once(central.engine, enrolled)
    assert_converged(central.engine, enrolled)


def test_a_stop_while_a_batch_is_in_flight_stores_its_answer_and_sends_no_more(
        central: Central, enrolled: Workspace) -> None:
    add_many(enrolled, 20)
    stop = threading.Event()

    def stop_during_second(number: int, request: httpx.Request, forward) -> httpx.Response:  # type: ignore[no-untyped-def]
        if number == 2:
            stop.set()
        return forward(request)

    hook = Hooked(stop_during_second)
    report = sync_once(enrolled, options=options(hook, batch_changes=5, stop=stop))
    assert hook.pushes == 2 and report.applied == 10 and report.remaining == 10
    assert list(outbox_states(enrolled).values()).count("APPLIED") == 10
    again = sync_once(enrolled, options=options(batch_changes=5))
    assert again.settled and (again.applied, again.duplicate) == (10, 0)
    assert_applied_exactly_once(central.engine, enrolled)


def test_a_page_lost_while_the_one_before_is_stored_is_asked_for_again(
        central: Central, enrolled: Workspace) -> None:
    add_many(enrolled, 20)
    sync_once(enrolled, options=options(batch_changes=20, page_items=20))
    sync_once(enrolled, options=options())  # nothing left to pull
    before = device_info(enrolled)
    other = central.desk(SCHOOL_CODE)  # a second device of the school adds to the feed
    other.push(*(other.create(student_payload(name=name, seq=400 + n))
                 for n, name in enumerate("赵钱孙李周吴郑王冯陈褚卫")))
    pulls = {"count": 0}

    class LoseThirdPull(Forwarding):
        def handle_request(self, request: httpx.Request) -> httpx.Response:
            if request.url.path == PULL:
                pulls["count"] += 1
                if pulls["count"] == 3:
                    raise httpx.ReadError("lost", request=request)
            return super().handle_request(request)

    with pytest.raises(ServiceError):
        sync_once(enrolled, options=once(LoseThirdPull(), page_items=4))
    middle = device_info(enrolled)
    assert before is not None and middle is not None and middle.cursor != before.cursor
    report = sync_once(enrolled, options=options(page_items=4))
    assert report.settled and report.pulled == 4  # pages 1-2 were stored; only page 3 again
    assert_converged(central.engine, enrolled)


def _by_seq(ws: Workspace) -> list[str]:
    with ws.store.reading() as session:
        return list(session.scalars(select(OutboxEntry.change_id).order_by(OutboxEntry.device_seq)))
