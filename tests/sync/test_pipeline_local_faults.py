"""The pipelined push and pull when the desk's own transaction fails while a request is in
flight (a full disk, a locked file): the run ends with that error once the request is back,
nothing is stored half, and the next run loses nothing and applies nothing twice. A push
answer that was never stored comes back `duplicate`; a pull keeps the cursor of the last page
it stored, so the pages after it (the one that failed, the one fetched meanwhile) come again.
A batch refused as too large (413) while the next one is prepared goes in halves first."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from desktop.services.context import Workspace
from desktop.services.registry.device import device_info
from desktop.sync import puller, pusher
from desktop.sync.client import sync_once
from tests.central.desk import Central, student_payload
from tests.factories import SCHOOL_CODE
from tests.sync.helpers import (
    Hooked,
    add_many,
    assert_applied_exactly_once,
    assert_converged,
    options,
    outbox_states,
)

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


class DiskFull(OSError):
    """The desk's write failed (stands in for SQLITE_FULL / a locked file)."""


def failing_on(call: int, real: Any) -> Any:
    """`real`, except that its `call`-th call raises DiskFull without running."""
    calls = {"n": 0}

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == call:
            raise DiskFull(28, "No space left on device")
        return real(*args, **kwargs)

    return wrapped


def test_the_desk_failing_to_store_an_answer_while_the_next_batch_is_in_flight_loses_nothing(
        central: Central, enrolled: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    add_many(enrolled, 25)
    # calls: batch 1 marked; batch 2 marked; answer 1 stored + batch 3 marked <- fails, batch 2
    # being in flight then
    monkeypatch.setattr(pusher, "apply_push_result_and_mark_sent",
                        failing_on(3, pusher.apply_push_result_and_mark_sent))
    hook = Hooked(lambda _number, request, forward: forward(request))
    with pytest.raises(DiskFull):
        sync_once(enrolled, options=options(hook, batch_changes=5))
    assert hook.pushes == 2  # batch 2 was answered; batch 3 never left
    states = outbox_states(enrolled)
    assert sorted(states.values()) == ["PENDING"] * 15 + ["SENT"] * 10  # nothing stored half
    monkeypatch.undo()
    report = sync_once(enrolled, options=options(batch_changes=5))
    assert report.settled and (report.applied, report.duplicate) == (15, 10)
    assert_applied_exactly_once(central.engine, enrolled)
    assert_converged(central.engine, enrolled)


def test_a_page_that_fails_to_store_while_the_next_is_fetched_keeps_the_cursor_before_it(
        central: Central, enrolled: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    add_many(enrolled, 4)
    sync_once(enrolled, options=options())
    sync_once(enrolled, options=options())  # nothing left to pull
    other = central.desk(SCHOOL_CODE)  # a second device of the school adds three pages
    other.push(*(other.create(student_payload(name=name, seq=400 + n))
                 for n, name in enumerate("赵钱孙李周吴郑王冯陈褚卫")))
    before = device_info(enrolled)
    monkeypatch.setattr(puller, "apply_pull_page", failing_on(2, puller.apply_pull_page))
    with pytest.raises(DiskFull):
        sync_once(enrolled, options=options(page_items=4))
    after = device_info(enrolled)
    assert before is not None and after is not None and after.cursor != before.cursor
    monkeypatch.undo()
    report = sync_once(enrolled, options=options(page_items=4))
    assert report.settled and report.pulled == 8  # page 1 was stored; pages 2 and 3 again
    assert_converged(central.engine, enrolled)


def test_a_batch_refused_as_too_large_mid_pipeline_goes_in_halves_before_the_next_one(
        central: Central, enrolled: Workspace) -> None:
    add_many(enrolled, 20)
    sent: list[tuple[str, list[int]]] = []

    def refuse_second(number: int, request: httpx.Request, forward) -> httpx.Response:  # type: ignore[no-untyped-def]
        body = json.loads(request.content)
        sent.append((body["batch_id"], [change["device_seq"] for change in body["changes"]]))
        if number == 2:  # batch 3 is being prepared meanwhile
            return httpx.Response(413, json={"error": {"code": "too_large", "message": "x"}})
        return forward(request)

    report = sync_once(enrolled, options=options(Hooked(refuse_second), batch_changes=5))
    assert report.settled and (report.applied, report.duplicate) == (20, 0)
    assert [seqs for _batch, seqs in sent] == [
        [1, 2, 3, 4, 5], [6, 7, 8, 9, 10], [6, 7], [8, 9, 10], [11, 12, 13, 14, 15],
        [16, 17, 18, 19, 20]]  # the halves right away, in order, before batch 3 leaves
    assert len({batch for batch, _seqs in sent}) == len(sent)  # each a new batch_id
    assert set(outbox_states(enrolled).values()) == {"APPLIED"}
    assert_applied_exactly_once(central.engine, enrolled)
    assert_converged(central.engine, enrolled)
