"""The sync services on a real encrypted desk, without a server: results written back (学籍号,
reasons, held, idempotent), feed pages applied by version and never over unsent edits or open
conflicts, records another desk created, findings, states and counts, the printed list."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json

from pypdf import PdfReader
from sqlalchemy import select

from desktop.models.history import StatusChange, StudentNumberHistory
from desktop.models.student import Student
from desktop.printing import pending_changes
from desktop.services.context import Workspace
from desktop.services.registry.feed import FeedEntry, apply_feed_page
from desktop.services.registry.outbox import (
    changes_by_id,
    mark_sent,
    mark_sent_via_bundle,
    unacknowledged_changes,
    unacknowledged_count,
    waiting_changes,
)
from desktop.services.registry.pending import pending_list
from desktop.services.registry.records import local_items
from desktop.services.registry.results import ChangeOutcome, FieldClash, record_outcomes
from desktop.services.registry.status import (
    AWAITING,
    CONFIRMED,
    RETURNED,
    TO_SEND,
    list_findings,
    student_sync_states,
    sync_counts,
)
from desktop.services.students.add import add_students
from desktop.services.students.school import sync_summary
from desktop.services.students.update import update_student
from tests.factories import resident_id, valid_row
from tests.sync.helpers import outbox_states

G_WANG = "G" + resident_id("440604", dt.date(2017, 3, 5), 11)


def two_students(ws: Workspace, today: dt.date) -> tuple[str, str]:
    ids = add_students(ws, [valid_row("王小明", seq=11), valid_row("李华", seq=12)], today=today).ids
    return ids[0], ids[1]


def student(ws: Workspace, student_id: str) -> Student:
    with ws.store.reading() as session:
        found = session.get(Student, student_id)
        assert found is not None
        local_items(found)  # load what the assertions read
        return found


def snapshot_of(ws: Workspace, student_id: str, **changes: object) -> dict:
    """The desk's record as a registry snapshot would carry it, with `changes`."""
    with ws.store.reading() as session:
        found = session.get(Student, student_id)
        assert found is not None
        items = local_items(found)
    return {**items, "xjh": G_WANG, "xjh_kind": "G", "xjh_provisional": False, **changes}


def states(ws: Workspace) -> dict[str, str]:
    return {row.name: row.label for row in student_sync_states(ws)}


def test_results_are_written_back_once(ws: Workspace, today: dt.date) -> None:
    wang, _li = two_students(ws, today)
    create_wang, create_li = (c.change_id for c in unacknowledged_changes(ws))
    mark_sent(ws, [create_wang, create_li], "batch-1")
    assert set(outbox_states(ws).values()) == {"SENT"} and sync_summary(ws).waiting == 2
    outcomes = [ChangeOutcome(create_wang, "applied", version=1, xjh=G_WANG),
                ChangeOutcome(create_li, "rejected", error_code="invalid_record",
                              message="出生日期缺失或格式不正确。")]
    counts = record_outcomes(ws, outcomes)
    assert (counts["applied"], counts["rejected"]) == (1, 1)
    assert (student(ws, wang).xjh, student(ws, wang).xjh_provisional) == (G_WANG, False)
    assert states(ws) == {"王小明": CONFIRMED, "李华": f"{RETURNED}（出生日期缺失或格式不正确。）"}
    again = [ChangeOutcome(create_wang, "duplicate", original_status="applied", version=1,
                           xjh=G_WANG)]
    record_outcomes(ws, again)
    with ws.store.reading() as session:
        history = session.scalars(select(StudentNumberHistory.source)
                                  .where(StudentNumberHistory.student_id == wang)).all()
    assert history.count("central") == 1
    assert sync_summary(ws).waiting == 0 and unacknowledged_count(ws) == 0


def test_held_and_bundled_changes_count_as_waiting(ws: Workspace, today: dt.date) -> None:
    two_students(ws, today)
    first, second = (c.change_id for c in unacknowledged_changes(ws))
    mark_sent_via_bundle(ws, [first], "bundle-1")
    record_outcomes(ws, [ChangeOutcome(second, "held", error_code="seq_gap", message="暂存")])
    assert outbox_states(ws) == {first: "SENT_VIA_BUNDLE", second: "HELD"}
    counts = sync_counts(ws)
    assert (counts.to_send, counts.awaiting, counts.held, counts.unacknowledged) == (0, 2, 1, 2)
    assert sync_summary(ws).waiting == 2
    assert set(states(ws).values()) == {AWAITING}
    assert [c.state for c in unacknowledged_changes(ws)] == ["SENT_VIA_BUNDLE", "HELD"]


def test_the_push_sees_waiting_changes_by_size_and_reads_them_whole_by_id(
        ws: Workspace, today: dt.date) -> None:
    two_students(ws, today)
    first, second = unacknowledged_changes(ws)
    record_outcomes(ws, [ChangeOutcome(second.change_id, "held", error_code="seq_gap")])
    waiting = waiting_changes(ws)
    assert [(w.change_id, w.device_seq, w.state) for w in waiting] == [
        (first.change_id, first.device_seq, "PENDING"), (second.change_id, second.device_seq, "HELD")]
    for change, seen in zip([first, second], waiting, strict=True):  # bytes, with 汉字 in them
        text = json.dumps(change.payload, ensure_ascii=False, separators=(",", ":"))
        assert seen.size == len(text.encode()) > len(text)
    record_outcomes(ws, [ChangeOutcome(first.change_id, "applied", version=1)])
    assert changes_by_id(ws, [second.change_id, first.change_id]) == [  # by seq, any state
        dataclasses.replace(first, state="APPLIED"), dataclasses.replace(second, state="HELD")]


def test_a_conflict_keeps_both_values_and_is_recorded_once(ws: Workspace, today: dt.date) -> None:
    wang, _li = two_students(ws, today)
    creates = [c.change_id for c in unacknowledged_changes(ws)]
    record_outcomes(ws, [ChangeOutcome(c, "applied", version=1) for c in creates])
    update_student(ws, wang, {**valid_row("王小明", seq=11), "家庭地址": "本机地址1号"}, today=today)
    patch = unacknowledged_changes(ws)[0].change_id
    clash = ChangeOutcome(patch, "conflict", error_code="conflict", message="家庭地址在中心已被修改",
                          clashes=(FieldClash("home_address", "本机地址1号", "中心地址2号"),))
    record_outcomes(ws, [clash])
    record_outcomes(ws, [clash])
    assert sync_counts(ws).conflicts_open == 1
    assert student(ws, wang).home_address == "本机地址1号"


def test_a_page_applies_by_version_and_never_over_unsent_edits(ws: Workspace, today: dt.date) -> None:
    wang, _li = two_students(ws, today)
    creates = [c.change_id for c in unacknowledged_changes(ws)]
    record_outcomes(ws, [ChangeOutcome(c, "applied", version=1) for c in creates])
    update_student(ws, wang, {**valid_row("王小明", seq=11), "联系电话": "13900139000"}, today=today)
    newer = snapshot_of(ws, wang, phone="13700137000", home_address="中心地址3号")
    counts = apply_feed_page(ws, [FeedEntry("record", "student", wang, 3, newer)])
    assert counts["rebased"] == 1
    kept = student(ws, wang)
    assert (kept.phone, kept.home_address) == ("13900139000", "中心地址3号")  # mine stays
    older = snapshot_of(ws, wang, home_address="旧地址")
    assert apply_feed_page(ws, [FeedEntry("record", "student", wang, 2, older)])["unchanged"] == 1
    assert student(ws, wang).home_address == "中心地址3号"
    assert states(ws)["王小明"] == TO_SEND


def test_a_record_another_desk_created_arrives_whole(ws: Workspace, today: dt.date) -> None:
    wang, _li = two_students(ws, today)
    snapshot = snapshot_of(ws, wang, name="赵小燕", sex="2", class_name="一年级(1)班",
                           id_number=resident_id("440604", dt.date(2019, 5, 6), 28),
                           xjh="L44060420190506" + "0001")
    snapshot.pop("members")
    counts = apply_feed_page(ws, [FeedEntry("record", "student", "rec-zhao", 2, snapshot)])
    assert counts["created"] == 1
    zhao = student(ws, "rec-zhao")
    assert (zhao.name, zhao.xjh, zhao.xjh_provisional, zhao.version) == \
        ("赵小燕", "L440604201905060001", False, 2)
    with ws.store.reading() as session:
        events = session.scalars(select(StatusChange.change_type)
                                 .where(StatusChange.student_id == "rec-zhao")).all()
    assert events == ["录入"] and states(ws)["赵小燕"] == CONFIRMED
    clash = {**snapshot, "name": "钱多多"}  # same ID number as 赵小燕 under another record
    assert apply_feed_page(ws, [FeedEntry("record", "student", "rec-qian", 1, clash)])["refused"] == 1


def test_findings_are_kept_for_the_registrar(ws: Workspace) -> None:
    body = {"finding_id": "f1", "code": "duplicate_id_number", "title": "疑似一人多籍",
            "message": "身份证件号 4406…0011 在两条学籍中出现。",
            "students": [{"record_id": "r1", "name": "王小明", "xjh": "L1", "school_code": "1",
                          "school_name": "甲校"}]}
    apply_feed_page(ws, [FeedEntry("finding", "finding", "f1", 1, body)] * 2)
    [finding] = list_findings(ws)
    assert finding.title == "疑似一人多籍" and finding.students[0]["school_name"] == "甲校"
    assert sync_counts(ws).findings == 1


def test_the_pending_list_prints_every_unacknowledged_change(ws: Workspace, today: dt.date) -> None:
    wang, _li = two_students(ws, today)
    update_student(ws, wang, {**valid_row("王小明", seq=11), "联系电话": "13900139000"}, today=today)
    pending = pending_list(ws)
    assert [(p.student_name, p.action) for p in pending.lines] == [
        ("王小明", "新建学籍"), ("李华", "新建学籍"), ("王小明", "修改信息")]
    assert pending.lines[2].items == "联系电话" and pending.lines[0].state == "待上报"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(
        pending_changes.build(pending))).pages)
    assert "待上报变更清单" in text and "王小明" in text and "联系电话" in text


def test_a_change_held_and_released_in_the_same_answer_ends_applied(
        ws: Workspace, today: dt.date) -> None:
    two_students(ws, today)
    first, second = (c.change_id for c in unacknowledged_changes(ws))
    record_outcomes(ws, [ChangeOutcome(second, "held", error_code="seq_gap", message="暂存"),
                         ChangeOutcome(first, "applied", version=1),
                         ChangeOutcome(second, "applied", version=1),  # released
                         ChangeOutcome(first, "duplicate", original_status="applied", version=1)])
    assert set(outbox_states(ws).values()) == {"APPLIED"}
