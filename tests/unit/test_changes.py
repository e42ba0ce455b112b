"""desktop.domain.changes: the 学籍变动 state machine. Every rule against every status (allowed
exactly from rule.allowed_from), then the rules of the 办法: no 退学/开除 in compulsory
education, 休学 at most one year (续休 counted from the previous end), no transfer while
suspended, 毕业/结业 only from the final grade, the 辍学 flag set once and cleared by 劝返复学,
恢复学籍 back to 在籍在读, and every refusal worded in Chinese."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.changes import (
    DROPPED_OUT,
    RULES,
    SPECIAL_SCHOOL,
    ChangeRule,
    PlannedChange,
    StudentState,
    plan_change,
)
from desktop.domain.errors import DomainError
from desktop.domain.grades import JUNIOR, PRIMARY, SENIOR
from desktop.domain.status import Status
from desktop.domain.workdays import one_year_after
from desktop.messages import TEXT, describe

DAY = dt.date(2026, 9, 1)
S = Status


def state(status: Status = S.ACTIVE, stage: str = SENIOR, final_grade: bool = False,
          **kw: object) -> StudentState:
    return StudentState(status=status, stage=stage, final_grade=final_grade, **kw)  # type: ignore[arg-type]


def refused(name: str, student: StudentState, effective: dt.date = DAY,
            until: dt.date | None = None) -> DomainError:
    with pytest.raises(DomainError) as caught:
        plan_change(name, student, effective, until)
    error = caught.value
    assert error.code in TEXT, error.code
    sentence = describe(error.code, error.params)
    assert "{" not in sentence and sentence != TEXT["unknown"], sentence
    return error


def satisfying(rule: ChangeRule, status: Status) -> tuple[StudentState, dt.date | None]:
    """A student in `status` meeting every other requirement of `rule`, and its end date."""
    student = state(status, stage=SENIOR, final_grade=True, flag=rule.clears_flag,
                    suspended_until=DAY + dt.timedelta(days=10) if status is S.SUSPENDED else None)
    return student, (DAY + dt.timedelta(days=60) if rule.needs_until else None)


CASES = [(name, status) for name in RULES for status in Status]


@pytest.mark.parametrize(("name", "status"), CASES, ids=[f"{n}-{s.name}" for n, s in CASES])
def test_every_rule_from_every_status(name: str, status: Status) -> None:
    rule = RULES[name]
    student, until = satisfying(rule, status)
    if status in rule.allowed_from:
        plan = plan_change(name, student, DAY, until)
        assert (plan.from_status, plan.to_status) == (status, rule.to_status or status)
        assert plan.rule is rule
    else:
        error = refused(name, student, DAY, until)
        transfer_while_suspended = name in ("转出", "转入") and status is S.SUSPENDED
        expected = ("change.no_transfer_while_suspended" if transfer_while_suspended
                    else "change.not_from_status")
        assert error.code == expected
        if not transfer_while_suspended:
            assert error.params == {"change": name, "status": status.label}


def test_transfer_in_from_active_only_just_after_entry() -> None:
    plan = plan_change("转入", state(S.ACTIVE, just_entered=True), DAY)
    assert (plan.from_status, plan.to_status) == (S.ACTIVE, S.TRANSFER_IN_PENDING)
    assert refused("转入", state(S.ACTIVE, just_entered=False)).code == "change.not_from_status"


@pytest.mark.parametrize("name", ["退学", "开除"])
@pytest.mark.parametrize("stage", [PRIMARY, JUNIOR])
def test_withdrawal_and_expulsion_forbidden_in_compulsory_education(name: str, stage: str) -> None:
    error = refused(name, state(stage=stage))
    assert error.code == "change.compulsory_forbidden"
    assert error.params == {"change": name, "stage": stage}
    assert "义务教育" in describe(error.code, error.params)


@pytest.mark.parametrize(("name", "to"), [("退学", S.WITHDRAWN), ("开除", S.EXPELLED)])
def test_withdrawal_and_expulsion_allowed_in_senior_high(name: str, to: Status) -> None:
    assert plan_change(name, state(stage=SENIOR), DAY).to_status is to


def test_suspension_of_exactly_one_year_is_allowed() -> None:
    start = dt.date(2026, 3, 1)
    plan = plan_change("休学", state(), start, one_year_after(start))
    assert plan.until == dt.date(2027, 2, 28)
    assert plan.to_status is S.SUSPENDED


def test_suspension_longer_than_one_year_is_refused() -> None:
    start = dt.date(2026, 3, 1)
    error = refused("休学", state(), start, dt.date(2027, 3, 1))
    assert error.code == "change.suspension_too_long"
    assert error.params == {"latest": "2027-02-28"}
    assert "2027-02-28" in describe(error.code, error.params)


def test_suspension_needs_an_end_date() -> None:
    assert refused("休学", state()).code == "change.until_required"


def test_end_date_before_start_is_refused() -> None:
    error = refused("休学", state(), DAY, DAY - dt.timedelta(days=1))
    assert (error.code, error.params) == ("change.until_before_start", {"start": "2026-09-01"})


def test_one_day_suspension_is_allowed() -> None:
    assert plan_change("休学", state(), DAY, DAY).until == DAY


def test_renewal_counts_from_the_previous_end() -> None:
    suspended = state(S.SUSPENDED, suspended_until=dt.date(2027, 2, 28))
    applied = dt.date(2027, 2, 1)  # applied for before the first period ends
    plan = plan_change("续休", suspended, applied, dt.date(2028, 2, 29))
    assert plan.until == dt.date(2028, 2, 29)
    error = refused("续休", suspended, applied, dt.date(2028, 3, 1))
    assert (error.code, error.params) == ("change.suspension_too_long", {"latest": "2028-02-29"})


def test_renewal_must_end_after_the_previous_end() -> None:
    suspended = state(S.SUSPENDED, suspended_until=dt.date(2027, 2, 28))
    error = refused("续休", suspended, dt.date(2027, 2, 1), dt.date(2027, 2, 28))
    assert (error.code, error.params) == ("change.until_before_start", {"start": "2027-03-01"})


@pytest.mark.parametrize("name", ["转出", "转入"])
def test_no_transfer_while_suspended(name: str) -> None:
    error = refused(name, state(S.SUSPENDED, suspended_until=DAY))
    assert error.code == "change.no_transfer_while_suspended"


@pytest.mark.parametrize(("name", "to"), [("毕业", S.GRADUATED), ("结业", S.COMPLETED)])
def test_graduation_needs_the_final_grade(name: str, to: Status) -> None:
    error = refused(name, state(stage=PRIMARY, final_grade=False))
    assert (error.code, error.params) == ("change.not_final_grade", {"change": name})
    assert plan_change(name, state(stage=PRIMARY, final_grade=True), DAY).to_status is to


def test_leaving_without_completion_needs_no_final_grade() -> None:
    assert plan_change("肄业", state(final_grade=False), DAY).to_status is S.INCOMPLETE


def test_drop_out_registration_sets_the_flag_and_keeps_the_status() -> None:
    plan = plan_change("辍学登记", state(stage=JUNIOR), DAY)
    assert (plan.to_status, plan.flag) == (S.ACTIVE, DROPPED_OUT)


def test_second_drop_out_registration_is_refused() -> None:
    error = refused("辍学登记", state(stage=JUNIOR, flag=DROPPED_OUT))
    assert (error.code, error.params) == ("change.flag_present",
                                          {"change": "辍学登记", "flag": DROPPED_OUT})


def test_persuaded_return_clears_the_flag() -> None:
    plan = plan_change("劝返复学", state(stage=JUNIOR, flag=DROPPED_OUT), DAY)
    assert (plan.to_status, plan.flag) == (S.ACTIVE, None)


@pytest.mark.parametrize("flag", [None, SPECIAL_SCHOOL])
def test_persuaded_return_without_the_flag_is_refused(flag: str | None) -> None:
    error = refused("劝返复学", state(stage=JUNIOR, flag=flag))
    assert (error.code, error.params) == ("change.flag_missing",
                                          {"change": "劝返复学", "flag": DROPPED_OUT})


def test_special_school_flag_set_and_cleared() -> None:
    there = plan_change("专门学校就读", state(stage=JUNIOR), DAY)
    assert there.flag == SPECIAL_SCHOOL
    back = plan_change("专门学校返回", state(stage=JUNIOR, flag=SPECIAL_SCHOOL), DAY)
    assert back.flag is None


@pytest.mark.parametrize("status", [S.DECEASED, S.WITHDRAWN, S.TRANSFERRED_OUT])
def test_restoring_a_cancelled_record_gives_active(status: Status) -> None:
    plan = plan_change("恢复学籍", state(status), DAY)
    assert (plan.from_status, plan.to_status) == (status, S.ACTIVE)


def test_unknown_change_type() -> None:
    error = refused("留校察看", state())
    assert error.code == "change.unknown_type"
    assert error.params["value"] == "留校察看"
    assert "休学" in error.params["known"] and "转出" in error.params["known"]


@pytest.mark.parametrize(("name", "to"), [("退学", S.WITHDRAWN), ("死亡", S.DECEASED),
                                          ("出境", S.ABROAD), ("肄业", S.INCOMPLETE)])
def test_leaving_the_school_clears_the_flag(name: str, to: Status) -> None:
    plan = plan_change(name, state(stage=SENIOR, flag=DROPPED_OUT), DAY)
    assert (plan.to_status, plan.flag) == (to, None)


@pytest.mark.parametrize("name", ["调班", "升级", "复学"])
def test_a_change_that_stays_in_school_keeps_the_flag(name: str) -> None:
    status = S.SUSPENDED if name == "复学" else S.ACTIVE
    plan = plan_change(name, state(status, stage=JUNIOR, flag=SPECIAL_SCHOOL), DAY)
    assert plan.flag == SPECIAL_SCHOOL


def test_plan_carries_dates() -> None:
    until = DAY + dt.timedelta(days=100)
    plan = plan_change("休学", state(), DAY, until)
    assert plan == PlannedChange(RULES["休学"], S.ACTIVE, S.SUSPENDED, DAY, until, None)


def test_end_date_is_ignored_for_changes_without_a_period() -> None:
    assert plan_change("转出", state(), DAY, DAY + dt.timedelta(days=5)).until is None


def test_a_change_cannot_be_dated_before_the_previous_one() -> None:
    error = refused("复学", state(S.SUSPENDED, last_event=DAY), effective=DAY - dt.timedelta(1))
    assert error.code == "change.date_before_last"
    assert plan_change("复学", state(S.SUSPENDED, last_event=DAY), DAY).to_status is S.ACTIVE


def test_special_school_mark_survives_a_suspension_but_not_leaving() -> None:
    suspended = plan_change("休学", state(flag=SPECIAL_SCHOOL), DAY, DAY + dt.timedelta(30))
    assert suspended.flag == SPECIAL_SCHOOL
    left = plan_change("转出完成", state(S.TRANSFER_OUT_PENDING, flag=SPECIAL_SCHOOL), DAY)
    assert left.flag is None
