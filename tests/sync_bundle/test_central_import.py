"""central.bundle.import_bundle on SQLite and PostgreSQL: offline enrollment, refusals that
leave the registry untouched, replays, stale and missing bundles in the chain, held changes
released by a later bundle, and a snapshot when the cursor no longer works."""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from sqlalchemy import Engine, func, select

from central.bundle import Imported, import_bundle
from central.context import Context
from central.store.db import (
    bundles_in,
    devices,
    init_schema,
    load_identity,
    make_engine,
    renew_epoch,
    students,
)
from central.store.schools import issue_token
from desktop.sync.wire.bundle import BundleError, build_reply
from desktop.sync.wire.protocol import new_sealing_key, sealing_public, signing_public
from tests.central.desk import SCHOOL_A, SCHOOL_B
from tests.sync_bundle import samples
from tests.sync_bundle.offline import OfflineDesk


@dataclass
class Registry:
    engine: Engine
    ctx: Context
    sign_pub: str
    enc_pub: str

    def desk(self, school_code: str = SCHOOL_A, *, enroll: bool = True) -> OfflineDesk:
        desk = OfflineDesk(school_code, self.sign_pub, self.enc_pub)
        if enroll:
            code = issue_token(self.engine, school_code, int(time.time()), name=f"学校{school_code}")
            desk.receive(self.imported(desk.enrollment(code)).reply)
        return desk

    def imported(self, data: bytes) -> Imported:
        return import_bundle(self.ctx, data)

    def refused(self, data: bytes) -> str:
        with pytest.raises(BundleError) as refused:
            import_bundle(self.ctx, data)
        return refused.value.code

    def count(self, table: object) -> int:
        with self.engine.begin() as conn:
            return conn.scalar(select(func.count()).select_from(table))  # type: ignore[arg-type]


@pytest.fixture
def registry(db_url: str) -> Iterator[Registry]:
    engine = make_engine(db_url)
    init_schema(engine, int(time.time()))
    with engine.begin() as conn:
        identity = load_identity(conn)
    yield Registry(engine, Context(engine), signing_public(identity.sign_key),
                   sealing_public(identity.enc_key))
    engine.dispose()


def test_offline_enrollment_answers_with_the_device_and_a_restore(registry: Registry) -> None:
    desk = registry.desk(enroll=False)
    bundle = desk.enrollment(issue_token(registry.engine, SCHOOL_A, int(time.time()), name="第一小学"))
    imported = registry.imported(bundle)
    reply = desk.receive(imported.reply).message
    assert (imported.kind, imported.replayed, imported.device_id) == ("enroll", False, desk.device_id)
    assert reply.enrollment is not None and reply.enrollment.school_name == "第一小学"
    assert reply.enrollment.server_sign_pub == registry.sign_pub and reply.push is None
    assert len(reply.snapshot) == 1 and reply.cursor == reply.pages[-1].next_cursor
    again = registry.imported(bundle)
    assert again.replayed and again.device_id == desk.device_id and again.reply_seq == 2
    assert registry.count(devices) == 1


def test_a_request_is_applied_and_its_replay_applies_nothing(registry: Registry) -> None:
    desk = registry.desk()
    first, second = desk.create("王小明", 11), desk.create("李华", 12)
    bundle = desk.request(first, second)
    imported = registry.imported(bundle)
    assert (imported.counts, imported.replayed, imported.chain_gap) == ({"applied": 2}, False, False)
    reply = desk.receive(imported.reply).message
    assert [r.assigned["xjh"][0] for r in reply.push.results] == ["G", "G"]  # type: ignore[union-attr]
    assert {item.record_id for page in reply.pages for item in page.items} == {
        first.record_id, second.record_id}
    again = registry.imported(bundle)
    assert again.replayed and again.counts == {"duplicate": 2}
    replay = desk.receive(again.reply)
    assert replay.message.replayed and replay.message.seq == reply.seq + 1
    assert [(r.change_id, r.original_status, r.version, r.assigned)
            for r in replay.message.push.results] == [  # type: ignore[union-attr]
        (r.change_id, r.status, r.version, r.assigned) for r in reply.push.results]  # type: ignore[union-attr]
    assert registry.count(students) == 2 and registry.count(bundles_in) == 2


def test_an_older_bundle_is_stale_and_a_missing_one_shows_as_a_gap(registry: Registry) -> None:
    desk = registry.desk()
    change = desk.create()
    lost = desk.request(change)  # bundle 1 never reaches the county
    second = registry.imported(desk.request(change))
    assert second.chain_gap and second.counts == {"applied": 1}
    assert not registry.imported(desk.request(change)).chain_gap
    assert registry.refused(lost) == "bundle.stale"
    assert registry.refused(desk.request(change, seq=3)) == "bundle.stale"


def test_a_held_change_is_released_by_the_next_cumulative_bundle(registry: Registry) -> None:
    desk = registry.desk()
    first, second = desk.create("王小明", 11), desk.create("李华", 12)
    held = registry.imported(desk.request(second))
    assert held.counts == {"held": 1}
    released = registry.imported(desk.request(first, second))
    reply = desk.receive(released.reply).message.push
    assert reply is not None
    assert [r.status for r in reply.results] == ["applied", "duplicate"]
    assert [r.status for r in reply.released] == ["applied"] and reply.high_water == 2


def test_a_stale_cursor_gets_a_snapshot_and_the_feed_after_it(registry: Registry) -> None:
    desk = registry.desk()
    desk.receive(registry.imported(desk.request(desk.create())).reply)
    renew_epoch(registry.engine)
    reply = desk.receive(registry.imported(desk.request()).reply).message
    assert [item.kind for page in reply.snapshot for item in page.items] == ["record"]
    assert reply.cursor == reply.pages[-1].next_cursor and reply.epoch == reply.pages[-1].epoch


def test_refused_bundles_leave_the_registry_untouched(registry: Registry) -> None:
    desk, other_school = registry.desk(), registry.desk(SCHOOL_B)
    change = desk.create()
    before = (registry.count(students), registry.count(bundles_in))
    assert registry.refused(desk.request(change, sign_key=other_school.sign_key)) == "bundle.unknown_sender"
    stranger = registry.desk(enroll=False)
    stranger.device_id = "019ac0de-0000-7000-8000-00000000dead"
    assert registry.refused(stranger.request(change)) == "bundle.unknown_sender"
    other_school.school_code = SCHOOL_A
    assert registry.refused(other_school.request(change)) == "bundle.foreign_device"
    elsewhere = sealing_public(new_sealing_key())
    assert registry.refused(desk.request(change, server_enc_pub=elsewhere)) == "bundle.wrong_recipient"
    assert registry.refused(b"PK\x03\x04 not a bundle") == "bundle.not_a_bundle"
    reply = build_reply(samples.reply(), sign_key=samples.SERVER_SIGN,
                        device_enc_pub=sealing_public(samples.DEVICE_ENC))
    assert registry.refused(reply) == "bundle.wrong_kind"
    with registry.engine.begin() as conn:
        conn.execute(devices.update().where(devices.c.device_id == desk.device_id)
                     .values(status="revoked"))
    assert registry.refused(desk.request(change)) == "bundle.device_revoked"
    assert (registry.count(students), registry.count(bundles_in)) == before


def test_an_enrollment_with_a_code_never_issued_is_refused(registry: Registry) -> None:
    desk = registry.desk(enroll=False)
    with pytest.raises(BundleError) as refused:
        registry.imported(desk.enrollment("0123456789ABCDEF44JV"))
    assert refused.value.code == "bundle.enroll_refused" and "注册码无效" in refused.value.reason
    assert registry.count(devices) == 0
