"""待办: what is due, with the rule that set each deadline, overdue first.

Deadlines count Chinese working days from the day after the event: a transfer's sending
school has 10 working days, a death is cancelled within 60 working days, a suspension ends
on its end date, a deferral expires after one school year, a change of basic information
must reach the national system within one month (until the registry acknowledges it), a
transfer the registry runs waits for this school's answer until the registry's due day, a
guardian's request is answered within a month, a new pupil's 学籍档案 must be complete
within two months of first enrolment, and a borrowed folder must come back by its due date.

`overdue_count` counts what `list_tasks` would mark overdue without building the list, for
the line under 待办 in the window's page list.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from desktop.domain.status import DECISION_EVENT, Status
from desktop.domain.workdays import Deadline, add_months, add_workdays, one_year_after
from desktop.models.archive import ArchiveLoan
from desktop.models.deferral import DeferralEntry
from desktop.models.history import StatusChange
from desktop.models.outbox import UNACKNOWLEDGED, OutboxEntry
from desktop.models.school import SchoolClass
from desktop.models.student import Student
from desktop.models.sync_cases import SyncCase, SyncGuardianRequest
from desktop.services.archive.read import ArchiveDue, archive_deadlines, count_overdue_archives, overdue_loans
from desktop.services.archive.shapes import Loan
from desktop.services.changes.deferral import ACTIVE, Deferral, active_deferrals
from desktop.services.changes.status import decision_of
from desktop.services.context import Workspace
from desktop.services.students.id_policy import numbers_for


@dataclass(frozen=True)
class Task:
    student_id: str
    name: str
    id_number: str | None
    xjh: str | None
    item: str  # 事项
    due: dt.date
    rule: str  # the rule that set the deadline
    estimated: bool  # some day in between had no published holiday schedule
    overdue: bool
    class_name: str = ""


@dataclass(frozen=True)
class TaskFilter:
    item: str = ""  # one kind of 事项 ("" all)
    class_name: str = ""  # "" all
    overdue_only: bool = False
    text: str = ""  # a part of the name, ID number or 学籍号


@dataclass(frozen=True)
class TaskGroup:
    item: str
    count: int
    overdue: int


@dataclass(frozen=True)
class _Rule:
    item: str
    rule: str
    deadline: Callable[[StatusChange], Deadline]


_RULES: dict[str, _Rule] = {
    Status.TRANSFER_OUT_PENDING.name: _Rule(
        "办理转出：审核并在系统中确认转学", "转学各方须在10个工作日内办理",
        lambda e: add_workdays(e.effective_date, 10)),
    Status.DECEASED.name: _Rule(
        "报学籍主管部门注销学籍（死亡）", "死亡学生须在60个工作日内注销学籍",
        lambda e: add_workdays(e.effective_date, 60)),
    Status.SUSPENDED.name: _Rule(
        "休学期满：办理复学或续休", "休学每次最长一年，期满须复学或续休",
        lambda e: Deadline(e.end_date or one_year_after(e.effective_date), False)),
    Status.DEFERRED.name: _Rule(
        "缓学期满：办理入学或重新申请缓学", "缓学期限一般为一学年",
        lambda e: Deadline(one_year_after(e.effective_date), False)),
    Status.TRANSFER_IN_PENDING.name: _Rule(
        "跟进转入：等待转出学校和主管部门办理", "转学各方须在10个工作日内办理",
        lambda e: add_workdays(e.effective_date, 10)),
}


def list_tasks(ws: Workspace, today: dt.date | None = None) -> list[Task]:
    """Everything due, overdue first, then by due date."""
    today = today or dt.date.today()
    with ws.store.reading() as session:
        tasks, run_centrally = _registry_tasks(session, today)
        tasks += [_task(student, event, today) for student, event in _open_cases(session)
                  if student.id not in run_centrally]
    tasks += [_deferral_task(entry, today) for entry in active_deferrals(ws)]
    with ws.store.reading() as session:
        tasks += [_update_task(student, since, today)
                  for student, since in _unreported_updates(session)]
    tasks += [_archive_task(due, today) for due in archive_deadlines(ws)]
    tasks += [_loan_task(loan, today) for loan in overdue_loans(ws, today)]
    with ws.store.reading() as session:
        classes = dict(session.execute(select(Student.id, SchoolClass.name)
                                       .join(SchoolClass, Student.class_id == SchoolClass.id)).all())
    tasks = [replace(numbers_for(ws, task, "id_number", "xjh"),
                     class_name=classes.get(task.student_id, "")) for task in tasks]
    return sorted(tasks, key=lambda t: (not t.overdue, t.due, t.name))


def task_groups(tasks: list[Task]) -> list[TaskGroup]:
    """Each kind of 事项 with how many there are and how many are overdue, most first."""
    counts: dict[str, list[int]] = {}
    for task in tasks:
        count = counts.setdefault(task.item, [0, 0])
        count[0] += 1
        count[1] += task.overdue
    groups = [TaskGroup(item, n, late) for item, (n, late) in counts.items()]
    return sorted(groups, key=lambda g: (-g.overdue, -g.count, g.item))


def filter_tasks(tasks: list[Task], chosen: TaskFilter) -> list[Task]:
    """The tasks `chosen` keeps, in their order."""
    text = chosen.text.strip().upper()
    return [t for t in tasks
            if (not chosen.item or t.item == chosen.item)
            and (not chosen.class_name or t.class_name == chosen.class_name)
            and (t.overdue or not chosen.overdue_only)
            and (not text or text in t.name or text in (t.id_number or "").upper()
                 or text in (t.xjh or "").upper())]


def overdue_count(ws: Workspace, today: dt.date | None = None) -> int:
    """How many of list_tasks' items are overdue, counted without reading names or numbers."""
    today = today or dt.date.today()
    with ws.store.reading() as session:
        registry, run_centrally = _registry_tasks(session, today)
        cases = sum(task.overdue for task in registry)
        cases += sum(_task(student, event, today).overdue for student, event in _open_cases(session)
                     if student.id not in run_centrally)
        updates = sum(add_months(since.date(), 1) < today for since in session.scalars(_unreported()))
        deferrals = session.scalar(select(func.count()).select_from(DeferralEntry).where(
            DeferralEntry.state == ACTIVE, DeferralEntry.until < today))
        loans = session.scalar(select(func.count()).select_from(ArchiveLoan).join(Student).where(
            ArchiveLoan.returned_on.is_(None), ArchiveLoan.due < today))
        return cases + updates + (deferrals or 0) + (loans or 0) + count_overdue_archives(session, today)


UPDATE_ITEM = "基础信息变更：在国家学籍系统完成更新"
UPDATE_RULE = "学生基础学籍信息变更须在1个月内完成更新"


def _unreported_updates(session: Session) -> list[tuple[Student, dt.datetime]]:
    """Students whose basic-information change has not been acknowledged by the registry yet,
    with the time of the oldest such change."""
    return [(student, since) for student, since in session.execute(_unreported(Student))]


def _unreported(*columns: type[Student]) -> Select[*tuple[Any, ...]]:
    """`columns` and the time of the oldest unacknowledged basic-information change, per student."""
    return (select(*columns, func.min(OutboxEntry.created_at)).select_from(Student)
            .join(OutboxEntry, OutboxEntry.record_id == Student.id)
            .where(OutboxEntry.op == "patch", OutboxEntry.state.in_(UNACKNOWLEDGED))
            .group_by(Student.id))


def _update_task(student: Student, since: dt.datetime, today: dt.date) -> Task:
    due = add_months(since.date(), 1)
    return Task(student.id, student.name, student.id_number, student.xjh, UPDATE_ITEM, due,
                UPDATE_RULE, False, due < today)


CASE_ITEM = "转学申请：答复转入学校（同意或不同意转出）"
CASE_RULE = "转学各方须在10个工作日内办理（期限以学籍中心为准）"
GUARDIAN_ITEM = "家长申请修改信息：逐项答复"
GUARDIAN_RULE = "学生基础信息变更须在1个月内完成"


def _registry_tasks(session: Session, today: dt.date) -> tuple[list[Task], set[str]]:
    """Transfers waiting for this school's answer and guardian requests to answer; and the
    pupils whose transfer the registry runs (their own 转出中 deadline is the registry's)."""
    open_cases = session.scalars(select(SyncCase).where(SyncCase.state == "open",
                                                        SyncCase.kind == "transfer")).all()
    tasks = [_case_task(session, case, today) for case in open_cases
             if case.action_needed and case.answer_change_id is None]
    requests = session.scalars(select(SyncGuardianRequest).where(
        SyncGuardianRequest.state == "open", SyncGuardianRequest.answer_change_id.is_(None)))
    tasks += [_guardian_task(session, request, today) for request in requests]
    return tasks, {case.record_id for case in open_cases}


def _case_task(session: Session, case: SyncCase, today: dt.date) -> Task:
    step = case.body.get("current_step") or {}
    due = _iso_date(step.get("due")) or today
    return _pupil_task(session, case.record_id, case.body.get("student") or {}, CASE_ITEM, due,
                       CASE_RULE, bool(step.get("estimated")), bool(step.get("overdue")) or due < today)


def _guardian_task(session: Session, request: SyncGuardianRequest, today: dt.date) -> Task:
    submitted = _iso_date(str(request.body.get("submitted_at") or "")[:10]) or today
    due = add_months(submitted, 1)
    return _pupil_task(session, request.record_id, request.body.get("student") or {},
                       GUARDIAN_ITEM, due, GUARDIAN_RULE, False, due < today)


def _pupil_task(session: Session, record_id: str, summary: dict[str, str], item: str,
                due: dt.date, rule: str, estimated: bool, overdue: bool) -> Task:
    student = session.get(Student, record_id)
    if student is None:
        return Task(record_id, str(summary.get("name") or ""), None, summary.get("xjh"), item, due,
                    rule, estimated, overdue)
    return Task(student.id, student.name, student.id_number, student.xjh, item, due, rule,
                estimated, overdue)


def _iso_date(text: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(text)) if text else None
    except ValueError:
        return None


ARCHIVE_ITEM = "学籍档案不齐全：补齐缺少的材料"
ARCHIVE_RULE = "新生学籍档案须在初次入学后2个月内建立"
LOAN_ITEM = "催还借出的学籍档案"
LOAN_RULE = "借出的学籍档案须在约定日期前归还"


def _archive_task(due: ArchiveDue, today: dt.date) -> Task:
    return Task(due.student_id, due.name, due.id_number, due.xjh, ARCHIVE_ITEM, due.due,
                ARCHIVE_RULE, False, due.due < today)


def _loan_task(loan: Loan, today: dt.date) -> Task:
    return Task(loan.student_id, loan.student_name, loan.id_number, loan.xjh, LOAN_ITEM,
                loan.due, LOAN_RULE, False, loan.overdue(today))


def _deferral_task(entry: Deferral, today: dt.date) -> Task:
    rule = _RULES[Status.DEFERRED.name]
    return Task(entry.id, entry.name, entry.id_number or None, None, rule.item, entry.until,
                rule.rule, False, entry.until < today)


def _open_cases(session: Session) -> list[tuple[Student, StatusChange]]:
    """Each student whose status has a deadline, with the event that set that status."""
    students = session.scalars(select(Student).where(Student.status.in_(_RULES))).all()
    cases = []
    for student in students:
        event = session.scalars(select(StatusChange)
                                .where(StatusChange.student_id == student.id,
                                       StatusChange.to_status == student.status,
                                       StatusChange.change_type != DECISION_EVENT)
                                .order_by(StatusChange.seq.desc()).limit(1)).first()
        if event is not None and _awaiting(session, event, student):
            cases.append((student, event))
    return cases


def _awaiting(session: Session, event: StatusChange, student: Student) -> bool:
    """A death is done once the authority's cancellation is recorded; others stay open."""
    if student.status != Status.DECEASED.name:
        return True
    return decision_of(session, event) != "approved"


def _task(student: Student, event: StatusChange, today: dt.date) -> Task:
    rule = _RULES[student.status]
    deadline = rule.deadline(event)
    return Task(student.id, student.name, student.id_number, student.xjh, rule.item, deadline.due,
                rule.rule, deadline.estimated, deadline.due < today)
