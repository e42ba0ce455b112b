"""Loading demo students through the same use case as every other input (add_students)."""

from __future__ import annotations

import datetime as dt
from itertools import islice

from sqlalchemy import select

from desktop.domain.grades import SchoolSystem
from desktop.models.school import School
from desktop.services.context import Workspace
from desktop.services.importing.demo import demo_rows
from desktop.services.students.add import add_students

BATCH = 5000


def load_demo(ws: Workspace, count: int, seed: int, today: dt.date) -> int:
    """Add `count` demo students in batches; returns how many were added."""
    with ws.store.reading() as session:
        school = session.scalars(select(School)).one()
        system = SchoolSystem.parse(school.system, school.stages)
        code = school.code
    rows = demo_rows(system, code, count, seed, today)
    added = 0
    while batch := list(islice(rows, BATCH)):
        added += len(add_students(ws, batch, today=today).ids)
    return added
