"""学籍档案 register on real encrypted databases: the checklist and when each document is
required, location, loans and overdue loans, handovers, the school's list with its filters,
the two-month to-do for a new pupil's folder, journal rows for every change, and that a
viewer cannot write."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.models.outbox import OutboxEntry
from desktop.services.archive.read import (
    archive_overview,
    incomplete_archives,
    open_loans,
    overdue_loans,
    read_register,
)
from desktop.services.archive.shapes import Location
from desktop.services.archive.write import (
    HandoverInput,
    ItemDetails,
    lend,
    record_handover,
    return_loan,
    set_item,
    set_location,
)
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.changes.tasks import ARCHIVE_ITEM, LOAN_ITEM, list_tasks, overdue_count
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.safekeeping.accounts import add_account, unlock
from desktop.services.safekeeping.integrity import check_database
from desktop.services.students.add import add_students
from tests.conftest import FAST_KDF
from tests.dbutil import counts
from tests.factories import valid_row

D = dt.date
TODAY = D(2026, 11, 26)
BASIC = ("basic_form", "identity_copy", "photo")
TABLES = ("archive_item", "archive_location", "archive_loan", "archive_handover", "outbox",
          "audit_log")


def add(ws: Workspace, today: D = TODAY, extra: dict[str, str] | None = None,
        **kw: object) -> str:
    """One student entered on `today`, from a valid row with `extra` cells changed."""
    row = {**valid_row(**kw), **(extra or {})}  # type: ignore[arg-type]
    [student_id] = add_students(ws, [row], today=today).ids
    return student_id


def new_pupil(ws: Workspace, name: str = "吴新生", seq: int = 25) -> str:
    """A first-grader who enrolled in September 2026 and was entered a week later."""
    row = {**valid_row(name=name, seq=seq, birth=D(2020, 3, 5), class_name="一年级(1)班"),
           "入学年月": "202609"}
    [student_id] = add_students(ws, [row], today=D(2026, 9, 7)).ids
    return student_id


def tick(ws: Workspace, student_id: str, *kinds: str) -> None:
    for kind in kinds:
        set_item(ws, student_id, kind, True, today=D(2026, 10, 9))


def outbox(ws: Workspace, record_type: str) -> list[OutboxEntry]:
    with ws.store.reading() as session:
        return list(session.scalars(select(OutboxEntry).where(OutboxEntry.record_type == record_type)
                                    .order_by(OutboxEntry.device_seq)))


# --- checklist ---------------------------------------------------------------------------


def test_a_new_register_lists_the_checklist_with_three_documents_required(ws: Workspace) -> None:
    register = read_register(ws, add(ws))
    assert [line.label for line in register.lines] == [
        "学生基本信息表（签字）", "户口簿或身份证复印件", "照片", "学籍变动材料（转学、休学、复学等）",
        "证明材料", "残疾证明", "毕业/结业材料", "其他"]
    assert [line.kind for line in register.missing] == list(BASIC)
    assert not register.complete and register.location.text == ""
    assert (register.scans, register.loans, register.handovers) == ((), (), ())


def test_ticking_documents_completes_the_folder_and_journals_each_change(ws: Workspace) -> None:
    student_id = add(ws)
    tick(ws, student_id, *BASIC)
    set_item(ws, student_id, "other", True, ItemDetails(copies=1, pages=3, note="奖状复印件"),
             today=D(2026, 10, 9))
    register = read_register(ws, student_id)
    assert register.complete
    other = next(line for line in register.lines if line.kind == "other")
    assert (other.present, other.copies, other.pages, other.note, other.received_on) == (
        True, 1, 3, "奖状复印件", D(2026, 10, 9))
    set_item(ws, student_id, "photo", False)
    photo = read_register(ws, student_id).missing[0]
    assert (photo.kind, photo.received_on) == ("photo", None)
    entries = outbox(ws, "archive_item")
    assert [e.op for e in entries] == ["create"] * 4 + ["patch"]
    assert entries[-1].payload["present"] is False and entries[-1].base_version == 1
    assert entries[-1].payload["student_id"] == student_id
    assert check_database(ws).ok


def test_disability_and_change_papers_are_required_when_they_apply(ws: Workspace) -> None:
    extra = {"随班就读": "视力残疾随班就读", "残疾类型": "视力残疾", "健康状况": "残疾"}
    disabled = add(ws, name="李随班", seq=13, extra=extra)
    assert "disability" in [line.kind for line in read_register(ws, disabled).missing]
    changed = add(ws, name="赵休学", seq=15)
    apply_change(ws, ChangeRequest(student=changed, change="休学", effective=D(2026, 9, 1),
                                   until=D(2027, 1, 31)))
    missing = [line.kind for line in read_register(ws, changed).missing]
    assert missing == [*BASIC, "change_papers"]
    reasons = {line.kind: line.required_because for line in read_register(ws, changed).lines}
    assert reasons["change_papers"] == "有学籍变动" and reasons["other"] == ""


def test_an_unknown_kind_or_a_negative_count_is_refused(ws: Workspace) -> None:
    student_id = add(ws)
    with pytest.raises(ServiceError) as caught:
        set_item(ws, student_id, "diary", True)
    assert (caught.value.code, caught.value.params) == ("archive.kind_unknown", {"value": "diary"})
    with pytest.raises(ServiceError) as caught:
        set_item(ws, student_id, "photo", True, ItemDetails(pages=-1))
    assert caught.value.code == "archive.count_invalid"
    assert counts(ws, "archive_item", "outbox")["archive_item"] == 0


def test_location_is_kept_and_shown_in_the_list(ws: Workspace) -> None:
    student_id = add(ws)
    assert set_location(ws, student_id, Location(" 3 ", "2", "15")).text == "3柜 2层 15盒"
    set_location(ws, student_id, Location("3", "", "16"))
    assert read_register(ws, student_id).location == Location("3", "", "16")
    [row] = archive_overview(ws)
    assert row.location == "3柜 16盒"
    assert [e.op for e in outbox(ws, "archive_location")] == ["create", "patch"]


# --- loans -------------------------------------------------------------------------------


def test_lend_and_return(ws: Workspace) -> None:
    student_id = add(ws)
    loan = lend(ws, student_id, "教导处 刘老师", "核对转学材料", D(2026, 11, 30), D(2026, 11, 20))
    assert (loan.student_name, loan.borrower, loan.returned_on) == ("王小明", "教导处 刘老师", None)
    with pytest.raises(ServiceError) as caught:
        lend(ws, student_id, "别人", "再借", D(2026, 12, 5), D(2026, 11, 21))
    assert (caught.value.code, caught.value.params) == (
        "archive.already_lent", {"borrower": "教导处 刘老师", "due": "2026-11-30"})
    assert [row.name for row in archive_overview(ws, only_lent=True)] == ["王小明"]
    assert overdue_loans(ws, D(2026, 11, 30)) == []
    assert [x.id for x in overdue_loans(ws, D(2026, 12, 1))] == [loan.id]
    returned = return_loan(ws, loan.id, D(2026, 12, 2))
    assert returned.returned_on == D(2026, 12, 2)
    assert open_loans(ws) == [] and archive_overview(ws, only_lent=True) == []
    with pytest.raises(ServiceError) as caught:
        return_loan(ws, loan.id)
    assert caught.value.code == "archive.not_lent"
    assert [e.op for e in outbox(ws, "archive_loan")] == ["create", "patch"]


def test_a_loan_needs_borrower_purpose_and_a_due_date_after_lending(ws: Workspace) -> None:
    student_id = add(ws)
    with pytest.raises(ServiceError) as caught:
        lend(ws, student_id, " ", "核对", D(2026, 12, 1))
    assert caught.value.code == "archive.loan_incomplete"
    with pytest.raises(ServiceError) as caught:
        lend(ws, student_id, "刘老师", "核对", D(2026, 11, 1), D(2026, 11, 20))
    assert (caught.value.code, caught.value.params) == ("archive.due_before_lent",
                                                         {"lent_on": "2026-11-20"})
    assert counts(ws, "archive_loan")["archive_loan"] == 0


def test_an_overdue_loan_is_a_task(ws: Workspace) -> None:
    student_id = add(ws)
    lend(ws, student_id, "刘老师", "核对", D(2026, 11, 30), D(2026, 11, 20))
    assert list_tasks(ws, today=D(2026, 11, 30)) == []
    assert overdue_count(ws, today=D(2026, 11, 30)) == 0
    [task] = list_tasks(ws, today=D(2026, 12, 3))
    assert (task.item, task.name, task.due, task.overdue) == (LOAN_ITEM, "王小明",
                                                              D(2026, 11, 30), True)
    assert overdue_count(ws, today=D(2026, 12, 3)) == 1


# --- handovers ---------------------------------------------------------------------------


def handover(**kw: object) -> HandoverInput:
    values: dict = {"reason": "转学", "handed_on": D(2026, 11, 25), "receiver": "佛山市第二小学",
                    "sender_signatory": "张老师", "receiver_signatory": "李老师",
                    "backup_kept": True, "copies_kept": True}
    return HandoverInput(**{**values, **kw})


def test_a_transfer_handover_keeps_backup_and_copies(ws: Workspace) -> None:
    student_id = add(ws)
    tick(ws, student_id, *BASIC)
    with pytest.raises(ServiceError) as caught:
        record_handover(ws, student_id, handover(copies_kept=False))
    assert caught.value.code == "archive.transfer_copies"
    done = record_handover(ws, student_id, handover())
    assert done.items == BASIC and done.receiver == "佛山市第二小学"
    register = read_register(ws, student_id)
    assert register.handed_over and register.handovers[0].receiver_signatory == "李老师"
    with pytest.raises(ServiceError) as caught:
        lend(ws, student_id, "刘老师", "核对", D(2026, 12, 1), D(2026, 11, 26))
    assert caught.value.code == "archive.handed_over"
    [entry] = outbox(ws, "archive_handover")
    assert entry.payload["items"] == list(BASIC) and entry.payload["backup_kept"] is True


def test_a_merger_handover_lists_its_items_and_both_signatories(ws: Workspace) -> None:
    student_id = add(ws)
    with pytest.raises(ServiceError) as caught:
        record_handover(ws, student_id, handover(reason="学校合并", backup_kept=False))
    assert caught.value.code == "archive.handover_empty"
    with pytest.raises(ServiceError) as caught:
        record_handover(ws, student_id, handover(reason="学校合并", receiver_signatory=""))
    assert caught.value.code == "archive.handover_incomplete"
    with pytest.raises(ServiceError) as caught:
        record_handover(ws, student_id, handover(reason="丢失"))
    assert caught.value.code == "archive.handover_reason"
    done = record_handover(ws, student_id, handover(reason="学校合并", items=("basic_form", "photo"),
                                                    receiver="某镇中心小学"))
    assert done.items == ("basic_form", "photo")
    assert incomplete_archives(ws) == []  # the folder is no longer this school's to complete


def test_handover_is_refused_while_the_folder_is_lent_out(ws: Workspace) -> None:
    student_id = add(ws)
    tick(ws, student_id, "photo")
    lend(ws, student_id, "刘老师", "核对", D(2026, 12, 1), D(2026, 11, 20))
    with pytest.raises(ServiceError) as caught:
        record_handover(ws, student_id, handover())
    assert caught.value.code == "archive.already_lent"
    assert counts(ws, "archive_handover")["archive_handover"] == 0


# --- the school's list -------------------------------------------------------------------


def test_overview_filters_incomplete_and_searches_like_the_roster(ws: Workspace) -> None:
    done = add(ws, name="王小明", seq=11)
    add(ws, name="李小红", seq=12)
    tick(ws, done, *BASIC)
    assert [(r.name, r.missing, r.complete) for r in archive_overview(ws)] == [
        ("李小红", 3, False), ("王小明", 0, True)]
    assert [r.name for r in archive_overview(ws, only_incomplete=True)] == ["李小红"]
    assert [r.name for r in incomplete_archives(ws)] == ["李小红"]
    assert [r.name for r in archive_overview(ws, text="wxm")] == ["王小明"]
    assert [r.name for r in archive_overview(ws, text="小", limit=1)] == ["李小红"]


# --- the two-month rule ------------------------------------------------------------------


def test_a_pupil_entered_after_the_deadline_has_two_months_from_the_entry(ws: Workspace) -> None:
    """Enrolled in September, typed in here in December: not overdue the moment it is saved."""
    row = {**valid_row(name="吴新生", seq=25, birth=D(2020, 3, 5), class_name="一年级(1)班"),
           "入学年月": "202609"}
    [student_id] = add_students(ws, [row], today=D(2026, 12, 7)).ids
    [task] = list_tasks(ws, today=D(2026, 12, 7))
    assert (task.student_id, task.due, task.overdue) == (student_id, D(2027, 2, 7), False)
    assert overdue_count(ws, today=D(2026, 12, 7)) == 0
    assert overdue_count(ws, today=D(2027, 2, 8)) == 1


def test_a_new_pupils_folder_is_due_two_months_after_enrolment(ws: Workspace) -> None:
    student_id = new_pupil(ws)
    [task] = list_tasks(ws, today=D(2026, 10, 15))
    assert (task.student_id, task.item, task.due, task.overdue) == (
        student_id, ARCHIVE_ITEM, D(2026, 11, 1), False)
    assert "2个月" in task.rule
    assert overdue_count(ws, today=D(2026, 11, 1)) == 0
    [late] = list_tasks(ws, today=D(2026, 11, 2))
    assert late.overdue
    assert overdue_count(ws, today=D(2026, 11, 2)) == 1
    tick(ws, student_id, *BASIC)
    assert list_tasks(ws, today=D(2026, 11, 2)) == []
    assert overdue_count(ws, today=D(2026, 11, 2)) == 0


def test_a_pupil_already_at_school_gets_the_task_once_the_checklist_is_begun(ws: Workspace) -> None:
    student_id = add(ws, today=D(2026, 10, 12))  # 入学年月 202409, entered in October 2026
    assert list_tasks(ws, today=D(2026, 11, 26)) == []
    tick(ws, student_id, "basic_form")
    [task] = list_tasks(ws, today=D(2026, 11, 26))
    assert (task.item, task.due, task.overdue) == (ARCHIVE_ITEM, D(2026, 12, 12), False)


def test_no_archive_task_for_a_pupil_who_has_left(ws: Workspace) -> None:
    student_id = new_pupil(ws)
    apply_change(ws, ChangeRequest(student=student_id, change="转出", effective=D(2026, 10, 8)))
    apply_change(ws, ChangeRequest(student=student_id, change="转出完成", effective=D(2026, 10, 9)))
    assert [t.item for t in list_tasks(ws, today=D(2026, 11, 26))] == []
    assert overdue_count(ws, today=D(2027, 6, 1)) == 0


# --- permissions -------------------------------------------------------------------------


def test_a_viewer_reads_but_cannot_write(ws: Workspace, db_path: Path) -> None:
    student_id = add(ws)
    add_account(ws, "viewer1", Role.VIEWER, "viewer-pass-1", FAST_KDF)
    viewer = unlock(db_path, "viewer1", "viewer-pass-1")
    before = counts(ws, *TABLES)
    try:
        assert read_register(viewer, student_id).name == "王小明"
        writes = (lambda: set_item(viewer, student_id, "photo", True),
                  lambda: set_location(viewer, student_id, Location("1")),
                  lambda: lend(viewer, student_id, "x", "y", D(2026, 12, 1)),
                  lambda: record_handover(viewer, student_id, handover()))
        for write in writes:
            with pytest.raises(ServiceError) as caught:
                write()
            assert caught.value.code == "permission.denied"
    finally:
        viewer.lock()
    assert counts(ws, *TABLES) == before
