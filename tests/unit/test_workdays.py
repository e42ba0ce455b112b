"""desktop.domain.workdays: Chinese working days with public holidays and make-up workdays
(调休) — deadlines over the 2026 National Day and Spring Festival holidays, the event day not
counted, a year without published data estimated as Monday to Friday, and month/year periods
(end of month, one year of 休学)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.workdays import Deadline, add_months, add_workdays, is_workday, one_year_after

D = dt.date


@pytest.mark.parametrize(("start", "count", "due"), [
    (D(2026, 9, 28), 10, D(2026, 10, 16)),  # 国庆: 10-01..10-08 off, Saturday 10-10 worked
    (D(2026, 2, 10), 10, D(2026, 3, 2)),  # 春节: 02-15..02-23 off, Saturdays 02-14, 02-28 worked
])
def test_ten_working_days_over_a_holiday(start: dt.date, count: int, due: dt.date) -> None:
    deadline = add_workdays(start, count)
    assert deadline.due == due
    assert deadline.estimated is False


@pytest.mark.parametrize("make_up_day", [D(2026, 10, 10), D(2026, 2, 14), D(2026, 2, 28)])
def test_make_up_saturdays_are_counted(make_up_day: dt.date) -> None:
    assert make_up_day.weekday() == 5
    assert is_workday(make_up_day) == (True, False)
    assert add_workdays(make_up_day - dt.timedelta(days=1), 1).due == make_up_day


def test_the_event_day_itself_is_not_counted() -> None:
    friday = D(2026, 9, 18)
    assert is_workday(friday) == (True, False)
    assert add_workdays(friday, 1).due == D(2026, 9, 20)  # Sunday, a make-up workday


def test_zero_working_days_is_the_day_itself() -> None:
    assert add_workdays(D(2026, 10, 1), 0).due == D(2026, 10, 1)


def test_holiday_and_make_up_workday() -> None:
    assert is_workday(D(2026, 10, 1)) == (False, False)
    assert is_workday(D(2026, 9, 20)) == (True, False)
    assert D(2026, 9, 20).weekday() == 6


def test_ordinary_weekend_is_not_a_workday() -> None:
    assert is_workday(D(2026, 11, 28)) == (False, False)  # a plain Saturday


def test_year_without_data_counts_monday_to_friday_and_says_so() -> None:
    assert is_workday(D(2031, 1, 6)) == (True, True)  # Monday
    assert is_workday(D(2031, 1, 4)) == (False, True)  # Saturday
    deadline = add_workdays(D(2031, 1, 3), 5)  # a Friday
    assert deadline == Deadline(D(2031, 1, 10), True)


def test_deadline_crossing_into_an_unknown_year_is_estimated() -> None:
    deadline = add_workdays(D(2026, 12, 24), 10)
    assert deadline.estimated is True
    assert deadline.due.year == 2027


def test_deadline_within_a_known_year_is_not_estimated() -> None:
    assert add_workdays(D(2026, 11, 2), 5).estimated is False


@pytest.mark.parametrize(("start", "months", "expected"), [
    (D(2026, 1, 31), 1, D(2026, 2, 28)),
    (D(2028, 1, 31), 1, D(2028, 2, 29)),
    (D(2026, 3, 31), 1, D(2026, 4, 30)),
    (D(2026, 11, 15), 3, D(2027, 2, 15)),
    (D(2026, 3, 1), 12, D(2027, 3, 1)),
])
def test_add_months_keeps_the_day_or_takes_the_month_end(start: dt.date, months: int,
                                                          expected: dt.date) -> None:
    assert add_months(start, months) == expected


def test_one_year_after() -> None:
    assert one_year_after(D(2026, 3, 1)) == D(2027, 2, 28)
    assert one_year_after(D(2027, 3, 1)) == D(2028, 2, 29)
    assert one_year_after(D(2026, 9, 1)) == D(2027, 8, 31)


def test_one_year_from_29_february_ends_on_28_february() -> None:
    """A period of one year that begins on 2028-02-29 may run to 2029-02-28 (民法典 第203条:
    no corresponding day → the month's last day); it cannot end on the same day as the
    period that begins one day earlier, on 2028-02-28."""
    assert one_year_after(D(2028, 2, 29)) == D(2029, 2, 28)
    assert one_year_after(D(2028, 2, 29)) > one_year_after(D(2028, 2, 28))


def test_estimated_years_keep_the_fixed_date_holidays() -> None:
    """Without a published schedule, 1 January, 1 May and 1-3 October are still holidays."""
    for day in (D(2031, 1, 1), D(2031, 5, 1), D(2031, 10, 1), D(2031, 10, 3)):
        working, estimated = is_workday(day)
        assert (working, estimated) == (False, True), day
    assert is_workday(D(2031, 1, 2)) == (True, True)
