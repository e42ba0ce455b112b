"""A Hypothesis state machine of several schools syncing with one real registry.

Each example opens two or three new schools (new school codes on a registry shared by the
whole run), each with a real encrypted desk enrolled online and a first few students; one
school may have a second desk (the design allows several devices per school: each is a
keypair enrolled with its own code, and a desk receives the records the others made from the
feed; each record is edited only by the desk that created it, so no conflicts arise). The
registry is the real server under uvicorn on loopback (SQLite; the long profile also runs on
PostgreSQL).

Rules, all through the services the CLI and the GUI use:

- add students at a desk (resident ID, passport: the registry gives an L number, or a resident
  ID already held by a pupil of another school: 一人多籍, L number and a finding); edit a
  student the desk created (address, phone, name, class, family phone, or a passport pupil's
  resident ID found later); 休学 (a command);
- sync online through a faulty network: answers lost after the commit, requests lost, 503,
  pushes delivered twice at once, late copies of pushes delivered by a later step, the later
  half of a batch arriving first, the first change of a batch lost in transit, an outage;
- export a USB request bundle; the county imports one (in any order: late, reordered, again,
  or never: lost), the station refusing an older one as `bundle.stale` and answering a replay
  as `replayed`, both without changing anything; the desk imports a reply (in any order,
  again, or never), with the same rules.

Checked after every step: the outbox never loses a change, never reopens a decided one, keeps
device_seq gapless, holds nothing rejected; the registry applied each change at most once and
only what a desk decided as applied has a receipt and an effect there; a record lives only in
its own school, on the registry and on every desk; no 学籍号 is held twice; server versions,
a desk's record versions and the server versions it reflects never go back, nor does its feed
cursor (a reply bundle older than the desk's last online pull leaves it as it is); a sync or an import reports
`settled` exactly when nothing is unacknowledged, and a sync that met no fault settles.

At the end of each example every late copy arrives, then every desk syncs without faults
(twice round for a school with two desks): every change is then APPLIED, each took effect
exactly once, every desk lists exactly the students the registry holds for its school (the
rows of `xueji student list --json` and `xueji-central students --json`) and reflects the
registry's version of each.

Quick profile on every run (derandomised, as the repo's other quick Hypothesis profiles);
`make test-long` (XUEJI_LONG=1) runs a long profile with fresh examples on SQLite and
PostgreSQL. Each example advances the registry's clock by a minute, past its per-address
rate-limit window for enrollments and sign-ins.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import string
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from central.app import create_app
from central.store.students import template_rows as central_rows
from desktop.models.outbox import APPLIED, CONFLICT, REJECTED, UNACKNOWLEDGED
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, template_rows
from desktop.services.students.update import update_student
from desktop.sync.client import SyncOptions, enroll, sync_once
from desktop.sync.transport import RetryPolicy
from desktop.sync.usb_bundles import export_request, import_reply
from desktop.sync.wire.bundle import BundleError, peek
from tests.central.live import FakeClock, LiveServer
from tests.conftest import FAST_KDF, PASSWORD
from tests.sync.sync_model import (
    CLASSES,
    FAULTS,
    NAMES,
    NONE,
    OUTAGE,
    TODAY,
    DeskView,
    FaultyNetwork,
    InFlight,
    People,
    Registry,
    desk_view,
    school_fingerprint,
    server_view,
)

LONG = os.environ.get("XUEJI_LONG") == "1"
FAST = RetryPolicy(attempts=6, base_seconds=0.005, cap_seconds=0.02)
_SUPPRESS = [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much]
QUICK = settings(max_examples=20, stateful_step_count=15, deadline=None, database=None,
                 derandomize=True, suppress_health_check=_SUPPRESS)
LONG_PROFILE = settings(max_examples=100, stateful_step_count=40, deadline=None, database=None,
                        suppress_health_check=_SUPPRESS)
SUSPEND = "休学"
EDITS = ("家庭地址", "联系电话", "姓名", "班级", "成员1联系电话", "身份证件号", SUSPEND)
ADDS = ("resident", "resident", "passport", "same_id_elsewhere")
IMPORTED, KEEP_COPY, LOST = "imported", "imported, a copy kept", "lost"
FATES = (IMPORTED, KEEP_COPY, LOST)


# --- the registry, once per test run ------------------------------------------------------


def _serve(db_url: str, folder: Path) -> Iterator[Registry]:
    clock = FakeClock()
    app = create_app(db_url, clock=clock)
    server = LiveServer(app)
    server.start()
    try:
        yield Registry(server.url, app.state.context.engine, clock, folder)
    finally:
        server.stop()


@pytest.fixture(scope="module")
def registry(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    folder = tmp_path_factory.mktemp("sync-machine")
    yield from _serve(f"sqlite:///{folder / 'central.db'}", folder)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def any_registry(request: pytest.FixtureRequest,
                 tmp_path_factory: pytest.TempPathFactory) -> Iterator[Registry]:
    folder = tmp_path_factory.mktemp("sync-machine-long")
    if request.param == "sqlite":
        url = f"sqlite:///{folder / 'central.db'}"
    else:
        url = request.getfixturevalue("postgres").new_database()
    yield from _serve(url, folder)


# --- the model ----------------------------------------------------------------------------


class Labelled:
    """Shown by its label, in assertion messages and in Hypothesis's failing examples."""

    label: str

    def __repr__(self) -> str:
        return self.label

    def _repr_pretty_(self, printer, _cycle) -> None:  # type: ignore[no-untyped-def]
        printer.text(self.label)


@dataclass(frozen=True, repr=False)
class Carried(Labelled):
    """A bundle file on a USB stick between the school and the county."""

    bundle_id: str
    seq: int
    data: bytes
    label: str


@dataclass(eq=False, repr=False)
class School(Labelled):
    code: str
    label: str
    desks: list[Desk] = field(default_factory=list)
    records: set[str] = field(default_factory=set)  # created by its desks
    id_numbers: set[str] = field(default_factory=set)


@dataclass(eq=False, repr=False)
class Desk(Labelled):
    label: str
    school: School
    ws: Workspace
    owned: dict[str, dict[str, str]] = field(default_factory=dict)  # record id -> its row here
    suspended: set[str] = field(default_factory=set)
    usb: list[Carried] = field(default_factory=list)  # requests on their way to the county
    replies: list[Carried] = field(default_factory=list)  # replies on their way back
    imported_at_county: dict[str, int] = field(default_factory=dict)  # request id -> seq
    replies_read: set[str] = field(default_factory=set)
    last_reply_seq: int = 0
    seen: DeskView | None = None  # at the end of the previous step


class SyncMachine(RuleBasedStateMachine):
    def __init__(self, registry: Registry, people: People) -> None:
        super().__init__()
        self.registry, self.people = registry, people
        registry.clock.advance(61)  # a new window for the registry's per-address rate limits
        self.folder = Path(tempfile.mkdtemp(dir=registry.folder))
        self.schools: list[School] = []
        self.desks: list[Desk] = []
        self.late: list[InFlight] = []  # copies of pushes still travelling
        self.server_versions: dict[str, int] = {}

    # --- schools and desks ----------------------------------------------------------------

    @initialize(count=st.integers(2, 3),
                rosters=st.lists(st.lists(st.sampled_from(ADDS), min_size=1, max_size=3),
                                 min_size=3, max_size=3),
                second_desk=st.sampled_from([None, 0, 1]))
    def open_schools(self, count: int, rosters: list[list[str]], second_desk: int | None) -> None:
        """New schools, each with an enrolled desk holding a first few students; perhaps one
        school with a second desk, which receives the other desk's records by pulling."""
        for index in range(count):
            school = School(self.registry.new_school(), string.ascii_uppercase[index])
            self.schools.append(school)
            desk = self._new_desk(school)
            self._add(desk, [self._new_row(school, kind, index) for kind in rosters[index]])
            if index == second_desk:
                self._new_desk(school)

    def _new_desk(self, school: School) -> Desk:
        label = f"{school.label}{len(school.desks) + 1}"
        path = self.folder / f"{school.code}-{label}.db"
        ws, _recovery = create_database(path, NewSchool(code=school.code, name=f"测试学校{label}",
                                                        stages="小学,初中"),
                                        "registrar", PASSWORD, FAST_KDF)
        enroll(ws, self.registry.url, self.registry.token(school.code), policy=FAST)
        desk = Desk(label, school, ws)
        school.desks.append(desk)
        self.desks.append(desk)
        return desk

    # --- local work -------------------------------------------------------------------------

    @rule(data=st.data(), kinds=st.lists(st.sampled_from(ADDS), min_size=1, max_size=3))
    def add(self, data: st.DataObject, kinds: list[str]) -> None:
        desk = self._desk(data)
        pick = data.draw(st.integers(0, 99), label="names, classes, whose ID")
        self._add(desk, [self._new_row(desk.school, kind, pick + i) for i, kind in enumerate(kinds)])

    def _add(self, desk: Desk, rows: list[dict[str, str]]) -> None:
        ids = add_students(desk.ws, rows, today=TODAY).ids
        assert len(ids) == len(rows)
        for record_id, row in zip(ids, rows, strict=True):
            desk.owned[record_id] = row
            desk.school.records.add(record_id)

    def _new_row(self, school: School, kind: str, pick: int) -> dict[str, str]:
        name, class_name = NAMES[pick % len(NAMES)], CLASSES[pick % len(CLASSES)]
        if kind == "same_id_elsewhere":
            held = sorted({row["身份证件号"]: row for other in self.desks if other.school is not school
                           for row in other.owned.values()
                           if row["身份证件类型"] == "居民身份证"
                           and row["身份证件号"] not in school.id_numbers}.items())
            if held:
                _, row = held[pick % len(held)]
                row = {**row, "学校标识码": school.code, "姓名": name, "班级": class_name}
            else:
                row = self.people.resident(school.code, name, class_name)
        elif kind == "passport":
            row = self.people.passport(school.code, name, class_name)
        else:
            row = self.people.resident(school.code, name, class_name)
        school.id_numbers.add(row["身份证件号"])  # unique within the school (and the batch)
        return row

    @precondition(lambda self: any(desk.owned for desk in self.desks))
    @rule(data=st.data(), item=st.sampled_from(EDITS))
    def edit(self, data: st.DataObject, item: str) -> None:
        """The desk that created a record edits it (one writer per record: no conflicts), or
        records a 休学 for it (a status_change command; the registry opens an approval case)."""
        desk = self._desk(data, lambda d: bool(d.owned))
        record_id = data.draw(st.sampled_from(sorted(desk.owned)), label="record")
        row = dict(desk.owned[record_id])
        if item == SUSPEND:
            if record_id not in desk.suspended:  # one per pupil: its case stays open
                apply_change(desk.ws, ChangeRequest(student=record_id, change="休学",
                                                    effective=dt.date(2026, 11, 2),
                                                    until=dt.date(2027, 1, 31), reason="因病"))
                desk.suspended.add(record_id)
            return
        if item == "身份证件号":
            if row["身份证件类型"] != "护照":
                return
            row = self.people.corrected_id(row)
            desk.school.id_numbers.add(row["身份证件号"])
        else:  # always another value: saving an unchanged record is not a change to sync
            choices = {"姓名": NAMES, "班级": CLASSES}.get(item) or [
                f"广东省佛山市禅城区东街{n}号" if item == "家庭地址" else f"139{n:08d}"
                for n in range(1, 100)]
            row[item] = data.draw(st.sampled_from([c for c in choices if c != row[item]]), label=item)
        update_student(desk.ws, record_id, row, today=TODAY)
        desk.owned[record_id] = row

    # --- online -----------------------------------------------------------------------------

    @rule(data=st.data(), plan=st.lists(st.sampled_from(FAULTS), max_size=5),
          batch=st.integers(1, 4), late_first=st.booleans())
    def sync(self, data: st.DataObject, plan: list[str], batch: int, late_first: bool) -> None:
        """A sync run through the faulty network, in batches of `batch` changes. Before it,
        perhaps, a push delayed on the way or sent twice by an earlier run reaches the registry."""
        if late_first and self.late:
            index = data.draw(st.integers(0, len(self.late) - 1), label="late copy")
            assert self.late.pop(index).deliver() == 200
        self._sync(self._desk(data), plan, batch)

    def _sync(self, desk: Desk, plan: list[str], batch: int = 500) -> bool:
        """One sync run; True when it settled. Checks what it reports against the outbox."""
        network = FaultyNetwork(plan, self.late)
        try:
            report = sync_once(desk.ws, options=SyncOptions(transport=network, policy=FAST,
                                                            batch_changes=batch))
        except ServiceError as exc:
            assert OUTAGE in network.met, f"{desk}: sync failed without an outage: {exc.code}"
            assert exc.code == "sync.unreachable", exc.code
            view = desk_view(desk.ws)
            assert view.last_result is not None and view.last_result.get("error") == exc.code
            return False
        finally:
            network.close()
        view = desk_view(desk.ws)
        waiting = sum(state in UNACKNOWLEDGED for state in view.outbox.values())
        assert report.remaining == waiting, (report, waiting)
        assert report.settled == (waiting == 0)
        assert view.last_result is not None and view.last_result["settled"] == report.settled
        if set(network.met) <= {NONE}:
            assert report.settled, f"{desk}: a sync without faults left {waiting} changes undecided"
        return report.settled

    # --- USB bundles ------------------------------------------------------------------------

    @rule(data=st.data(), to_county_at_once=st.booleans())
    def export_bundle(self, data: st.DataObject, to_county_at_once: bool) -> None:
        """A request bundle onto the USB stick (and perhaps straight to the county)."""
        desk = self._desk(data)
        before = desk_view(desk.ws)
        payload, _name = export_request(desk.ws)
        header = peek(payload)
        carried = Carried(header.bundle_id, header.seq, payload, f"{desk}-request-{header.seq}")
        after = desk_view(desk.ws)
        for change_id, state in before.outbox.items():
            if state in UNACKNOWLEDGED:  # cumulative: every undecided change travels again
                assert after.outbox[change_id] in ("SENT_VIA_BUNDLE", "HELD"), after.outbox[change_id]
        if to_county_at_once:
            self._county_imports(desk, carried)
        else:
            desk.usb.append(carried)

    @precondition(lambda self: any(desk.usb for desk in self.desks))
    @rule(data=st.data(), fate=st.sampled_from(FATES))
    def county_takes_bundle(self, data: st.DataObject, fate: str) -> None:
        """Any request on the stick, in any order, reaches the county station: imported, or
        imported with a copy left on the stick (imported again later), or lost on the way."""
        desk = self._desk(data, lambda d: bool(d.usb))
        carried = data.draw(st.sampled_from(desk.usb), label="request")
        if fate != KEEP_COPY:
            desk.usb.remove(carried)
        if fate != LOST:
            self._county_imports(desk, carried)

    def _county_imports(self, desk: Desk, carried: Carried) -> None:
        """`xueji-central bundle import`: a replay is answered without changing anything, an
        older request than one imported is refused as stale, without changing anything."""
        code = desk.school.code
        before = school_fingerprint(self.registry.engine, code)
        replay = carried.bundle_id in desk.imported_at_county
        stale = not replay and carried.seq <= max(desk.imported_at_county.values(), default=0)
        try:
            imported = self.registry.station_import(carried.data)
        except BundleError as refused:
            assert stale and refused.code == "bundle.stale", (carried, refused.code)
            assert school_fingerprint(self.registry.engine, code) == before
            return
        assert not stale, f"{carried}: an older request than one imported was accepted"
        assert imported.replayed == replay, f"{carried}: replayed={imported.replayed}"
        assert set(imported.counts) <= {"applied", "duplicate", "held"}, imported.counts
        if replay:
            assert set(imported.counts) <= {"duplicate"}, imported.counts
            assert school_fingerprint(self.registry.engine, code) == before
        desk.imported_at_county[carried.bundle_id] = carried.seq
        reply = peek(imported.reply)
        desk.replies.append(Carried(reply.bundle_id, reply.seq, imported.reply,
                                    f"{desk}-reply-{reply.seq}"))

    @precondition(lambda self: any(desk.replies for desk in self.desks))
    @rule(data=st.data(), fate=st.sampled_from(FATES))
    def desk_takes_reply(self, data: st.DataObject, fate: str) -> None:
        """Any reply, in any order, comes back to the school: imported, imported with a copy
        kept (imported again later), or lost."""
        desk = self._desk(data, lambda d: bool(d.replies))
        carried = data.draw(st.sampled_from(desk.replies), label="reply")
        if fate != KEEP_COPY:
            desk.replies.remove(carried)
        if fate == LOST:
            return
        before = _desk_state(desk.ws)
        replay = carried.bundle_id in desk.replies_read
        stale = not replay and carried.seq <= desk.last_reply_seq
        try:
            report = import_reply(desk.ws, carried.data)
        except ServiceError as refused:
            assert stale and refused.code == "bundle.stale", (carried, refused.code)
            assert _desk_state(desk.ws) == before
            return
        assert not stale, f"{carried}: an older reply than one imported was applied"
        assert report.replayed == replay, f"{carried}: replayed={report.replayed}"
        if replay:
            assert _desk_state(desk.ws) == before
            return
        desk.replies_read.add(carried.bundle_id)
        desk.last_reply_seq = carried.seq
        view = desk_view(desk.ws)
        waiting = sum(state in UNACKNOWLEDGED for state in view.outbox.values())
        assert report.remaining == waiting and report.settled == (waiting == 0)

    # --- invariants after every step --------------------------------------------------------

    @invariant()
    def desks_lose_nothing_and_see_only_their_school(self) -> None:
        server = server_view(self.registry.engine, [s.code for s in self.schools])
        for desk in self.desks:
            view, seen = desk_view(desk.ws), desk.seen
            assert sorted(view.seqs) == list(range(1, len(view.seqs) + 1)), f"{desk}: device_seq gap"
            assert not {REJECTED, CONFLICT} & set(view.outbox.values()), (desk, view.outbox)
            foreign = set(view.students) - desk.school.records
            assert not foreign, f"{desk} holds students of another school: {foreign}"
            for change_id, state in view.outbox.items():
                if state == APPLIED:  # a desk says applied only for what the registry applied
                    effects = server.effects.get(change_id, 0)
                    assert effects == 1, f"{desk}: {change_id} is APPLIED, with {effects} effects"
                    assert server.receipts[change_id] == "applied", (desk, change_id)
            assigned = [xjh for xjh, provisional in view.numbers.values() if xjh and not provisional]
            assert len(assigned) == len(set(assigned)), f"{desk}: a 学籍号 twice"
            if seen is not None:
                lost = set(seen.outbox) - set(view.outbox)
                assert not lost, f"{desk} lost outbox entries {lost}"
                reopened = {c for c, s in seen.outbox.items() if s == APPLIED and view.outbox[c] != APPLIED}
                assert not reopened, f"{desk} reopened decided changes {reopened}"
                for record_id, version in seen.shadows.items():
                    assert view.shadows.get(record_id, 0) >= version, f"{desk}: {record_id} went back"
                for record_id, version in seen.students.items():
                    assert view.students.get(record_id, 0) >= version, f"{desk}: {record_id} went back"
                assert view.cursor >= seen.cursor, f"{desk}: feed cursor {seen.cursor} -> {view.cursor}"
            desk.seen = view

    @invariant()
    def registry_applies_at_most_once_and_in_scope(self) -> None:
        server = server_view(self.registry.engine, [s.code for s in self.schools])
        twice = {c: n for c, n in server.effects.items() if n != 1}
        assert not twice, f"changes that took effect more than once: {twice}"
        assert set(server.receipts.values()) <= {"applied", "held"}, server.receipts
        for change_id in server.effects:
            assert server.receipts.get(change_id) == "applied", change_id
        owner = {rid: s.code for s in self.schools for rid in s.records}
        for record_id, record in server.records.items():
            assert owner.get(record_id) == record.school_code, (record_id, record.school_code)
            assert record.version >= self.server_versions.get(record_id, 0), record_id
            self.server_versions[record_id] = record.version
        assert not server.duplicate_numbers, f"学籍号 held twice: {server.duplicate_numbers}"

    # --- the end: everything arrives, everything agrees ---------------------------------------

    def teardown(self) -> None:
        try:  # Hypothesis calls teardown in a `finally`: no final checks after a failed step
            if sys.exc_info()[0] is None and self.desks:
                self._settle_and_compare()
        finally:
            for desk in self.desks:
                desk.ws.lock()
            shutil.rmtree(self.folder, ignore_errors=True)

    def _settle_and_compare(self) -> None:
        while self.late:
            assert self.late.pop().deliver() == 200
        rounds = [self.desks, [d for d in self.desks if len(d.school.desks) > 1]]
        for desks in rounds:
            for desk in desks:
                assert self._sync(desk, []), f"{desk}: the final sync did not settle"
        self.desks_lose_nothing_and_see_only_their_school()
        self.registry_applies_at_most_once_and_in_scope()
        server = server_view(self.registry.engine, [s.code for s in self.schools])
        for school in self.schools:
            held = {rid for rid, record in server.records.items() if record.school_code == school.code}
            assert held == school.records, f"{school}: the registry holds {held ^ school.records} wrongly"
            registry_rows = list(central_rows(self.registry.engine, school.code))
            changes: set[str] = set()
            for desk in school.desks:
                view = desk_view(desk.ws)
                assert set(view.outbox.values()) <= {APPLIED}, f"{desk}: {view.outbox}"
                changes |= set(view.outbox)
                assert set(view.students) == school.records, f"{desk} misses records"
                assert list(template_rows(desk.ws, StudentQuery())) == registry_rows, \
                    f"{desk} and the registry list different students"
                versions = {rid: server.records[rid].version for rid in school.records}
                assert view.shadows == versions, f"{desk} reflects other versions than the registry"
                assert all(xjh and not provisional for xjh, provisional in view.numbers.values())
            applied = {c for c in server.effects if c in changes}
            assert applied == changes, f"{school}: changes without effect {changes - applied}"
        every_change = {c for desk in self.desks for c in desk_view(desk.ws).outbox}
        assert set(server.effects) == every_change, "the registry holds effects no desk made"
        assert set(server.receipts) == every_change
        assert set(server.receipts.values()) == {"applied"}, "a change is still held"

    # --- helpers ------------------------------------------------------------------------------

    def _desk(self, data: st.DataObject, which: Callable[[Desk], bool] | None = None) -> Desk:
        desks = [d for d in self.desks if which is None or which(d)]
        return data.draw(st.sampled_from(desks), label="desk")


def _desk_state(ws: Workspace) -> tuple[object, ...]:
    """Everything importing a bundle may change on the desk."""
    view = desk_view(ws)
    return (view.outbox, view.students, view.numbers, view.shadows, view.cursor,
            view.response_seq, list(template_rows(ws, StudentQuery())))


@pytest.mark.timeout(1200)  # a failure is shrunk, which takes a while
def test_schools_sync_through_faults_and_converge(registry: Registry) -> None:
    people = People()
    run_state_machine_as_test(lambda: SyncMachine(registry, people), settings=QUICK)


@pytest.mark.slow
@pytest.mark.timeout(3600)
@pytest.mark.skipif(not LONG, reason="long profile: make test-long (XUEJI_LONG=1)")
def test_schools_sync_through_faults_and_converge_long(any_registry: Registry) -> None:
    people = People()
    run_state_machine_as_test(lambda: SyncMachine(any_registry, people), settings=LONG_PROFILE)
