"""Failures of the environment during a write: a full disk is reported as StoreError
'store.disk_full' (one Chinese sentence), and nothing of the batch is kept."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event

from desktop.messages import describe
from desktop.services.errors import StoreError
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search
from tests.factories import valid_row


def _fill_disk_after(ws, pages: int) -> None:
    """Every new connection may grow the file by at most `pages` pages (SQLITE_FULL)."""
    engine = ws.store.engine

    @event.listens_for(engine, "connect")
    def _limit(dbapi_connection, _record) -> None:
        count = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
        dbapi_connection.execute(f"PRAGMA max_page_count = {count + pages}")

    engine.dispose()


def _name(number: int) -> str:
    """A distinct name of letters only (digits are not allowed in a name)."""
    return "学生" + "甲乙丙丁戊己庚辛壬癸"[number % 10] + "子丑寅卯辰巳午未申酉戌亥"[number // 10 % 12] \
        + "东南西北"[number // 120 % 4]


def test_full_disk_is_reported_and_keeps_nothing(ws):
    add_students(ws, [valid_row(name="王小明", seq=11)])
    _fill_disk_after(ws, 2)
    rows = [valid_row(name=_name(i), seq=100 + i, birth=dt.date(2016, 1, 1) + dt.timedelta(i))
            for i in range(300)]
    with pytest.raises(StoreError) as caught:
        add_students(ws, rows)
    assert caught.value.code == "store.disk_full"
    assert "磁盘空间已满" in describe(caught.value.code, caught.value.params)
    assert search(ws, StudentQuery()).total == 1
