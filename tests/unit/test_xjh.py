"""学籍号: G/J/L shapes, check digits of G and J numbers, building numbers and the provisional
number a new record shows (G for a resident ID, none otherwise)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain import xjh
from desktop.domain.errors import DomainError
from desktop.domain.idnumber import check_digit
from tests.factories import resident_id

BIRTH = dt.date(2017, 3, 5)
RESIDENT = resident_id("440604", BIRTH, 11)


def refusal(text: str) -> str:
    with pytest.raises(DomainError) as caught:
        xjh.parse(text)
    return caught.value.code


def test_g_number_parses() -> None:
    assert xjh.parse("G" + RESIDENT) == "G" + RESIDENT


def test_g_number_ending_in_x_parses_in_lower_case() -> None:
    assert xjh.parse(" g11010520150901002x ") == "G11010520150901002X"


def test_g_number_with_bad_check_digit_is_refused() -> None:
    wrong = RESIDENT[:17] + ("1" if RESIDENT[17] != "1" else "2")
    assert refusal("G" + wrong) == "xjh.checksum"


def test_j_number_with_bad_check_digit_is_refused() -> None:
    good = xjh.j_number("440604", BIRTH, 7)
    wrong = good[:18] + ("1" if good[18] != "1" else "2")
    assert refusal(wrong) == "xjh.checksum"


def test_l_number_has_no_check_digit() -> None:
    for serial in (0, 1, 4321, 9999):
        number = xjh.l_number("440604", BIRTH, serial)
        assert xjh.parse(number) == number


@pytest.mark.parametrize("text", [
    "", "G", "X" + RESIDENT, RESIDENT, "G" + RESIDENT[:17], "G" + RESIDENT + "1",
    "L44060420170305123A", "GG" + RESIDENT[1:],
])
def test_wrong_shapes_are_refused(text: str) -> None:
    assert refusal(text) == "xjh.format"


def test_g_number_is_g_plus_the_id_number() -> None:
    assert xjh.g_number(RESIDENT) == "G" + RESIDENT


def test_l_number_layout() -> None:
    assert xjh.l_number("440604", BIRTH, 42) == "L440604201703050042"
    assert xjh.l_number("440604", BIRTH, 123456) == "L440604201703053456"


def test_j_number_layout_and_check_digit() -> None:
    number = xjh.j_number("440604", BIRTH, 7)
    assert number[:18] == "J44060420170305007"
    assert number[18] == check_digit("44060420170305007")
    assert xjh.parse(number) == number
    assert xjh.j_number("440604", BIRTH, 1007) == number


@pytest.mark.parametrize("sequence", range(0, 1000, 37))
def test_every_j_number_verifies(sequence: int) -> None:
    number = xjh.j_number("110105", BIRTH, sequence)
    assert xjh.parse(number) == number


def test_provisional_number_for_resident_id() -> None:
    number = xjh.provisional_for("1", RESIDENT)
    assert number == xjh.StudentNumber("G" + RESIDENT, provisional=True)
    assert number is not None and number.kind == "G"


@pytest.mark.parametrize(("id_type", "id_number"), [("A", "E12345678"), ("6", "H1234567"),
                                                    ("Z", ""), ("1", "")])
def test_no_provisional_number_without_resident_id(id_type: str, id_number: str) -> None:
    assert xjh.provisional_for(id_type, id_number) is None
