"""Deliver a case to the feed of every school taking part (bureaus read the console)."""

from __future__ import annotations

from sqlalchemy import Connection

from central.cases import deadlines
from central.cases import view as case_view
from central.cases.engine import Case
from central.store import records
from central.store.fanout import Fanout


def notify(conn: Connection, now: int, case: Case, fan: Fanout) -> None:
    """Queue the case's current state for each school of the case."""
    row = records.load(conn, case.record_id)
    today = deadlines.local_date(now)
    for school_id in case.school_ids():
        fan.add(school_id, case_view.item(case, row, school_id, today))
