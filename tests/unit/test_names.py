"""Pinyin keys, initials and display pinyin of personal names: surname readings (单 shan,
曾 zeng), compound surnames (欧阳), rare characters outside the BMP read from resources/."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.grades import SchoolSystem
from desktop.domain.names import (
    display_pinyin,
    initials,
    name_forms,
    pinyin_key,
    split_surname,
)
from desktop.services.importing.demo import demo_rows
from tests.unit.pypinyin_reading import pypinyin_reading


def test_plain_name() -> None:
    assert pinyin_key("王小明") == "wangxiaoming"
    assert initials("王小明") == "wxm"
    assert display_pinyin("王小明") == "Wang Xiaoming"


@pytest.mark.parametrize(("name", "key", "first"), [
    ("单田芳", "shantianfang", "s"), ("曾国藩", "zengguofan", "z"), ("解晓东", "xiexiaodong", "x"),
])
def test_surname_readings(name: str, key: str, first: str) -> None:
    assert pinyin_key(name) == key
    assert initials(name)[0] == first


def test_surname_reading_applies_only_to_the_surname() -> None:
    assert pinyin_key("王单") == "wangdan"


def test_compound_surname() -> None:
    assert split_surname("欧阳修") == ("欧阳", "修")
    assert initials("欧阳修").startswith("oy")
    assert pinyin_key("欧阳修") == "ouyangxiu"
    assert display_pinyin("欧阳修") == "Ouyang Xiu"


def test_compound_surname_reading_from_resources() -> None:
    assert pinyin_key("尉迟恭") == "yuchigong"


def test_two_character_name_with_compound_surname_chars_is_not_split() -> None:
    assert split_surname("欧阳") == ("欧", "阳")


def test_rare_character_outside_the_bmp() -> None:
    assert ord("𠮷") > 0xFFFF
    assert pinyin_key("𠮷祥") == "jixiang"
    assert initials("王𠮷") == "wj"
    assert display_pinyin("𠮷力") == "Ji Li"


def test_surrounding_spaces_are_ignored() -> None:
    assert pinyin_key(" 王小明 ") == "wangxiaoming"


def test_single_character_name() -> None:
    assert display_pinyin("单") == "Shan"
    assert initials("曾") == "z"



def test_two_characters_read_one_by_one_read_as_pypinyin_reads_them_together() -> None:
    """Given names of two characters that start no phrase are read character by character
    (cached); the result is what pypinyin gives for the pair, phrase or not."""
    import random

    from desktop.domain.data import read_rows

    pool = sorted({row["char"] for name in ("demo/given_chars.csv", "demo/rare_chars.csv",
                                            "names/char_readings.csv")
                   for row in read_rows(name)} | set("ab·"))
    rng = random.Random(19)
    pairs = ["".join(rng.choice(pool) for _ in range(2)) for _ in range(4000)]
    pairs += ["长城", "银行", "朝阳", "重庆", "单于", "𠮷祥"]
    assert {pair: pinyin_key("王" + pair) for pair in pairs} == {
        pair: "wang" + "".join(pypinyin_reading(pair)) for pair in pairs}


def test_name_forms_are_the_three_readings_each_function_gives() -> None:
    """One reading for the row's three name columns: the same as pinyin_key, initials and
    display_pinyin, for listed and compound surnames, rare characters and odd spacing."""
    rows = demo_rows(SchoolSystem.parse("6-3-3", "小学,初中"), "4406040001", 400, 2026,
                     dt.date(2026, 12, 7))
    names = [row["姓名"] for row in rows]
    names += ["欧阳娜娜", "尉迟恭", "单田芳", "曾小贤", " 王 小明 ", "𠮷野", "单", "欧阳", "A", ""]
    for name in names:
        assert name_forms(name) == (pinyin_key(name), initials(name), display_pinyin(name)), name
