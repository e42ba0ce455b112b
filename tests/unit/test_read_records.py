"""Reading many rows at once (desktop.domain.record.read_records) gives, row for row, what
read_record gives: values, family members, school code and every error in the same order,
on rows that share their headers or not, with spoiled, empty, repeated and non-text cells
(numbers, lists and objects from JSON among them)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain import record
from desktop.domain.record import read_record, read_records
from tests.factories import valid_row
from tests.fuzz import profile

BASE = valid_row()
HEADERS = [*BASE, "备注", "学籍号", "#说明"]
SPOILED = st.sampled_from(["", " ", "abc", "20171301", "２０１７-３-５", "男 ", "其他", "99",
                           "1" * 19, "440604000000", "<b>", "王\u200b明", "x", "否", "是",
                           "13800138000", "父亲", "汉族", "三年级（2）班", "2017.3.5"])
CELL = st.one_of(SPOILED, st.text(max_size=6),
                 st.sampled_from([None, 3.5, 12, True, 20170305.0, ["王小明"], {"a": 1}]))


@st.composite
def rows(draw: st.DrawFn) -> list[dict[str, Any]]:
    layouts = draw(st.lists(st.lists(st.sampled_from(HEADERS), unique=True, min_size=1),
                            min_size=1, max_size=3))
    layouts.append(list(BASE))
    made = []
    for seq in range(draw(st.integers(1, 12))):
        headers = layouts[draw(st.integers(0, len(layouts) - 1))]
        good = valid_row(name=draw(st.sampled_from(["王小明", "李雷", "韩梅梅"])),
                         birth=dt.date(2016, 1, 1) + dt.timedelta(days=seq * 37), seq=seq + 11)
        row = {h: good.get(h, "") for h in headers}
        for header in draw(st.lists(st.sampled_from(headers), max_size=4)):
            row[header] = draw(CELL)
        made.append(row)
    return made


@profile.quick(150)
@given(batch=rows())
def test_the_same_records_as_one_at_a_time(batch: list[dict[str, Any]]) -> None:
    expected = [read_record(dict(row)) for row in batch]
    assert read_records(batch) == expected
    assert read_records(batch) == expected  # with the memo of texts already read


def test_the_rows_are_not_changed() -> None:
    batch = [valid_row(), {**valid_row(seq=12), "姓名": "  "}]
    copies = [dict(row) for row in batch]
    read_records(batch)
    assert batch == copies


def test_a_text_in_several_cells_of_a_row_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A family's one address, written in the pupil's three address cells and each member's,
    is parsed once; every cell gets the value, and the next row reads it from the memo."""
    address = "云南省大理州宾川县金牛镇新庄村委会下村17号"
    rows = [{**valid_row(seq=seq + 11), "现住址": address, "通信地址": address, "家庭地址": address,
             "成员1现住址": address} for seq in range(2)]
    read = []
    original = record.parse_cell
    monkeypatch.setattr(record, "parse_cell",
                        lambda spec, raw: read.append(raw) or original(spec, raw))
    found = read_records(rows)
    assert read.count(address) == 1
    assert {r.values[key] for r in found for key in ("current_address", "mailing_address",
                                                     "home_address")} == {address}
    assert [r.members[0]["address"] for r in found] == [address, address]
