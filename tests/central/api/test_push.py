"""Push: exactly-once effect per change id, held changes after a gap, conflicts on a stale
base version, refusals that never block the queue, status commands, and the batch's one
transaction (a change refused midway rolls back alone; a deadlocked batch runs again)."""

from __future__ import annotations

import dataclasses
import hashlib
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import OperationalError

from central.api import push
from central.store import records, xjh
from central.store.db import id_claims, student_history, students
from central.store.records import Refusal
from desktop.domain.ids import new_id
from desktop.sync.wire.protocol import Change, PushResult, canonical_json
from tests.central.desk import Central, Desk, student_payload


def statuses(result: PushResult) -> list[str]:
    return [r.status for r in result.results]


def records_of(desk: Desk) -> dict[str, Any]:
    """Latest snapshot per record, as a desk that pulls everything sees it."""
    items, _cursor = desk.pull_all()
    return {item.record_id: item for item in items if item.kind == "record"}


def test_the_same_batch_twice_takes_effect_once(central: Central) -> None:
    desk = central.desk()
    changes = [desk.create(student_payload(seq=11)), desk.create(student_payload("李华", seq=12))]
    first = desk.push(*changes)
    again = desk.push(*changes)
    assert statuses(first) == ["applied", "applied"]
    assert statuses(again) == ["duplicate", "duplicate"]
    assert [r.original_status for r in again.results] == ["applied", "applied"]
    assert [(r.version, r.assigned) for r in again.results] == \
        [(r.version, r.assigned) for r in first.results]
    items, _ = desk.pull_all()
    assert len(items) == 2 and {i.version for i in items} == {1}
    assert again.high_water == 2 and again.checkpoint == first.checkpoint


def test_same_change_id_with_other_content_is_rejected_and_changes_nothing(
        central: Central) -> None:
    desk = central.desk()
    create = desk.create()
    desk.push(create)
    tampered = dataclasses.replace(create, payload=student_payload("张三"))
    result = desk.push(tampered).results[0]
    assert (result.status, result.error.code) == ("rejected", "idempotency_mismatch")
    assert records_of(desk)[create.record_id].snapshot["name"] == "王小明"


def test_a_change_after_a_gap_is_held_until_the_gap_fills(central: Central) -> None:
    desk = central.desk()
    first, second, third = (desk.create(student_payload(seq=s)) for s in (11, 13, 15))
    desk.push(first)
    held = desk.push(third)
    assert statuses(held) == ["held"] and held.results[0].error.expected_seq == 2
    assert held.high_water == 1 and set(records_of(desk)) == {first.record_id}
    assert statuses(desk.push(third)) == ["held"]  # resending does not force it through
    filled = desk.push(second)
    assert statuses(filled) == ["applied"] and filled.high_water == 3
    assert [(r.change_id, r.status) for r in filled.released] == [(third.change_id, "applied")]
    assert set(records_of(desk)) == {first.record_id, second.record_id, third.record_id}
    retry = desk.push(third).results[0]
    assert (retry.status, retry.original_status) == ("duplicate", "applied")


def test_a_batch_in_reverse_order_is_applied_in_sequence_order(central: Central) -> None:
    desk = central.desk()
    create = desk.create()
    patch = desk.change("patch", create.record_id, {"home_address": "新地址1号"}, base_version=1)
    result = desk.push(patch, create)
    assert statuses(result) == ["held", "applied"]
    assert [(r.change_id, r.status, r.version) for r in result.released] == \
        [(patch.change_id, "applied", 2)]
    assert records_of(desk)[create.record_id].snapshot["home_address"] == "新地址1号"


def test_an_old_sequence_number_with_a_new_change_id_is_a_regression(central: Central) -> None:
    desk = central.desk()
    desk.push(desk.create())
    clone = desk.change("create", "01a219e7-0000-7000-8000-00000000000a", student_payload(seq=21),
                        seq=1)
    result = desk.push(clone).results[0]
    assert (result.status, result.error.code) == ("rejected", "seq_regression")


def test_a_stale_edit_of_an_item_changed_centrally_is_a_conflict(central: Central) -> None:
    office, classroom = central.desk(), central.desk()
    create = office.create()
    office.push(create)
    rid = create.record_id
    first = office.push(office.change("patch", rid, {"home_address": "东街1号"}, base_version=1))
    assert first.results[0].version == 2
    stale = classroom.push(classroom.change("patch", rid, {"home_address": "西街9号"},
                                            base_version=1)).results[0]
    assert stale.status == "conflict" and stale.error.code == "conflict"
    [clash] = stale.error.conflicts
    assert (clash.field, clash.local_value, clash.server_value) == \
        ("home_address", "西街9号", "东街1号")
    assert "家庭地址" in stale.error.message
    merged = classroom.push(classroom.change("patch", rid, {"phone": "13900000000"},
                                             base_version=1)).results[0]
    same = classroom.push(classroom.change("patch", rid, {"home_address": "东街1号"},
                                           base_version=1)).results[0]
    assert (merged.status, merged.version, same.status) == ("applied", 3, "applied")
    snapshot = records_of(office)[rid].snapshot
    assert (snapshot["home_address"], snapshot["phone"]) == ("东街1号", "13900000000")


def test_refusals_are_final_and_do_not_block_later_changes(central: Central) -> None:
    desk = central.desk()
    create = desk.create()
    rid = create.record_id
    changes = [create,
               desk.change("patch", rid, {"xjh": "G110105201703050000"}, base_version=1),
               desk.change("patch", "01a219e7-0000-7000-8000-00000000000b", {"phone": "1"}, 1),
               desk.change("delete", rid, {}, base_version=1),
               desk.change("patch", rid, {"name": ""}, base_version=1),
               desk.change("patch", rid, {"phone": "13700000000"}, base_version=1)]
    result = desk.push(*changes)
    assert statuses(result) == ["applied", "rejected", "rejected", "rejected", "rejected",
                                "applied"]
    codes = [r.error.code for r in result.results[1:5]]
    assert codes == ["read_only_field", "not_found", "delete_not_allowed", "invalid_record"]
    assert result.high_water == 6
    guardian = dataclasses.replace(desk.change("create", new_id(), {}), record_type="guardian")
    unsupported = desk.push(guardian)
    assert unsupported.results[0].error.code == "unsupported_record"


def test_status_commands_check_the_state_they_start_from(central: Central) -> None:
    desk = central.desk()
    create = desk.create()
    desk.push(create)
    rid = create.record_id

    def status_change(base: int, start: str, end: str, case: str) -> Any:
        return desk.change("command", rid, {"command": {
            "name": "status_change", "case_id": case,
            "args": {"change_type": "休学", "from": start, "to": end, "class_name": "三年级(2)班"}}},
            base_version=base)

    suspend = desk.push(status_change(1, "ACTIVE", "SUSPENDED", "case-1")).results[0]
    assert (suspend.status, suspend.version) == ("applied", 2)
    assert records_of(desk)[rid].snapshot["status"] == "SUSPENDED"
    stale = desk.push(status_change(1, "ACTIVE", "DECEASED", "case-2")).results[0]
    assert (stale.status, stale.error.code, stale.error.current_state) == \
        ("rejected", "invalid_transition", "SUSPENDED")
    refused = desk.push(desk.change("command", rid, {"command": {
        "name": "record_decision", "case_id": "case-1", "args": {"result": "rejected"}}}, 2))
    assert refused.results[0].status == "applied"
    assert records_of(desk)[rid].snapshot["status"] == "ACTIVE"
    unknown = desk.push(desk.change("command", rid, {"command": {"name": "teleport"}}, 3))
    assert unknown.results[0].error.code == "unknown_command"


def test_batches_must_name_the_device_of_the_token_and_speak_xjsp1(central: Central) -> None:
    desk, other = central.desk(), central.desk()
    foreign = {**desk.batch(desk.create()), "device_id": other.device_id}
    response = desk.http.post("/v1/sync/push", json=foreign, headers=desk.auth)
    assert (response.status_code, response.json()["error"]["code"]) == (403, "out_of_scope")
    future = {**desk.batch(desk.create()), "protocol": "xjsp/9"}
    response = desk.http.post("/v1/sync/push", json=future, headers=desk.auth)
    assert (response.status_code, response.json()["error"]["code"]) == (426, "protocol_unsupported")


def test_concurrent_deliveries_of_one_batch_apply_it_once(central: Central) -> None:
    desk = central.desk()
    changes = [desk.create(student_payload(seq=11 + 2 * i)) for i in range(5)]
    couriers = [Desk(central.url, desk.school_code) for _ in range(4)]
    for courier in couriers:
        courier.device_id, courier.token = desk.device_id, desk.token
    with ThreadPoolExecutor(max_workers=4) as pool:
        outcomes = list(pool.map(lambda courier: courier.push(*changes), couriers))
    for index in range(5):
        seen = sorted(outcome.results[index].status for outcome in outcomes)
        assert seen == ["applied", "duplicate", "duplicate", "duplicate"], seen
    assert len(records_of(desk)) == 5
    assert {item.version for item in desk.pull_all()[0]} == {1}
    for courier in couriers:
        courier.close()


def test_the_request_hash_covers_the_encoded_change_without_its_time() -> None:
    desk = Desk("http://127.0.0.1:1", "4406040001")
    create = desk.create()
    command = desk.change("command", create.record_id, {"command": {
        "name": "status_change", "case_id": "c", "args": {"to": "SUSPENDED", "n": [1, 2.5, None]}}})
    changes = [create, command, dataclasses.replace(command, client_ts=None),
               desk.change("patch", create.record_id, {"members": [], "phone": "1"}, 3)]
    for change in changes:
        encoded = {k: v for k, v in change.to_dict().items() if k != "client_ts"}
        assert change.request_hash() == hashlib.sha256(canonical_json(encoded)).hexdigest()
        assert Change.from_dict(change.to_dict()).request_hash() == change.request_hash()
    assert len({c.request_hash() for c in changes}) == 3  # client_ts is left out
    desk.close()


def test_a_change_refused_midway_leaves_nothing_and_its_batch_stays(
        central: Central, monkeypatch: pytest.MonkeyPatch) -> None:
    desk = central.desk()
    first, doomed = desk.create(student_payload(seq=11)), desk.create(student_payload(seq=13))
    rid = first.record_id
    undone = desk.change("patch", rid, {"home_address": "作废1号"}, base_version=1)
    kept = desk.change("patch", rid, {"phone": "13700000000"}, base_version=1)
    assign_new, add_history = xjh.assign_new, records.add_history

    def refuse_after_claims(conn: Any, now: int, who: xjh.Holder, data: Any) -> Any:
        assignment = assign_new(conn, now, who, data)
        if who.record_id == doomed.record_id:
            raise Refusal("invalid_record", "测试：登记学籍号之后拒绝。")
        return assignment

    def refuse_after_writing(conn: Any, now: int, device_id: str, change: Change, *args: Any) -> None:
        add_history(conn, now, device_id, change, *args)
        if change.change_id == undone.change_id:
            raise Refusal("invalid_record", "测试：写入之后拒绝。")

    monkeypatch.setattr(xjh, "assign_new", refuse_after_claims)
    monkeypatch.setattr(records, "add_history", refuse_after_writing)
    result = desk.push(first, doomed, undone, kept)
    assert statuses(result) == ["applied", "rejected", "rejected", "applied"]
    assert result.high_water == 4 and result.results[3].version == 2
    snapshot = records_of(desk)[rid].snapshot
    assert set(records_of(desk)) == {rid} and snapshot["phone"] == "13700000000"
    assert snapshot["home_address"] == first.payload["home_address"]
    with central.engine.connect() as conn:
        assert conn.scalar(select(func.count()).select_from(students)) == 1
        assert conn.scalar(select(func.count()).select_from(id_claims).where(
            id_claims.c.record_id == doomed.record_id)) == 0
        assert conn.scalar(select(func.count()).select_from(student_history)) == 2


class _Deadlock(Exception):
    sqlstate = "40P01"  # what psycopg reports when PostgreSQL broke a deadlock


def test_a_batch_aborted_by_a_deadlock_runs_again(central: Central,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    desk = central.desk()
    decide, attempts = push._Push.decide, []

    def deadlocked_once(self: Any) -> Any:
        attempts.append(1)
        result = decide(self)
        if len(attempts) == 1:
            raise OperationalError("COMMIT", None, _Deadlock())
        return result

    monkeypatch.setattr(push._Push, "decide", deadlocked_once)
    create = desk.create()
    result = desk.push(create)
    assert len(attempts) == 2 and statuses(result) == ["applied"] and result.high_water == 1
    assert list(records_of(desk)) == [create.record_id]
