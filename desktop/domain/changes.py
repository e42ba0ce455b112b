"""学籍变动 as a pure state machine: which change may follow which status, with the rules of
the 办法 (domain spec §5.3): no 退学 or 开除 in compulsory education, 休学 at most one year
(renewed by a new application), no transfer while suspended, 毕业/结业 only from the final
grade, a status cancelled by mistake restored by a compensating 恢复学籍."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from typing import TypedDict, Unpack

from desktop.domain.errors import DomainError
from desktop.domain.grades import SENIOR
from desktop.domain.status import Status
from desktop.domain.workdays import one_year_after

S = Status
LIVE = frozenset({S.ACTIVE, S.SUSPENDED, S.TRANSFER_OUT_PENDING, S.TRANSFER_IN_PENDING,
                  S.PENDING})
LEAVING = frozenset({S.TRANSFERRED_OUT, S.WITHDRAWN, S.EXPELLED, S.ABROAD, S.DECEASED,
                     S.GRADUATED, S.COMPLETED, S.INCOMPLETE})
DROPPED_OUT, SPECIAL_SCHOOL, HOME_TEACHING = "辍学", "专门学校", "送教上门"
EXPERT_APPROVAL = "上级学籍主管部门（依专家委员会意见）"
EXPERT_DOCUMENTS = ("残疾人证或诊断证明", "特殊教育专家委员会评估意见")


@dataclass(frozen=True)
class ChangeRule:
    name: str
    code: str  # local change-type code (§5.5: 1x in, 2x out, 3x internal)
    allowed_from: frozenset[Status]
    to_status: Status | None  # None: the status stays
    approver: str = ""  # who must still approve, recorded as awaiting
    documents: tuple[str, ...] = ()
    senior_only: bool = False
    final_grade_only: bool = False
    needs_until: bool = False
    sets_flag: str | None = None
    clears_flag: str | None = None


class _RuleExtras(TypedDict, total=False):
    """The optional fields of a ChangeRule, as `_rule` passes them on."""

    approver: str
    documents: tuple[str, ...]
    senior_only: bool
    final_grade_only: bool
    needs_until: bool
    sets_flag: str | None
    clears_flag: str | None


def _rule(name: str, code: str, allowed: Collection[Status], to: Status | None,
          **kw: Unpack[_RuleExtras]) -> ChangeRule:
    return ChangeRule(name, code, frozenset(allowed), to, **kw)


A, SU = {S.ACTIVE}, {S.SUSPENDED}
RULES: dict[str, ChangeRule] = {r.name: r for r in (
    _rule("新生注册", "11", {S.PENDING}, S.ACTIVE, approver="学籍主管部门",
          documents=("户口簿或居民身份证", "学生基本信息表（监护人签字）")),
    _rule("缓学期满入学", "15", {S.DEFERRED}, S.ACTIVE, documents=("缓学证明",)),
    _rule("转入", "13", {S.PENDING}, S.TRANSFER_IN_PENDING,
          approver="转出学校及双方学籍主管部门", documents=("转学联系表", "转学原因证明材料")),
    _rule("转入完成", "13", {S.TRANSFER_IN_PENDING}, S.ACTIVE, documents=("学籍档案（调档）",)),
    _rule("转出", "27", A, S.TRANSFER_OUT_PENDING, approver="学籍主管部门",
          documents=("转学联系表（监护人签字）", "转学原因证明材料")),
    _rule("转出完成", "27", {S.TRANSFER_OUT_PENDING}, S.TRANSFERRED_OUT,
          documents=("学籍档案电子备份", "纸质档案复印件留存")),
    _rule("休学", "23", A, S.SUSPENDED, approver="上级学籍主管部门", needs_until=True,
          documents=("休学申请表（监护人签字）", "县级以上医院诊断证明（因病）")),
    _rule("续休", "23", SU, S.SUSPENDED, approver="上级学籍主管部门", needs_until=True,
          documents=("续休申请表", "新的诊断证明")),
    _rule("复学", "12", SU, S.ACTIVE, documents=("复学申请表", "健康证明")),
    _rule("退学", "24", A | SU, S.WITHDRAWN, approver="上级学籍主管部门（备案）",
          senior_only=True, documents=("退学申请表（监护人签字）", "学校决定")),
    _rule("开除", "25", A, S.EXPELLED, approver="上级学籍主管部门", senior_only=True,
          documents=("处分决定",)),
    _rule("辍学登记", "28", A, None, approver="乡镇政府、县教育局", sets_flag=DROPPED_OUT,
          documents=("家访记录", "书面报告")),
    _rule("劝返复学", "12", A, None, clears_flag=DROPPED_OUT, documents=("劝返记录",)),
    _rule("出境", "29", A, S.ABROAD, approver="上级学籍主管部门（接收学籍档案）",
          documents=("护照、签证或境外入学证明",)),
    _rule("回国", "14", {S.ABROAD}, S.ACTIVE, documents=("境外学习经历证明",)),
    _rule("死亡", "26", LIVE | {S.ABROAD, S.DEFERRED}, S.DECEASED, approver="学籍主管部门（注销）",
          documents=("死亡证明或户口注销证明",)),
    _rule("毕业", "21", A, S.GRADUATED, final_grade_only=True, documents=("毕业生名册",)),
    _rule("结业", "22", A, S.COMPLETED, final_grade_only=True, documents=("结业生名册",)),
    _rule("肄业", "22", A, S.INCOMPLETE, documents=("肄业证明",)),
    _rule("升级", "31", A, None),
    _rule("留级", "33", A, None, approver="学籍主管部门", documents=("书面申请", "审批意见")),
    _rule("跳级", "31", A, None, approver="学籍主管部门", documents=("书面申请", "审批意见")),
    _rule("降级", "33", A, None, approver="学籍主管部门", documents=("书面申请", "审批意见")),
    _rule("调班", "32", A, None),
    _rule("专门学校就读", "34", A, None, sets_flag=SPECIAL_SCHOOL, documents=("专门学校入学决定",)),
    _rule("专门学校返回", "35", A, None, clears_flag=SPECIAL_SCHOOL, documents=("返回原校决定",)),
    # Special registrations (2025 办法): Sino-foreign programmes confirmed by the prefecture;
    # severely disabled pupils taught at home by the school that holds their 学籍.
    _rule("中外合作项目注册", "16", A, None, senior_only=True,
          approver="地市级教育行政部门（确认）", documents=("中外合作办学项目录取材料",)),
    _rule("送教上门登记", "36", A, None, sets_flag=HOME_TEACHING,
          documents=("残疾人证或县级以上医院诊断证明", "送教上门安排")),
    _rule("送教上门结束", "37", A, None, clears_flag=HOME_TEACHING, documents=("到校就读安排",)),
    # Special education: the expert committee's decisions need higher approval.
    _rule("特教升级", "31", A, None, approver=EXPERT_APPROVAL, documents=EXPERT_DOCUMENTS),
    _rule("特教降级", "33", A, None, approver=EXPERT_APPROVAL, documents=EXPERT_DOCUMENTS),
    _rule("特教毕业", "21", A, S.GRADUATED, approver=EXPERT_APPROVAL, documents=EXPERT_DOCUMENTS),
    _rule("恢复学籍", "14", {S.WITHDRAWN, S.EXPELLED, S.ABROAD, S.DECEASED, S.TRANSFERRED_OUT,
                          S.GRADUATED, S.COMPLETED, S.INCOMPLETE}, S.ACTIVE,
          approver="学籍主管部门", documents=("注销有误的证明材料",)),
)}


@dataclass(frozen=True)
class StudentState:
    """What the rules need to know about a student at the moment of a change."""

    status: Status
    stage: str
    final_grade: bool
    flag: str | None = None
    suspended_until: dt.date | None = None
    just_entered: bool = False  # only the entry event so far: how the pupil arrived is open
    last_event: dt.date | None = None  # date of the latest change: a new one cannot precede it


@dataclass(frozen=True)
class PlannedChange:
    rule: ChangeRule
    from_status: Status
    to_status: Status
    effective: dt.date
    until: dt.date | None
    flag: str | None  # the student's flag after the change


def plan_change(name: str, state: StudentState, effective: dt.date,
                until: dt.date | None = None) -> PlannedChange:
    """The change `name` applied to `state`, or DomainError saying why it is not allowed."""
    rule = RULES.get(name)
    if rule is None:
        raise DomainError("change.unknown_type", value=name, known="、".join(RULES))
    if state.last_event is not None and effective < state.last_event:
        raise DomainError("change.date_before_last", last=state.last_event.isoformat())
    _check_status(rule, state)
    _check_stage(rule, state)
    _check_flag(rule, state)
    end = _check_period(rule, state, effective, until)
    flag = rule.sets_flag or (None if rule.clears_flag else state.flag)
    if rule.to_status in LEAVING:  # the pupil is no longer here: no 辍学 / 专门学校 mark
        flag = None
    return PlannedChange(rule, state.status, rule.to_status or state.status, effective, end, flag)


def _check_status(rule: ChangeRule, state: StudentState) -> None:
    if state.status in rule.allowed_from:
        return
    if rule.name == "转入" and state.status is Status.ACTIVE and state.just_entered:
        return  # a pupil just entered here turns out to arrive by transfer
    if rule.name in ("转出", "转入") and state.status is Status.SUSPENDED:
        raise DomainError("change.no_transfer_while_suspended")
    raise DomainError("change.not_from_status", change=rule.name, status=state.status.label)


def _check_stage(rule: ChangeRule, state: StudentState) -> None:
    if rule.senior_only and state.stage != SENIOR:
        raise DomainError("change.compulsory_forbidden", change=rule.name, stage=state.stage)
    if rule.final_grade_only and not state.final_grade:
        raise DomainError("change.not_final_grade", change=rule.name)


def _check_flag(rule: ChangeRule, state: StudentState) -> None:
    if rule.clears_flag and state.flag != rule.clears_flag:
        raise DomainError("change.flag_missing", change=rule.name, flag=rule.clears_flag)
    if rule.sets_flag and state.flag == rule.sets_flag:
        raise DomainError("change.flag_present", change=rule.name, flag=rule.sets_flag)


def _check_period(rule: ChangeRule, state: StudentState, effective: dt.date,
                  until: dt.date | None) -> dt.date | None:
    if not rule.needs_until:
        return None
    if until is None:
        raise DomainError("change.until_required", change=rule.name)
    start = effective
    if rule.name == "续休" and state.suspended_until is not None:
        start = state.suspended_until + dt.timedelta(days=1)
    if until < start:
        raise DomainError("change.until_before_start", start=start.isoformat())
    latest = one_year_after(start)
    if until > latest:
        raise DomainError("change.suspension_too_long", latest=latest.isoformat())
    return until
