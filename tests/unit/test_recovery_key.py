"""The printed recovery key: 14 groups of 4 Crockford base32 characters with a checksum;
round trip, tolerant reading (case, I/L/O, separators) and mistyped keys caught."""

from __future__ import annotations

import random
import re

import pytest

from desktop.domain import recovery_key
from desktop.domain.errors import DomainError

SHAPE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){13}")


def key_with_ones_and_zeros() -> tuple[bytes, str]:
    """A data key whose printed form contains both '1' and '0' (so I/L/O can stand in)."""
    rng = random.Random(20261126)
    while True:
        key = rng.randbytes(32)
        text = recovery_key.encode(key)
        if "1" in text and "0" in text:
            return key, text


def refusal(text: str) -> str:
    with pytest.raises(DomainError) as caught:
        recovery_key.decode(text)
    return caught.value.code


@pytest.mark.parametrize("seed", range(5))
def test_round_trip_with_fourteen_groups(seed: int) -> None:
    key = random.Random(seed).randbytes(32)
    text = recovery_key.encode(key)
    assert SHAPE.fullmatch(text), text
    assert len(text.split("-")) == 14
    assert recovery_key.decode(text) == key


@pytest.mark.parametrize("key", [bytes(32), b"\xff" * 32])
def test_extreme_keys_round_trip(key: bytes) -> None:
    assert recovery_key.decode(recovery_key.encode(key)) == key


def test_decoding_ignores_case() -> None:
    key, text = key_with_ones_and_zeros()
    assert recovery_key.decode(text.lower()) == key


def test_i_l_o_are_read_as_one_one_zero() -> None:
    key, text = key_with_ones_and_zeros()
    assert recovery_key.decode(text.replace("1", "I").replace("0", "O")) == key
    assert recovery_key.decode(text.replace("1", "l").replace("0", "o")) == key


def test_hyphens_and_spaces_are_ignored() -> None:
    key, text = key_with_ones_and_zeros()
    assert recovery_key.decode(text.replace("-", "")) == key
    assert recovery_key.decode(text.replace("-", " ")) == key
    assert recovery_key.decode("  " + text.replace("-", " - ") + "\n") == key


def test_every_single_changed_character_is_caught() -> None:
    _key, text = key_with_ones_and_zeros()
    plain = text.replace("-", "")
    alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
    for position, char in enumerate(plain):
        other = alphabet[(alphabet.index(char) + 1) % 32]
        typo = plain[:position] + other + plain[position + 1:]
        assert refusal(typo) == "recovery.checksum", position


def test_swapped_neighbours_are_caught() -> None:
    _key, text = key_with_ones_and_zeros()
    plain = text.replace("-", "")
    position = next(i for i in range(55) if plain[i] != plain[i + 1])
    swapped = plain[:position] + plain[position + 1] + plain[position] + plain[position + 2:]
    assert refusal(swapped) == "recovery.checksum"


def test_missing_group_is_a_format_error() -> None:
    _key, text = key_with_ones_and_zeros()
    with pytest.raises(DomainError) as caught:
        recovery_key.decode(text.rsplit("-", 1)[0])
    assert caught.value.code == "recovery.format"
    assert caught.value.params["length"] == 52


def test_extra_character_is_a_format_error() -> None:
    _key, text = key_with_ones_and_zeros()
    assert refusal(text + "A") == "recovery.format"


def test_character_outside_the_alphabet_is_a_format_error() -> None:
    _key, text = key_with_ones_and_zeros()
    assert refusal("U" + text[1:]) == "recovery.format"


def test_only_32_byte_keys_are_encoded() -> None:
    with pytest.raises(ValueError):
        recovery_key.encode(bytes(31))
