"""What the sync tests share: desks with many students, fault-injecting httpx transports put
between the desk and the real server, and the checks every scenario ends with (nothing lost,
each change applied exactly once, desk and registry list the same students)."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import httpx
from sqlalchemy import Engine, func, select

from central.store.db import change_receipts, student_history
from central.store.students import template_rows as central_rows
from desktop.domain.grades import SchoolSystem
from desktop.models.outbox import OutboxEntry
from desktop.services.context import Workspace
from desktop.services.importing.demo import demo_rows
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, template_rows
from desktop.sync.client import SyncOptions
from desktop.sync.transport import RetryPolicy
from tests.factories import SCHOOL_CODE

FAST = RetryPolicy(attempts=6, base_seconds=0.01, cap_seconds=0.05)
PUSH = "/v1/sync/push"


def add_many(ws: Workspace, count: int, seed: int = 7) -> list[str]:
    """`count` realistic students (demo data: mostly resident IDs, a few without)."""
    rows = list(demo_rows(SchoolSystem.parse("6-3-3", "小学,初中"), SCHOOL_CODE, count, seed,
                          dt.date(2026, 11, 26)))
    return list(add_students(ws, rows, today=dt.date(2026, 11, 26)).ids)


def options(transport: httpx.BaseTransport | None = None, **kwargs: Any) -> SyncOptions:
    return SyncOptions(transport=transport, policy=FAST, **kwargs)


def outbox_states(ws: Workspace) -> dict[str, str]:
    with ws.store.reading() as session:
        return dict(session.execute(select(OutboxEntry.change_id, OutboxEntry.state)).all())


def assert_applied_exactly_once(engine: Engine, ws: Workspace) -> None:
    """Every desk change is APPLIED; the registry has one receipt and one effect for each."""
    states = outbox_states(ws)
    assert set(states.values()) == {"APPLIED"}, sorted(set(states.values()))
    with engine.begin() as conn:
        effects = dict(conn.execute(select(student_history.c.change_id, func.count())
                                    .group_by(student_history.c.change_id)).all())
        receipts = dict(conn.execute(select(change_receipts.c.change_id, change_receipts.c.status))
                        .all())
    assert set(effects) == set(states), "a change is missing centrally, or is not the desk's"
    assert set(effects.values()) == {1}, "a change took effect more than once"
    assert set(receipts) == set(states) and set(receipts.values()) == {"applied"}


def assert_converged(engine: Engine, ws: Workspace) -> None:
    """The registry's copy lists exactly what the desk lists (the CLIs' own functions)."""
    on_desk = list(template_rows(ws, StudentQuery()))
    in_registry = list(central_rows(engine, SCHOOL_CODE))
    assert len(on_desk) == len(in_registry)
    assert in_registry == on_desk


class Forwarding(httpx.BaseTransport):
    """A real HTTP transport with a hook around every push; counts what passes."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.pushes = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.url.path != PUSH:
            return self.forward(request)
        self.pushes += 1
        return self.on_push(self.pushes, request)

    def on_push(self, _number: int, request: httpx.Request) -> httpx.Response:
        return self.forward(request)

    def forward(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        return response

    def close(self) -> None:
        self.inner.close()


class DropAfterCommit(Forwarding):
    """The chosen pushes reach the server and are committed; the answer never arrives."""

    def __init__(self, drop: set[int]) -> None:
        super().__init__()
        self.drop = drop

    def on_push(self, number: int, request: httpx.Request) -> httpx.Response:
        response = self.forward(request)
        if number in self.drop:
            raise httpx.ReadError("connection reset after the server answered", request=request)
        return response


class Hooked(Forwarding):
    """Runs `hook(number, request, forward)` for every push."""

    def __init__(self, hook: Callable[[int, httpx.Request, Callable[[httpx.Request], httpx.Response]],
                                      httpx.Response]) -> None:
        super().__init__()
        self.hook = hook

    def on_push(self, number: int, request: httpx.Request) -> httpx.Response:
        return self.hook(number, request, self.forward)


def rewritten(request: httpx.Request, edit: Callable[[dict[str, Any]], dict[str, Any]]) -> httpx.Request:
    """The same request with its JSON body edited (content-length recomputed)."""
    body = json.loads(request.content)
    headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
    return httpx.Request(request.method, request.url, headers=headers,
                         content=json.dumps(edit(body), ensure_ascii=False).encode())
