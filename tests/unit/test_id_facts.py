"""What a resident ID number fills in, and where it disagrees with what was typed."""

from __future__ import annotations

import datetime as dt

from desktop.domain.id_facts import conflicts, fills, id_facts
from tests.factories import resident_id

NUMBER = resident_id("440604", dt.date(2019, 3, 5), 11)  # 禅城区, a boy


def test_a_valid_number_gives_birth_sex_and_county() -> None:
    facts = id_facts(NUMBER)
    assert facts is not None
    assert facts.values == {"出生日期": "20190305", "性别": "男", "出生地": "440604000000"}
    assert id_facts(resident_id("440604", dt.date(2019, 3, 5), 12)).values["性别"] == "女"


def test_incomplete_or_wrong_numbers_give_nothing() -> None:
    assert id_facts(NUMBER[:17]) is None
    assert id_facts(NUMBER[:-1] + ("0" if NUMBER[-1] != "0" else "1")) is None
    assert id_facts("") is None


def test_an_unknown_county_still_gives_birth_and_sex() -> None:
    facts = id_facts(resident_id("449999", dt.date(2019, 3, 5), 11))
    assert facts is not None and "出生地" not in facts.values and facts.values["性别"] == "男"


def test_fills_only_empty_items_and_reports_differences() -> None:
    facts = id_facts(NUMBER)
    row = {"出生日期": "", "性别": "女", "出生地": "440604001000"}
    assert fills(facts, row) == {"出生日期": "20190305"}
    assert conflicts(facts, row) == {"性别": "男"}  # same county: 出生地 agrees
    assert conflicts(facts, {"出生地": "440605000000"}) == {"出生地": "440604000000"}
