"""Pieces of the sync state machine (tests/sync/test_sync_state_machine.py).

- `Registry`: one real central server (uvicorn on loopback) shared by every example of a
  test run; each example asks it for new school codes, so examples never share a school.
- `FaultyNetwork`: an httpx transport between one desk and the registry for one sync run,
  which follows a fault plan request by request (answers lost after the commit, requests
  lost, 503s, pushes delivered twice at once, late copies delivered by a later step, later
  changes of a batch arriving first, a change lost in transit, an outage).
- `People`: template rows with ID numbers and passport numbers unique over the whole run.
- `ServerView` / `DeskView`: what the checks read from the registry's tables and from a
  desk's encrypted database.
"""

from __future__ import annotations

import base64
import datetime as dt
import itertools
import json
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import Engine, func, select

from central.bundle import Imported, import_bundle
from central.context import Context
from central.store.db import change_receipts, devices, feed, student_history, students
from central.store.schools import issue_token, school_by_code
from desktop.domain.ids import new_id
from desktop.models.outbox import OutboxEntry
from desktop.models.student import Student
from desktop.models.sync_state import SyncShadow
from desktop.services.context import Workspace
from desktop.services.registry.device import bundle_chain, device_info
from tests.central.live import FakeClock
from tests.factories import resident_id, valid_row

TODAY = dt.date(2026, 11, 26)
REGION = "440604"  # of every school of the run, so their L numbers (region + birth date +
PASSPORT_BIRTH = dt.date(2017, 3, 5)  # serial) compete for the same serials
SYNC_PATH = "/v1/sync/"
PUSH = "/v1/sync/push"


# --- the registry --------------------------------------------------------------------------


@dataclass
class Registry:
    """The running central server as the machine sees it."""

    url: str
    engine: Engine
    clock: FakeClock
    folder: Path
    codes: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def new_school(self) -> str:
        """A school code never used before in this run (its region is REGION)."""
        return f"{REGION}{next(self.codes):04d}"

    def token(self, school_code: str) -> str:
        return issue_token(self.engine, school_code, int(self.clock()), name=f"测试学校{school_code[-4:]}")

    def station_import(self, data: bytes) -> Imported:
        """`xueji-central bundle import` at the county station (the same function, in process)."""
        return import_bundle(Context(self.engine, self.clock), data)


# --- the network between a desk and the registry -------------------------------------------

NONE, LOST_ANSWER, LOST_REQUEST, SERVER_ERROR = "none", "lost_answer", "lost_request", "server_error"
DUPLICATE, ECHO, DELAYED, REORDER, LOSE_CHANGE, OUTAGE = (
    "duplicate", "echo", "delayed", "reorder", "lose_change", "outage")
FAULTS = (NONE, LOST_ANSWER, LOST_REQUEST, SERVER_ERROR, DUPLICATE, ECHO, DELAYED, REORDER,
          LOSE_CHANGE, OUTAGE)
_PUSH_ONLY = {ECHO: NONE, DELAYED: LOST_REQUEST, REORDER: NONE, LOSE_CHANGE: NONE}


@dataclass(frozen=True)
class InFlight:
    """A copy of a request still travelling; a later step delivers it (its answer is lost)."""

    method: str
    url: str
    headers: tuple[tuple[str, str], ...]
    content: bytes

    @classmethod
    def of(cls, request: httpx.Request) -> InFlight:
        return cls(request.method, str(request.url), tuple(request.headers.items()), request.content)

    def request(self) -> httpx.Request:
        return httpx.Request(self.method, self.url, headers=list(self.headers), content=self.content)

    def deliver(self) -> int:
        with httpx.Client(timeout=30) as client:
            return client.send(self.request()).status_code


class FaultyNetwork(httpx.BaseTransport):
    """Real HTTP to the registry; the n-th request to /v1/sync/* meets `plan[n]` (no fault
    once the plan is used up). Late copies go to `late`, for a later step to deliver."""

    def __init__(self, plan: Sequence[str], late: list[InFlight]) -> None:
        self.inner = httpx.HTTPTransport()
        self.plan, self.late = list(plan), late
        self.count = 0
        self.down = False
        self.met: Counter[str] = Counter()
        self.pool = ThreadPoolExecutor(2)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self.down:
            raise httpx.ConnectError("the network is down", request=request)
        if not request.url.path.startswith(SYNC_PATH):
            return self.forward(request)
        fault = self.plan[self.count] if self.count < len(self.plan) else NONE
        self.count += 1
        if request.url.path != PUSH:
            fault = _PUSH_ONLY.get(fault, fault)
        self.met[fault] += 1
        return self._meet(fault, request)

    def _meet(self, fault: str, request: httpx.Request) -> httpx.Response:
        if fault == OUTAGE:
            self.down = True
            raise httpx.ConnectError("the network went down", request=request)
        if fault == LOST_REQUEST:
            raise httpx.ConnectError("the request never arrived", request=request)
        if fault == SERVER_ERROR:
            return httpx.Response(503, json={"error": {"code": "unavailable", "message": "稍后再试"}},
                                  request=request)
        if fault == DELAYED:  # arrives later; the desk gives up waiting now
            self.late.append(InFlight.of(request))
            raise httpx.ReadTimeout("no answer in time", request=request)
        if fault == LOST_ANSWER:
            self.forward(request)
            raise httpx.ReadError("connection reset after the server answered", request=request)
        if fault == DUPLICATE:
            copies = [self.pool.submit(self.forward, request) for _ in range(2)]
            return [copy.result() for copy in copies][-1]
        if fault == ECHO:  # delivered now, and once more by a later step
            self.late.append(InFlight.of(request))
        elif fault == REORDER:
            self._tail_first(request)
        elif fault == LOSE_CHANGE:
            request = edited(request, lambda body: {**body, "changes": body["changes"][1:]})
        return self.forward(request)

    def _tail_first(self, request: httpx.Request) -> None:
        """The later half of the batch overtakes the earlier half, as a batch of its own."""
        changes = json.loads(request.content)["changes"]
        if len(changes) < 2:
            return
        tail = changes[len(changes) // 2:]
        self.forward(edited(request, lambda body: {**body, "batch_id": new_id(), "changes": tail}))

    def forward(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        response.read()
        return response

    def close(self) -> None:
        self.pool.shutdown()
        self.inner.close()


def edited(request: httpx.Request, edit: Callable[[dict[str, Any]], dict[str, Any]]) -> httpx.Request:
    """The same request with its JSON body edited (content-length recomputed)."""
    body = edit(json.loads(request.content))
    headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
    return httpx.Request(request.method, request.url, headers=headers,
                         content=json.dumps(body, ensure_ascii=False).encode())


# --- students ------------------------------------------------------------------------------

NAMES = ("王小明", "李华", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽", "周杰", "吴敏")
CLASSES = ("三年级(1)班", "三年级(2)班", "三年级(3)班")


class People:
    """Template rows whose ID numbers and passport numbers are unique in the whole run
    (every example talks to the same registry, whose claims are national)."""

    def __init__(self) -> None:
        self.serial = itertools.count(1)
        self.corrections = itertools.count()

    def resident(self, school_code: str, name: str, class_name: str) -> dict[str, str]:
        n = next(self.serial)
        birth = dt.date(2017, 1, 1) + dt.timedelta(days=n // 800)
        return {**valid_row(name, birth, 100 + n % 800, class_name, REGION), "学校标识码": school_code}

    def passport(self, school_code: str, name: str, class_name: str) -> dict[str, str]:
        """A foreign pupil: no resident ID, so the registry gives an L number."""
        row = valid_row(name, PASSPORT_BIRTH, 11, class_name, REGION)
        row.update({"学校标识码": school_code, "国籍/地区": "KOR", "身份证件类型": "护照",
                    "港澳台侨外": "外国人", "民族": "其他", "身份证件号": f"E{10**7 + next(self.serial)}"})
        return row

    def corrected_id(self, row: dict[str, str]) -> dict[str, str]:
        """The same pupil with a resident ID instead of the passport (unique in the run: its
        region is not REGION, whose numbers `resident` hands out)."""
        n = next(self.corrections)
        region = ("440605", "440606", "440607", "440608")[n // 400 % 4]
        seq = 100 + 2 * (n % 400) + (1 if row["性别"] == "男" else 0)
        return {**row, "国籍/地区": "中国", "身份证件类型": "居民身份证", "港澳台侨外": "否",
                "民族": "汉族", "身份证件号": resident_id(region, PASSPORT_BIRTH, seq)}


# --- what the checks read --------------------------------------------------------------------


def cursor_seq(cursor: str | None) -> int:
    """The feed position inside an (opaque to the desk, base64url JSON) cursor."""
    if not cursor:
        return 0
    padded = cursor + "=" * (-len(cursor) % 4)
    return int(json.loads(base64.urlsafe_b64decode(padded))["s"])


@dataclass(frozen=True)
class DeskView:
    outbox: dict[str, str]  # change id -> state
    seqs: list[int]  # device_seq of every outbox row
    students: dict[str, int]  # record id -> local version
    numbers: dict[str, tuple[str | None, bool]]  # record id -> (学籍号, provisional)
    shadows: dict[str, int]  # record id -> server version the desk reflects
    cursor: int
    last_result: dict[str, Any] | None
    response_seq: int


def desk_view(ws: Workspace) -> DeskView:
    with ws.store.reading() as session:
        rows = session.execute(select(OutboxEntry.change_id, OutboxEntry.state,
                                      OutboxEntry.device_seq)).all()
        pupils = session.execute(select(Student.id, Student.version, Student.xjh,
                                        Student.xjh_provisional)).all()
        shadows = dict(session.execute(select(SyncShadow.record_id, SyncShadow.server_version)).all())
    info = device_info(ws)
    return DeskView(outbox={cid: state for cid, state, _ in rows}, seqs=[seq for *_, seq in rows],
                    students={sid: version for sid, version, *_ in pupils},
                    numbers={sid: (xjh, provisional) for sid, _, xjh, provisional in pupils},
                    shadows=shadows, cursor=cursor_seq(info.cursor if info else None),
                    last_result=info.last_result if info else None,
                    response_seq=bundle_chain(ws).last_response_seq)


@dataclass(frozen=True)
class ServerRecord:
    school_code: str
    version: int
    xjh: str | None


@dataclass(frozen=True)
class ServerView:
    records: dict[str, ServerRecord]  # record id -> where it lives, version, 学籍号
    effects: dict[str, int]  # change id -> history rows it wrote (the effect)
    receipts: dict[str, str]  # change id -> receipt status
    duplicate_numbers: list[str]  # 学籍号 held by more than one record, anywhere


def server_view(engine: Engine, school_codes: Sequence[str]) -> ServerView:
    """The registry's tables for the example's schools (and the national 学籍号 check)."""
    with engine.begin() as conn:
        ids = {}
        for code in school_codes:
            school = school_by_code(conn, code)
            if school is not None:
                ids[school.school_id] = code
        records = {row.record_id: ServerRecord(ids[row.school_id], row.version, row.xjh)
                   for row in conn.execute(select(students.c.record_id, students.c.school_id,
                                                  students.c.version, students.c.xjh)
                                           .where(students.c.school_id.in_(list(ids))))}
        effects = dict(conn.execute(
            select(student_history.c.change_id, func.count())
            .where(student_history.c.school_id.in_(list(ids)), student_history.c.change_id.is_not(None))
            .group_by(student_history.c.change_id)).all())
        receipts = dict(conn.execute(select(change_receipts.c.change_id, change_receipts.c.status)
                                     .where(change_receipts.c.school_id.in_(list(ids)))).all())
        duplicates = list(conn.scalars(select(students.c.xjh).where(students.c.xjh.is_not(None))
                                       .group_by(students.c.xjh).having(func.count() > 1)))
    return ServerView(records, effects, receipts, duplicates)


def school_fingerprint(engine: Engine, school_code: str) -> tuple[Any, ...]:
    """Everything a refused or replayed bundle must leave as it was: the school's records,
    receipts, history and the feed (rows of bundles_in/out, the station's log, may grow)."""
    with engine.begin() as conn:
        school_id = school_by_code(conn, school_code).school_id
        return (
            sorted(tuple(r) for r in conn.execute(
                select(students.c.record_id, students.c.version, students.c.xjh, students.c.status,
                       students.c.data).where(students.c.school_id == school_id))),
            sorted(tuple(r) for r in conn.execute(
                select(change_receipts.c.change_id, change_receipts.c.status, change_receipts.c.device_seq)
                .where(change_receipts.c.school_id == school_id))),
            conn.scalar(select(func.count()).select_from(student_history)
                        .where(student_history.c.school_id == school_id)),
            conn.scalar(select(func.count()).select_from(feed).where(feed.c.recipient_id == school_id)),
            sorted(tuple(r) for r in conn.execute(select(devices.c.device_id, devices.c.high_water)
                                                  .where(devices.c.school_id == school_id))),
        )
