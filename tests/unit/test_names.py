"""Pinyin keys, initials and display pinyin of personal names: surname readings (单 shan,
曾 zeng), compound surnames (欧阳), rare characters outside the BMP read from resources/."""

from __future__ import annotations

import pytest

from desktop.domain.names import display_pinyin, initials, pinyin_key, split_surname


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
