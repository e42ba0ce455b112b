"""The table of pinyin readings (resources/names/pinyin_table.json) is what the installed
pypinyin reads, entry by entry; names read through it are read exactly as pypinyin reads
them (demo names, the names the other tests use, every given-name character the demo draws
from, rare characters, phrases); and a roster of one- and two-character names is read without
loading pypinyin."""

from __future__ import annotations

import datetime as dt
import itertools
import subprocess
import sys
from pathlib import Path

from desktop.domain.data import read_rows
from desktop.domain.grades import SchoolSystem
from desktop.domain.names import NameForms, _pinyin_table, name_forms, split_surname
from desktop.services.importing.demo import demo_rows
from tests.unit.pypinyin_reading import pypinyin_reading

ROOT = Path(__file__).resolve().parents[2]


def test_table_is_what_the_installed_pypinyin_reads() -> None:
    from pypinyin import Style, lazy_pinyin
    from pypinyin.constants import PHRASES_DICT, PINYIN_DICT

    table = _pinyin_table()
    assert set(table) == {chr(code) for code in PINYIN_DICT} | {p[:2] for p in PHRASES_DICT}, (
        "pypinyin changed: run tools/build_pinyin_table.py")
    differ = [text for text, reading in table.items()
              if reading.split(" ") != lazy_pinyin(text, style=Style.NORMAL, errors=list)]
    assert differ == [], "pypinyin changed: run tools/build_pinyin_table.py"


def test_a_character_pypinyin_does_not_know_is_read_as_itself() -> None:
    """What names.py assumes of a character outside the table, checked on ASCII, punctuation,
    the characters before the CJK blocks and every 5th of the supplementary ideographs."""
    from pypinyin import Style, lazy_pinyin

    table = _pinyin_table()
    points = [*range(0x3400), *range(0x20000, 0x323B0, 5)]
    unknown = [chr(cp) for cp in points if chr(cp) not in table and not 0xD800 <= cp <= 0xDFFF]
    assert len(unknown) > 10_000
    assert [c for c in unknown if lazy_pinyin(c, style=Style.NORMAL, errors=list) != [c]] == []


def _by_pypinyin(name: str) -> NameForms:
    surnames = {row["surname"]: row["pinyin"] for row in read_rows("names/surname_readings.csv")}
    surname, given = split_surname(name.strip())
    listed = surnames.get(surname)
    head = listed.split() if listed else pypinyin_reading(surname)
    tail = pypinyin_reading(given)
    spoken = head + tail
    head_text = listed.replace(" ", "") if listed else "".join(head)
    display = " ".join(part.capitalize() for part in (head_text, "".join(tail)) if part)
    return NameForms("".join(spoken), "".join(s[0] for s in spoken if s), display)


def _names() -> list[str]:
    rows = demo_rows(SchoolSystem.parse("6-3-3", "小学,初中"), "4406040001", 3000, 2026,
                     dt.date(2026, 12, 7))
    names = [row["姓名"] for row in rows] + [row["成员1姓名"] for row in rows]
    chars = sorted({row["char"] for name in ("demo/given_chars.csv", "demo/rare_chars.csv",
                                             "names/char_readings.csv")
                    for row in read_rows(name)})
    names += ["王" + char for char in chars] + ["李" + a + b for a, b in itertools.pairwise(chars)]
    names += ["欧阳娜娜", "尉迟恭", "单田芳", "曾小贤", " 王 小明 ", "𠮷野", "单", "欧阳", "A", "",
              "王长城", "李银行", "张朝阳", "刘重庆", "单于", "𠮷祥", "赵志华", "欧阳修", "王小明",
              "解晓东", "司马相如", "诸葛孔明明", "Anna王", "王·丽", "李a b"]
    return names


def test_names_read_through_the_table_are_read_as_pypinyin_reads_them() -> None:
    names = _names()
    assert len(names) > 3000
    assert {name: name_forms(name) for name in names} == {name: _by_pypinyin(name) for name in names}


def test_a_roster_of_short_names_is_read_without_loading_pypinyin() -> None:
    code = ("import sys, datetime as dt\n"
            "from desktop.domain.grades import SchoolSystem\n"
            "from desktop.domain.names import name_forms\n"
            "from desktop.services.importing.demo import demo_rows\n"
            "rows = demo_rows(SchoolSystem.parse('6-3-3', '小学,初中'), '4406040001', 2000, 2026,"
            " dt.date(2026, 12, 7))\n"
            "forms = [name_forms(row['姓名']) for row in rows]\n"
            "assert len(forms) == 2000 and forms[0].key\n"
            "print(sorted(m for m in sys.modules if m.startswith('pypinyin')))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "[]"
