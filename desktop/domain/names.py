"""Pinyin and initials of names for search and sorting, honouring surname readings.

pypinyin reads 单 as dan and 曾 as ceng; as surnames they are shan and zeng. Compound
surnames (欧阳 "ou yang", 尉迟 "yu chi" …; syllables separated by spaces) and the
readings of rare characters outside the BMP (𠮷 ji) come from
resources/names/.

pypinyin takes 0.2 s of CPU to load, so what it reads for every character it knows and for the
first two characters of every phrase it reads as a whole is kept in
resources/names/pinyin_table.json (tools/build_pinyin_table.py; a test checks it against the
installed pypinyin): a name of one- and two-character parts is read without loading it.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import NamedTuple

from desktop.domain.data import read_json, read_rows


@cache
def _surnames() -> dict[str, str]:
    return {row["surname"]: row["pinyin"] for row in read_rows("names/surname_readings.csv")}


@cache
def _char_readings() -> dict[str, str]:
    return {row["char"]: row["pinyin"] for row in read_rows("names/char_readings.csv")}


def split_surname(name: str) -> tuple[str, str]:
    """(surname, given name); a listed compound surname is taken as a whole."""
    if len(name) > 2 and name[:2] in _surnames():
        return name[:2], name[2:]
    return name[:1], name[1:]


@cache
def _pinyin_table() -> dict[str, str]:
    """pypinyin's reading of each character it knows and of the first two characters of each
    phrase it reads as a whole (syllables joined by spaces)."""
    readings: dict[str, str] = read_json("names/pinyin_table.json")["readings"]
    return readings


@lru_cache(maxsize=65536)
def _syllables(text: str) -> tuple[str, ...]:
    known = _pinyin_table().get(text)
    if known is not None:
        pieces = known.split(" ")
    elif len(text) == 2:
        # No phrase starts with these two characters (the table holds every such start), so
        # pypinyin's segmenter reads them one by one: the same syllables as each read alone
        # (and each is kept in this cache).
        return _syllables(text[0]) + _syllables(text[1])
    elif len(text) < 2:
        pieces = [text]  # pypinyin reads a character it does not know as that character
    else:
        pieces = _pypinyin(text)
    readings = _char_readings()
    out: list[str] = []
    for piece in pieces:
        reading = readings.get(piece, piece)
        if reading.isascii() and reading.isalpha():
            out.append(reading.lower())
    return tuple(out)


def _pypinyin(text: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin  # 0.2 s to load: only for what the table lacks

    # errors=list keeps a run of non-Chinese text as its characters
    return lazy_pinyin(text, style=Style.NORMAL, errors=list)  # type: ignore[arg-type]  # pypinyin accepts a callable returning a list; its hint says str


def syllables(name: str) -> list[str]:
    """Pinyin syllables of a personal name, surname read as a surname."""
    surname, given = split_surname(name.strip())
    listed = _surnames().get(surname)
    head = listed.split() if listed else list(_syllables(surname))
    return head + list(_syllables(given))


def pinyin_key(name: str) -> str:
    """'wangxiaoming': the sort and search key."""
    return "".join(syllables(name))


def initials(name: str) -> str:
    """'wxm': first letters, for typing a few keys to find a pupil."""
    return "".join(s[0] for s in syllables(name) if s)


def display_pinyin(name: str) -> str:
    """'Wang Xiaoming' for 姓名拼音 (item 14): surname, space, given name."""
    surname, given = split_surname(name.strip())
    listed = _surnames().get(surname)
    head = listed.replace(" ", "") if listed else "".join(_syllables(surname))
    tail = "".join(_syllables(given))
    return " ".join(part.capitalize() for part in (head, tail) if part)


class NameForms(NamedTuple):
    """What a pupil's row keeps of its name: `pinyin_key`, `initials`, `display_pinyin`."""

    key: str
    initials: str
    display: str


@lru_cache(maxsize=65536)
def name_forms(name: str) -> NameForms:
    """The three forms of `name` from one reading (each the same as its own function's)."""
    surname, given = split_surname(name.strip())
    listed = _surnames().get(surname)
    head = listed.split() if listed else list(_syllables(surname))
    tail = _syllables(given)
    spoken = head + list(tail)
    head_text = listed.replace(" ", "") if listed else "".join(head)
    display = " ".join(part.capitalize() for part in (head_text, "".join(tail)) if part)
    return NameForms("".join(spoken), "".join(s[0] for s in spoken if s), display)
