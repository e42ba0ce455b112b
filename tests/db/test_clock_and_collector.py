"""The time source and the collector pause of bulk writes: utc_now is the current second as
naive UTC (made once per second, made again when the clock moves either way), and
collector_paused turns the cyclic garbage collector back on however the block ends, unless
it was off before."""

from __future__ import annotations

import datetime as dt
import gc
import time

import pytest

from desktop.domain.collector import batch_collector_paused as collector_paused  # its shorter name here
from desktop.models import base
from desktop.services.context import Workspace
from desktop.services.errors import RecordsRejected
from desktop.services.students.add import add_students
from tests.factories import valid_row


def test_utc_now_is_the_current_second() -> None:
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    now = base.utc_now()
    after = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    assert now.tzinfo is None and now.microsecond == 0
    assert before <= now <= after


def test_utc_now_follows_the_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter([1000.2, 1000.9, 1001.0, 1000.5, 86400.0])
    monkeypatch.setattr(time, "time", lambda: next(clock))
    start = dt.datetime(1970, 1, 1, 0, 16, 40)
    assert [base.utc_now() for _ in range(5)] == [
        start, start, start + dt.timedelta(seconds=1), start, dt.datetime(1970, 1, 2)]


def test_the_collector_is_back_on_after_the_block() -> None:
    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ZeroDivisionError), collector_paused():
        1 / 0  # noqa: B018
    assert gc.isenabled()


def test_the_collector_stays_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_adding_students_leaves_the_collector_on(ws: Workspace) -> None:
    add_students(ws, [valid_row(name="王小明", seq=11)])
    assert gc.isenabled()
    with pytest.raises(RecordsRejected):
        add_students(ws, [valid_row(name="李小红", seq=12) | {"性别": "?"}])
    assert gc.isenabled()
