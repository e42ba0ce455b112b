"""Resident ID numbers (GB 11643-1999): check digit, birth date, region prefix, normalisation,
15-digit upgrade, residence-permit prefixes 81/82/83, sex from the 17th digit and masking."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.domain.errors import DomainError
from desktop.domain.idnumber import check_digit, mask, normalise, parse_resident_id
from tests.factories import resident_id

TODAY = dt.date(2026, 11, 26)
# 110105 2015-09-01, sequence 002: its MOD 11-2 check character is X.
ENDS_IN_X = "11010520150901002X"


def code_of(text: str) -> str:
    with pytest.raises(DomainError) as caught:
        parse_resident_id(text, TODAY)
    return caught.value.code


def test_valid_number_gives_birth_date_and_sex() -> None:
    number = resident_id("440604", dt.date(2017, 3, 5), 11)
    checked = parse_resident_id(number, TODAY)
    assert checked.number == number
    assert checked.birth_date == dt.date(2017, 3, 5)
    assert checked.sex == "1"
    assert not checked.upgraded_from_15
    assert not checked.is_residence_permit


def test_known_vector_ends_in_x() -> None:
    assert check_digit(ENDS_IN_X[:17]) == "X"
    assert parse_resident_id(ENDS_IN_X, TODAY).number == ENDS_IN_X


def test_bad_check_digit_is_refused() -> None:
    number = resident_id("440604", dt.date(2017, 3, 5), 11)
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert code_of(wrong) == "id.checksum"


def test_one_changed_digit_is_refused() -> None:
    number = resident_id("440604", dt.date(2017, 3, 5), 11)
    changed = number[:14] + str((int(number[14]) + 1) % 10) + number[15:]
    assert code_of(changed) == "id.checksum"


def test_impossible_birth_date_is_refused() -> None:
    body = "440604" + "20170230" + "011"
    assert code_of(body + check_digit(body)) == "id.birth_date"


def test_future_birth_date_is_refused() -> None:
    number = resident_id("440604", TODAY + dt.timedelta(days=1), 11)
    assert code_of(number) == "id.birth_date"


def test_birth_date_today_is_accepted() -> None:
    assert parse_resident_id(resident_id("440604", TODAY, 11), TODAY).birth_date == TODAY


def test_birth_before_1900_is_refused() -> None:
    assert code_of(resident_id("440604", dt.date(1899, 12, 31), 11)) == "id.birth_date"


def test_lower_case_x_is_normalised() -> None:
    assert parse_resident_id(ENDS_IN_X.lower(), TODAY).number == ENDS_IN_X


def test_full_width_digits_and_spaces_are_normalised() -> None:
    number = resident_id("440604", dt.date(2017, 3, 5), 11)
    wide = "".join(chr(ord(c) + 0xFEE0) for c in number)
    spaced = f" {wide[:6]}\u3000{wide[6:14]} {wide[14:]}\t"
    assert normalise(spaced) == number
    assert parse_resident_id(spaced, TODAY).number == number


@pytest.mark.parametrize("text", ["4406042017030501", "44060420170305011X1", "44060420170305011Y"])
def test_wrong_shape_is_a_format_error(text: str) -> None:
    with pytest.raises(DomainError) as caught:
        parse_resident_id(text, TODAY)
    assert caught.value.code == "id.format"
    assert caught.value.params["length"] == len(text)


def test_fifteen_digit_number_is_upgraded() -> None:
    old = "440604850601123"
    body = "440604" + "19" + "850601123"
    checked = parse_resident_id(old, TODAY)
    assert checked.number == body + check_digit(body)
    assert len(checked.number) == 18
    assert checked.upgraded_from_15
    assert checked.birth_date == dt.date(1985, 6, 1)
    assert checked.sex == "1"


def test_fifteen_digit_number_with_impossible_date_is_refused() -> None:
    assert code_of("440604850230123") == "id.birth_date"


@pytest.mark.parametrize("region", ["810000", "820000", "830000"])
def test_residence_permit_prefixes_are_accepted(region: str) -> None:
    number = resident_id(region, dt.date(2012, 7, 1), 21)
    checked = parse_resident_id(number, TODAY)
    assert checked.number == number
    assert checked.is_residence_permit


def test_unknown_province_prefix_is_refused() -> None:
    with pytest.raises(DomainError) as caught:
        parse_resident_id(resident_id("990101", dt.date(2017, 3, 5), 11), TODAY)
    assert caught.value.code == "id.region"
    assert caught.value.params["region"] == "990101"


@pytest.mark.parametrize(("seq", "sex"), [(11, "1"), (12, "2"), (1, "1"), (998, "2"), (999, "1")])
def test_sex_follows_the_seventeenth_digit(seq: int, sex: str) -> None:
    assert parse_resident_id(resident_id("440604", dt.date(2017, 3, 5), seq), TODAY).sex == sex


@settings(deadline=None, max_examples=200)
@given(st.dates(dt.date(1900, 1, 1), TODAY), st.integers(0, 999))
def test_any_built_number_reads_back(birth: dt.date, seq: int) -> None:
    checked = parse_resident_id(resident_id("110105", birth, seq), TODAY)
    assert checked.birth_date == birth
    assert checked.sex == ("1" if seq % 2 else "2")


def test_mask_shows_region_and_last_four() -> None:
    assert mask(ENDS_IN_X) == "110105********002X"


def test_mask_of_short_document_hides_all_but_two() -> None:
    assert mask("E1234567") == "E1******"


def test_a_digit_of_another_script_in_the_sex_place_reads_as_its_value() -> None:
    """NFKC leaves Arabic-Indic digits as they are and the pattern's \\d takes them: the sex
    comes from the digit's value, as it always did, instead of failing."""
    number = resident_id("440604", dt.date(2017, 3, 5), 11)
    other = number[:16] + chr(0x660 + int(number[16])) + number[17:]
    assert parse_resident_id(other, TODAY).sex == parse_resident_id(number, TODAY).sex
