"""Recording 学籍变动 (services.changes.status.apply_change) and the to-do list
(services.changes.tasks.list_tasks) on real databases: the status the roster shows, the appended
event with its documents and awaited approval, one audit row and one outbox command per
change, refusals that change nothing, finding students, class moves, reversal of a death,
转入 for a pupil just entered, deadlines counted in Chinese working days, and how a recorded
approval outcome (审批通过 / 审批未通过) affects later changes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.changes import RULES
from desktop.domain.errors import DomainError
from desktop.models.audit import AuditEntry
from desktop.models.history import StatusChange
from desktop.models.outbox import OutboxEntry
from desktop.models.student import Student
from desktop.services.changes.status import ChangeRequest, ChangeResult, apply_change
from desktop.services.changes.tasks import UPDATE_ITEM, list_tasks, overdue_count
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.safekeeping.accounts import NewSchool, add_account, create_database, unlock
from desktop.services.safekeeping.integrity import check_database
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, get_student, search
from desktop.services.students.update import update_student
from tests.conftest import FAST_KDF, PASSWORD
from tests.dbutil import counts
from tests.factories import SCHOOL_CODE, valid_row

D = dt.date
TABLES = ("student", "status_change", "outbox", "audit_log", "school_class", "grade")


def add(ws: Workspace, today: dt.date, **kw: object) -> tuple[str, dict[str, str]]:
    """One new student: (record id, template row)."""
    row = valid_row(**kw)  # type: ignore[arg-type]
    [student_id] = add_students(ws, [row], today=today).ids
    return student_id, row


def change(ws: Workspace, row: dict[str, str], name: str, effective: dt.date,
           **kw: object) -> ChangeResult:
    return apply_change(ws, ChangeRequest(student=row["身份证件号"], change=name,
                                          effective=effective, **kw))  # type: ignore[arg-type]


def refusal(ws: Workspace, row: dict[str, str], name: str, effective: dt.date,
            **kw: object) -> DomainError:
    with pytest.raises(DomainError) as caught:
        change(ws, row, name, effective, **kw)
    return caught.value


def events(ws: Workspace, student_id: str) -> list[StatusChange]:
    with ws.store.reading() as session:
        return list(session.scalars(select(StatusChange).where(
            StatusChange.student_id == student_id).order_by(StatusChange.seq)))


def stored(ws: Workspace, student_id: str) -> Student:
    with ws.store.reading() as session:
        student = session.get(Student, student_id)
        assert student is not None
        return student


@pytest.fixture
def pupil(ws: Workspace, today: dt.date) -> tuple[str, dict[str, str]]:
    """王小明, 三年级(2)班 (小学)."""
    return add(ws, today)


@pytest.fixture
def junior(ws: Workspace, today: dt.date) -> tuple[str, dict[str, str]]:
    """陈初二, 初二(1)班 (初中)."""
    return add(ws, today, name="陈初二", birth=D(2013, 4, 10), seq=31, class_name="初二(1)班")


# --- recording a change ------------------------------------------------------------------


def test_suspension_shows_in_roster_and_detail(ws: Workspace, pupil) -> None:
    student_id, row = pupil
    result = change(ws, row, "休学", D(2026, 9, 1), until=D(2027, 1, 31), reason="因病")
    assert (result.student_id, result.name, result.change) == (student_id, "王小明", "休学")
    assert (result.from_status, result.to_status) == ("在籍在读", "休学")
    assert result.awaiting == "上级学籍主管部门"
    assert result.documents == RULES["休学"].documents
    [shown] = search(ws, StudentQuery()).rows
    assert shown.status == "休学"
    assert get_student(ws, student_id).status == "休学"
    assert search(ws, StudentQuery(status="SUSPENDED")).total == 1


def test_change_appends_an_event(ws: Workspace, pupil) -> None:
    student_id, row = pupil
    change(ws, row, "休学", D(2026, 9, 1), until=D(2027, 1, 31), reason="因病")
    entry, event = events(ws, student_id)
    assert entry.seq == 1 and entry.change_type == "录入"
    assert (event.seq, event.change_type) == (2, "休学")
    assert (event.from_status, event.to_status) == ("ACTIVE", "SUSPENDED")
    assert (event.effective_date, event.end_date) == (D(2026, 9, 1), D(2027, 1, 31))
    assert event.reason == "因病"
    assert event.reverses is None
    assert event.recorded_by == ws.actor.account_id
    assert event.details["documents"] == list(RULES["休学"].documents)
    assert event.details["approval"] == {"approver": "上级学籍主管部门", "state": "awaiting",
                                         "steps": []}


def test_change_without_approver_records_none(ws: Workspace, pupil) -> None:
    student_id, row = pupil
    change(ws, row, "调班", D(2026, 11, 26), class_name="三年级(3)班")
    assert "approval" not in events(ws, student_id)[-1].details


def test_change_writes_one_audit_and_one_outbox_row(ws: Workspace, pupil) -> None:
    student_id, row = pupil
    before, version = counts(ws, *TABLES), stored(ws, student_id).version
    change(ws, row, "休学", D(2026, 9, 1), until=D(2027, 1, 31))
    after = counts(ws, *TABLES)
    assert after == {**before, "status_change": before["status_change"] + 1,
                     "outbox": before["outbox"] + 1, "audit_log": before["audit_log"] + 1}
    event = events(ws, student_id)[-1]
    with ws.store.reading() as session:
        outbox = session.scalars(select(OutboxEntry).order_by(OutboxEntry.device_seq.desc())).first()
        audit = session.get(AuditEntry, outbox.audit_seq)
    assert (outbox.op, outbox.record_type, outbox.record_id) == ("command", "student", student_id)
    assert outbox.base_version == version
    assert stored(ws, student_id).version == version + 1
    command = outbox.payload["command"]
    assert (command["name"], command["case_id"]) == ("status_change", event.id)
    assert command["args"]["change_type"] == "休学"
    assert (command["args"]["from"], command["args"]["to"]) == ("ACTIVE", "SUSPENDED")
    assert command["args"]["until"] == "2027-01-31"
    assert (audit.action, audit.entity_id) == ("student.status_change", student_id)


def test_refused_change_changes_nothing(ws: Workspace, junior) -> None:
    student_id, row = junior
    before, version = counts(ws, *TABLES), stored(ws, student_id).version
    error = refusal(ws, row, "退学", D(2026, 11, 2))
    assert (error.code, error.params["stage"]) == ("change.compulsory_forbidden", "初中")
    assert counts(ws, *TABLES) == before
    assert get_student(ws, student_id).status == "在籍在读"
    assert stored(ws, student_id).version == version
    assert len(events(ws, student_id)) == 1


def test_viewer_cannot_record_a_change(ws: Workspace, pupil, db_path: Path) -> None:
    student_id, row = pupil
    add_account(ws, "viewer1", Role.VIEWER, "viewer-pass-1", FAST_KDF)
    viewer = unlock(db_path, "viewer1", "viewer-pass-1")
    try:
        with pytest.raises(ServiceError) as caught:
            change(viewer, row, "转出", D(2026, 9, 28))
        assert caught.value.code == "permission.denied"
    finally:
        viewer.lock()
    assert get_student(ws, student_id).status == "在籍在读"


# --- finding the student -----------------------------------------------------------------


def test_student_found_by_xjh(ws: Workspace, pupil) -> None:
    student_id, row = pupil
    xjh = stored(ws, student_id).xjh
    assert xjh == "G" + row["身份证件号"]
    result = apply_change(ws, ChangeRequest(student=f" {xjh.lower()} ", change="转出",
                                            effective=D(2026, 9, 28)))
    assert (result.student_id, result.to_status) == (student_id, "转出中")


def test_unknown_reference_is_refused(ws: Workspace, pupil) -> None:
    with pytest.raises(ServiceError) as caught:
        apply_change(ws, ChangeRequest(student="440604201701010000", change="转出",
                                       effective=D(2026, 9, 28)))
    assert (caught.value.code, caught.value.params) == ("student.not_found_ref",
                                                        {"ref": "440604201701010000"})


# --- particular changes ------------------------------------------------------------------


def test_return_from_abroad_marks_study_abroad(ws: Workspace, pupil) -> None:
    student_id, row = pupil
    change(ws, row, "出境", D(2026, 9, 1))
    assert (get_student(ws, student_id).status, stored(ws, student_id).studied_abroad) == (
        "出境", False)
    change(ws, row, "回国", D(2026, 11, 2))
    assert (get_student(ws, student_id).status, stored(ws, student_id).studied_abroad) == (
        "在籍在读", True)


def test_drop_out_flag_is_stored_and_cleared(ws: Workspace, junior) -> None:
    student_id, row = junior
    change(ws, row, "辍学登记", D(2026, 10, 12))
    assert (stored(ws, student_id).away_flag, get_student(ws, student_id).status) == (
        "辍学", "在籍在读")
    assert refusal(ws, row, "辍学登记", D(2026, 10, 13)).code == "change.flag_present"
    change(ws, row, "劝返复学", D(2026, 11, 2))
    assert stored(ws, student_id).away_flag is None


def test_class_change_needs_a_class(ws: Workspace, pupil) -> None:
    error = refusal(ws, pupil[1], "调班", D(2026, 11, 26))
    assert (error.code, error.params) == ("change.class_required", {"change": "调班"})


def test_class_change_within_the_grade(ws: Workspace, pupil) -> None:
    student_id, row = pupil
    change(ws, row, "调班", D(2026, 11, 26), class_name="三年级(3)班")
    detail = get_student(ws, student_id)
    assert (detail.values["class_name"], detail.grade_name) == ("三年级(3)班", "三年级")
    assert detail.status == "在籍在读"
    assert events(ws, student_id)[-1].details["class_name"] == "三年级(3)班"


def test_class_change_to_another_grade_is_refused(ws: Workspace, pupil) -> None:
    student_id, row = pupil
    before = counts(ws, *TABLES)
    error = refusal(ws, row, "调班", D(2026, 11, 26), class_name="四年级(1)班")
    assert (error.code, error.params) == ("change.class_mismatch",
                                          {"change": "调班", "class_name": "四年级(1)班"})
    assert get_student(ws, student_id).values["class_name"] == "三年级(2)班"
    assert counts(ws, *TABLES) == before  # the class named was not left behind


def test_promotion_one_grade_up(ws: Workspace, pupil) -> None:
    student_id, row = pupil
    assert refusal(ws, row, "升级", D(2026, 11, 26),
                   class_name="五年级(1)班").code == "change.class_mismatch"
    change(ws, row, "升级", D(2026, 11, 26), class_name="四年级(1)班")
    detail = get_student(ws, student_id)
    assert (detail.values["class_name"], detail.grade_name) == ("四年级(1)班", "四年级")


def test_restoring_after_death_reverses_the_death(ws: Workspace, pupil) -> None:
    student_id, row = pupil
    change(ws, row, "死亡", D(2026, 11, 2))
    assert get_student(ws, student_id).status == "死亡"
    change(ws, row, "恢复学籍", D(2026, 11, 20), reason="误报死亡")
    _entry, death, restored = events(ws, student_id)
    assert death.change_type == "死亡"
    assert (restored.change_type, restored.reverses) == ("恢复学籍", death.id)
    assert (restored.from_status, restored.to_status) == ("DECEASED", "ACTIVE")
    assert get_student(ws, student_id).status == "在籍在读"


def test_database_stays_whole_after_several_changes(ws: Workspace, pupil, junior) -> None:
    audit_before = counts(ws, "audit_log")["audit_log"]
    change(ws, pupil[1], "休学", D(2026, 9, 1), until=D(2027, 1, 31))
    change(ws, pupil[1], "续休", D(2027, 1, 10), until=D(2027, 8, 31))
    change(ws, pupil[1], "复学", D(2027, 9, 1))
    change(ws, junior[1], "转出", D(2026, 9, 28))
    change(ws, junior[1], "转出完成", D(2026, 10, 9))
    with pytest.raises(DomainError):
        change(ws, junior[1], "转出", D(2026, 10, 10))
    report = check_database(ws)
    assert report.ok, report
    assert report.audit_rows == audit_before + 5  # the refused 转出 wrote nothing


# --- senior high -------------------------------------------------------------------------


@pytest.fixture
def senior_ws(tmp_path: Path) -> Iterator[Workspace]:
    school = NewSchool(code=SCHOOL_CODE, name="测试县第一中学", stages="小学,初中,高中")
    ws, _recovery = create_database(tmp_path / "senior.db", school, "registrar", PASSWORD,
                                    FAST_KDF)
    yield ws
    ws.lock()


def senior_row(name: str, birth: dt.date, seq: int, class_name: str) -> dict[str, str]:
    row = valid_row(name=name, birth=birth, seq=seq, class_name=class_name)
    row["入学方式"] = "统一招生考试/普通入学"
    return row


def test_senior_high_withdrawal_and_graduation(senior_ws: Workspace, today: dt.date) -> None:
    first = senior_row("张高一", D(2010, 5, 1), 21, "高一(1)班")
    third = senior_row("李高三", D(2008, 5, 1), 23, "高三(2)班")
    add_students(senior_ws, [first, third], today=today)
    assert refusal(senior_ws, first, "毕业", today).code == "change.not_final_grade"
    assert change(senior_ws, first, "退学", today).to_status == "退学"
    assert change(senior_ws, third, "毕业", today).to_status == "毕业"


# --- 转入 for a pupil just entered -------------------------------------------------------


def test_transfer_in_for_a_pupil_just_entered(ws: Workspace, pupil, today: dt.date) -> None:
    student_id, row = pupil
    result = change(ws, row, "转入", D(2026, 11, 20))
    assert (result.from_status, result.to_status) == ("在籍在读", "转入中")
    [task] = list_tasks(ws, today=today)
    assert (task.student_id, task.item) == (student_id, "跟进转入：等待转出学校和主管部门办理")
    assert task.due == D(2026, 12, 4)
    change(ws, row, "转入完成", D(2026, 11, 27))
    assert get_student(ws, student_id).status == "在籍在读"
    assert list_tasks(ws, today=today) == []


def test_transfer_in_refused_once_the_pupil_has_later_events(ws: Workspace, pupil) -> None:
    student_id, row = pupil
    change(ws, row, "休学", D(2026, 9, 1), until=D(2026, 10, 31))
    change(ws, row, "复学", D(2026, 11, 2))
    error = refusal(ws, row, "转入", D(2026, 11, 20))
    assert (error.code, error.params) == ("change.not_from_status",
                                          {"change": "转入", "status": "在籍在读"})
    assert len(events(ws, student_id)) == 3


# --- tasks -------------------------------------------------------------------------------


def test_transfer_out_due_in_ten_working_days(ws: Workspace, pupil) -> None:
    student_id, row = pupil
    change(ws, row, "转出", D(2026, 9, 28))
    [task] = list_tasks(ws, today=D(2026, 11, 26))
    assert (task.student_id, task.name) == (student_id, "王小明")
    assert (task.id_number, task.xjh) == (row["身份证件号"], "G" + row["身份证件号"])
    assert task.item == "办理转出：审核并在系统中确认转学"
    assert "10个工作日" in task.rule
    assert (task.due, task.overdue, task.estimated) == (D(2026, 10, 16), True, False)
    [on_the_day] = list_tasks(ws, today=D(2026, 10, 16))
    assert on_the_day.overdue is False
    assert (overdue_count(ws, today=D(2026, 10, 16)), overdue_count(ws, today=D(2026, 10, 17))) == (0, 1)


def test_death_due_in_sixty_working_days(ws: Workspace, pupil) -> None:
    change(ws, pupil[1], "死亡", D(2026, 11, 2))
    [task] = list_tasks(ws, today=D(2026, 11, 26))
    assert task.item == "报学籍主管部门注销学籍（死亡）"
    # 43 working days to the end of 2026, then Monday to Friday of 2027 without 1 January
    # (no published schedule yet: estimated, fixed-date holidays only)
    assert (task.due, task.estimated, task.overdue) == (D(2027, 1, 26), True, False)


def test_suspension_due_on_its_end_date(ws: Workspace, pupil) -> None:
    change(ws, pupil[1], "休学", D(2026, 9, 1), until=D(2027, 1, 31))
    [task] = list_tasks(ws, today=D(2026, 11, 26))
    assert (task.item, task.due, task.overdue) == ("休学期满：办理复学或续休", D(2027, 1, 31), False)
    change(ws, pupil[1], "续休", D(2027, 1, 10), until=D(2027, 8, 31))
    [renewed] = list_tasks(ws, today=D(2026, 11, 26))
    assert renewed.due == D(2027, 8, 31)
    [late] = list_tasks(ws, today=D(2027, 9, 1))
    assert late.overdue is True


def test_overdue_tasks_come_first(ws: Workspace, today: dt.date) -> None:
    _id, suspended = add(ws, today, name="赵休学", seq=13)
    _id, dead = add(ws, today, name="钱死亡", seq=15)
    _id, leaving = add(ws, today, name="孙转出", seq=17)
    change(ws, suspended, "休学", D(2026, 9, 1), until=D(2027, 1, 20))
    change(ws, dead, "死亡", D(2026, 11, 2))
    change(ws, leaving, "转出", D(2026, 9, 28))
    tasks = list_tasks(ws, today=D(2026, 11, 26))
    assert [(t.name, t.overdue) for t in tasks] == [
        ("孙转出", True), ("赵休学", False), ("钱死亡", False)]
    assert overdue_count(ws, today=D(2026, 11, 26)) == 1
    assert overdue_count(ws, today=D(2027, 1, 21)) == 2


def test_no_open_case_no_task(ws: Workspace, pupil, junior) -> None:
    change(ws, pupil[1], "休学", D(2026, 9, 1), until=D(2026, 10, 31))
    change(ws, pupil[1], "复学", D(2026, 11, 2))
    change(ws, junior[1], "转出", D(2026, 9, 28))
    change(ws, junior[1], "转出完成", D(2026, 10, 9))
    assert list_tasks(ws, today=D(2026, 11, 26)) == []


# --- approval outcomes (审批通过 / 审批未通过) recorded between changes -----------------------


def test_approved_death_closes_the_task(ws: Workspace, pupil) -> None:
    change(ws, pupil[1], "死亡", D(2026, 11, 2))
    change(ws, pupil[1], "审批通过", D(2026, 11, 20))
    assert list_tasks(ws, today=D(2026, 11, 26)) == []
    assert overdue_count(ws, today=D(2027, 6, 1)) == 0


def test_rejected_suspension_restores_active(ws: Workspace, pupil, today: dt.date) -> None:
    student_id, row = pupil
    change(ws, row, "休学", D(2026, 9, 1), until=D(2027, 1, 31))
    change(ws, row, "审批未通过", D(2026, 9, 10), reason="证明不全")
    assert get_student(ws, student_id).status == "在籍在读"
    assert list_tasks(ws, today=today) == []


def test_renewal_after_an_approved_suspension_counts_from_its_end(ws: Workspace, pupil) -> None:
    """The approval event after 休学 must not hide the suspension's end date from 续休."""
    row = pupil[1]
    change(ws, row, "休学", D(2026, 9, 1), until=D(2027, 1, 31))
    change(ws, row, "审批通过", D(2026, 9, 10))
    error = refusal(ws, row, "续休", D(2027, 1, 10), until=D(2027, 1, 20))
    assert (error.code, error.params) == ("change.until_before_start", {"start": "2027-02-01"})
    assert change(ws, row, "续休", D(2027, 1, 10), until=D(2028, 1, 31)).to_status == "休学"


def test_restoring_after_an_approved_death_reverses_the_death(ws: Workspace, pupil) -> None:
    """The cancellation's approval is not what 恢复学籍 undoes: it reverses the death."""
    student_id, row = pupil
    change(ws, row, "死亡", D(2026, 11, 2))
    change(ws, row, "审批通过", D(2026, 11, 20))
    change(ws, row, "恢复学籍", D(2026, 11, 25))
    death = next(e for e in events(ws, student_id) if e.change_type == "死亡")
    assert events(ws, student_id)[-1].reverses == death.id


def test_rejected_drop_out_registration_removes_the_flag(ws: Workspace, junior) -> None:
    """A refused 辍学登记 has no effect: the pupil is not left marked as a drop-out."""
    student_id, row = junior
    change(ws, row, "辍学登记", D(2026, 10, 12))
    change(ws, row, "审批未通过", D(2026, 10, 20))
    assert stored(ws, student_id).away_flag is None


def test_rejected_demotion_returns_the_pupil_to_the_old_class(ws: Workspace, today: dt.date) -> None:
    """降级 needs the authority's approval; when it is refused the pupil stays in 四年级."""
    student_id, row = add(ws, today, name="李小红", seq=12, birth=D(2016, 5, 20),
                          class_name="四年级(1)班")
    change(ws, row, "降级", D(2026, 11, 2), class_name="三年级(1)班")
    assert get_student(ws, student_id).values["class_name"] == "三年级(1)班"
    change(ws, row, "审批未通过", D(2026, 11, 20))
    assert get_student(ws, student_id).values["class_name"] == "四年级(1)班"


def test_an_unsynced_basic_information_change_is_due_within_a_month(ws: Workspace) -> None:
    row = valid_row(name="王小明", seq=11)
    add_students(ws, [row])
    assert [t for t in list_tasks(ws) if t.item == UPDATE_ITEM] == []
    student = search(ws, StudentQuery(text="王小明")).rows[0]
    changed = {**row, "现住址": "广东省佛山市禅城区新地址2号"}
    update_student(ws, student.id, changed, expected_version=get_student(ws, student.id).version)
    [task] = [t for t in list_tasks(ws) if t.item == UPDATE_ITEM]
    today = dt.date.today()
    assert task.name == "王小明" and task.due > today and not task.overdue
    [late] = [t for t in list_tasks(ws, today=task.due + dt.timedelta(days=1))
              if t.item == UPDATE_ITEM]
    assert late.overdue
    for day in (task.due, task.due + dt.timedelta(days=1)):
        assert overdue_count(ws, today=day) == sum(t.overdue for t in list_tasks(ws, today=day))
