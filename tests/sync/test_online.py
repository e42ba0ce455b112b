"""Online sync of a real encrypted desk with the real registry under uvicorn on loopback, on
SQLite and on PostgreSQL: enrollment, every change applied exactly once with its 学籍号
written back, both sides listing the same students, a second sync with nothing to do, token
expiry mid-sync, 413 halving, a new epoch restored from the snapshot, a client too old."""

from __future__ import annotations

import datetime as dt

import httpx
import pytest
from sqlalchemy import select

from central.app import create_app
from central.store.db import renew_epoch
from desktop.models.student import Student
from desktop.models.sync_state import SyncDevice
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.device import device_info
from desktop.services.students.add import add_students
from desktop.services.students.update import update_student
from desktop.sync import transport as transport_module
from desktop.sync.client import enroll, sync_once
from tests.central.desk import Central, Desk, student_payload
from tests.central.live import FakeClock, LiveServer
from tests.factories import SCHOOL_CODE, valid_row
from tests.sync.helpers import (
    Hooked,
    add_many,
    assert_applied_exactly_once,
    assert_converged,
    options,
)


def numbers(ws: Workspace) -> dict[str, tuple[str | None, bool]]:
    with ws.store.reading() as session:
        rows = session.execute(select(Student.id, Student.xjh, Student.xjh_provisional)).all()
    return {sid: (xjh, provisional) for sid, xjh, provisional in rows}


def test_enroll_then_sync_applies_each_change_once_and_both_sides_agree(
        central: Central, enrolled: Workspace, today: dt.date) -> None:
    ids = add_many(enrolled, 40)
    wang = valid_row("王小明", seq=311)
    wang_id = add_students(enrolled, [wang], today=today).ids[0]
    update_student(enrolled, wang_id, {**wang, "家庭地址": "广东省佛山市禅城区东街1号"}, today=today)
    apply_change(enrolled, ChangeRequest(student=wang["身份证件号"], change="休学",
                                         effective=dt.date(2026, 11, 2), until=dt.date(2027, 1, 31),
                                         reason="因病"))
    report = sync_once(enrolled, options=options(batch_changes=15))
    assert (report.sent, report.applied, report.remaining) == (43, 43, 0) and report.settled
    assert report.pulled >= 41 and report.duplicate == report.rejected == report.conflict == 0
    assert_applied_exactly_once(central.engine, enrolled)
    assert_converged(central.engine, enrolled)
    assigned = numbers(enrolled)
    assert all(xjh and not provisional for xjh, provisional in assigned.values()), assigned
    assert len(assigned) == len(ids) + 1
    again = sync_once(enrolled, options=options())
    assert (again.sent, again.pulled, again.remaining) == (0, 0, 0)
    info = device_info(enrolled)
    assert info is not None and info.last_sync_at is not None and info.last_result["settled"]


def test_keys_live_in_the_encrypted_database(central: Central, enrolled: Workspace) -> None:
    with enrolled.store.reading() as session:
        device = session.get(SyncDevice, 1)
        assert device is not None and len(device.sign_key) == len(device.enc_key) == 32
        assert device.server_sign_pub and device.epoch and device.device_id
    folder = enrolled.store.path.parent
    plain = [p for p in folder.iterdir() if p.is_file() and device.sign_key in p.read_bytes()]
    assert plain == []


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_enrollment_refusals_are_worded(central: Central, ws: Workspace) -> None:
    with pytest.raises(ServiceError) as typo:
        enroll(ws, central.url, "ABCDE-ABCDE-ABCDE-ABCDE")
    assert typo.value.code == "sync.code_mistyped"
    code = central.token(SCHOOL_CODE)
    someone = Desk(central.url, SCHOOL_CODE)
    assert someone.enroll(code).status_code == 200  # another computer used it first
    someone.close()
    with pytest.raises(ServiceError) as used:
        enroll(ws, central.url, code)
    assert used.value.code == "sync.code_used"
    with pytest.raises(ServiceError) as elsewhere:
        enroll(ws, central.url, central.token("4401030002"))
    assert elsewhere.value.code == "sync.code_other_school"
    with pytest.raises(ServiceError) as bad_url:
        enroll(ws, "ftp://example", central.token(SCHOOL_CODE))
    assert bad_url.value.code == "sync.server_url"
    with pytest.raises(ServiceError) as nowhere:
        sync_once(ws, options=options())
    assert nowhere.value.code == "sync.not_enrolled"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_an_enrollment_retried_after_a_lost_answer_gets_the_same_device(
        central: Central, ws: Workspace) -> None:
    class LoseFirstAnswer(httpx.HTTPTransport):
        lost = 0

        def handle_request(self, request: httpx.Request) -> httpx.Response:
            response = super().handle_request(request)
            if request.url.path == "/v1/devices/enroll" and not self.lost:
                self.lost += 1
                response.read()
                raise httpx.ReadError("dropped", request=request)
            return response

    done = enroll(ws, central.url, central.token(SCHOOL_CODE), transport=LoseFirstAnswer(),
                  policy=options().policy)
    assert done.school_code == SCHOOL_CODE
    with pytest.raises(ServiceError) as again:
        enroll(ws, central.url, central.token(SCHOOL_CODE))
    assert again.value.code == "sync.already_enrolled"


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_an_expired_token_mid_sync_signs_in_again(central: Central, enrolled: Workspace) -> None:
    add_many(enrolled, 12)

    def expire_before_second(number: int, request: httpx.Request, forward) -> httpx.Response:
        if number == 2:
            central.clock.advance(16 * 60)
        return forward(request)

    report = sync_once(enrolled, options=options(Hooked(expire_before_second), batch_changes=5))
    assert report.settled and report.applied == 12
    assert_applied_exactly_once(central.engine, enrolled)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_body_too_large_is_halved_with_the_same_change_ids(
        db_url: str, ws: Workspace) -> None:
    app = create_app(db_url, clock=FakeClock(), max_body_bytes=24_000)
    server = LiveServer(app)
    server.start()
    try:
        enroll(ws, server.url, _token(app))
        add_many(ws, 40)
        sizes: list[int] = []
        hook = Hooked(lambda _n, request, forward: (sizes.append(len(request.content)),
                                                    forward(request))[1])
        report = sync_once(ws, options=options(hook))
        assert report.settled and report.applied == 40
        assert max(sizes) > 24_000 and hook.pushes > 3  # refused whole, then in halves
        assert_applied_exactly_once(app.state.context.engine, ws)
    finally:
        server.stop()


def _token(app) -> str:  # type: ignore[no-untyped-def]
    from central.store.schools import issue_token

    return issue_token(app.state.context.engine, SCHOOL_CODE, int(FakeClock()()), name="测试学校")


def test_a_new_epoch_is_restored_from_the_snapshot(central: Central, enrolled: Workspace) -> None:
    add_many(enrolled, 10)
    sync_once(enrolled, options=options())
    other = central.desk(SCHOOL_CODE)  # another desk of the school adds a pupil
    assert other.push(other.create(student_payload("赵小燕", seq=414))).results[0].status == "applied"
    renew_epoch(central.engine)
    report = sync_once(enrolled, options=options())
    assert report.restored and report.settled and report.updated == 1
    assert_converged(central.engine, enrolled)
    assert device_info(enrolled).epoch == _epoch(central)


def _epoch(central: Central) -> str:
    from central.store.db import load_identity

    with central.engine.begin() as conn:
        return load_identity(conn).epoch


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_a_client_older_than_the_registry_accepts_is_told_to_upgrade(
        central: Central, enrolled: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(transport_module, "__version__", "0.0.1")
    with pytest.raises(ServiceError) as caught:
        sync_once(enrolled, options=options())
    assert caught.value.code == "sync.client_too_old"
    assert caught.value.params["version"] and caught.value.params["min_version"] == "0.1.0"
