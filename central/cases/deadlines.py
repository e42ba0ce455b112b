"""Working-day deadlines of case steps, on China's calendar (desktop.domain.workdays).

A step's clock starts on the Beijing date it opens; the day itself does not count. A step
is overdue from the first day after its due date.
"""

from __future__ import annotations

import datetime as dt

from desktop.domain.workdays import Deadline, add_workdays

BEIJING = dt.timezone(dt.timedelta(hours=8))


def local_date(timestamp: int) -> dt.date:
    """The date in Beijing at a Unix time."""
    return dt.datetime.fromtimestamp(timestamp, BEIJING).date()


def due_after(start: dt.date, working_days: int) -> Deadline:
    return add_workdays(start, working_days)


def is_overdue(due: str | None, today: dt.date) -> bool:
    return due is not None and today > dt.date.fromisoformat(due)
