"""Reading and planning an import hold the cyclic garbage collector off (the rows all stay
alive; walking them again and again is wasted time) and hand it back as it was, also when the
file is refused."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from desktop.exchange.files import preview_import, read_import
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from tests.exchange.workbooks import write_workbook
from tests.factories import valid_row

TODAY = dt.date(2026, 9, 1)


@pytest.fixture
def collections() -> Iterator[list[int]]:
    """The generation of every collection the collector starts while the test runs."""
    started: list[int] = []

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            started.append(info["generation"])

    gc.enable()
    gc.callbacks.append(note)
    yield started
    gc.callbacks.remove(note)


def _rows(count: int) -> list[dict[str, str]]:
    return [valid_row(name=f"王{chr(0x4E00 + i)}明", birth=dt.date(2017, 1, 1)
                      + dt.timedelta(days=i), seq=11 + 2 * i) for i in range(count)]


def test_reading_and_planning_collect_once_each(ws: Workspace, tmp_path: Path,
                                               collections: list[int]) -> None:
    path = write_workbook(tmp_path / "in.xlsx", _rows(1000))
    collections.clear()  # openpyxl's writing
    sheet = read_import(path)
    assert collections == [0]  # the youngest generation, once, on leaving
    assert gc.isenabled()
    collections.clear()
    plan = preview_import(ws, sheet, TODAY).plan
    assert len(plan.rows) == 1000
    assert collections == [0]
    assert gc.isenabled()


def test_a_refused_file_hands_the_collector_back(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "empty.xlsx", [])
    gc.enable()
    with pytest.raises(ServiceError):
        read_import(path)
    assert gc.isenabled()
    gc.disable()
    try:
        with pytest.raises(ServiceError):
            read_import(path)
        assert not gc.isenabled()  # left off when it was off
    finally:
        gc.enable()
