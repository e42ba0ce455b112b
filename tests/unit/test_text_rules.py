"""The one rule for free text (desktop.domain.text_rules) as every way in meets it through
`read_record`: control characters, direction overrides, lone surrogates and the escape forms
`_xHHHH_` / `&#x1;` are refused naming the column; a name holds letters, the middle dot and
spaces; tabs and line breaks in an address become spaces. Hypothesis puts every control
character and escape form into cells."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.errors import DomainError
from desktop.domain.fields import ALL_STUDENT_FIELDS, MEMBER_FIELDS, FieldSpec
from desktop.domain.record import read_record
from desktop.domain.text_rules import (
    NAME_KEYS,
    check_raw,
    check_text,
    clean_text,
    record_problems,
    text_problem,
)
from desktop.domain.values import parse_cell, parse_text
from desktop.messages import describe
from tests.factories import valid_row
from tests.fuzz import profile

CONTROLS = [chr(c) for c in (*range(0x20), 0x7F, *range(0x80, 0xA0))]
BIDI = [chr(c) for c in (0x061C, 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))]
LAYOUT = {"\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f", "\x85"}
ESCAPES = ["_x0000_", "_x001B_", "_x202e_", "&#x1;", "&#X1B;", "&#7;", "&#8238;"]
UNSAFE = [*CONTROLS, *BIDI, "\ud800", "\udfff"]
TEXT_ITEMS = ("姓名", "现住址", "成员1姓名", "成员1工作单位", "特长", "曾用名")


def problems(row: dict[str, object]) -> dict[str, str]:
    return {e.field: e.code for e in read_record(row).blocking}


@pytest.mark.parametrize("char", [c for c in UNSAFE if c not in LAYOUT], ids=lambda c: f"U+{ord(c):04X}")
@pytest.mark.parametrize("header", TEXT_ITEMS)
def test_every_control_and_direction_character_is_refused(header: str, char: str) -> None:
    row = valid_row()
    row[header] = "王" + char + "明" if "姓名" in header or header == "曾用名" else "人民路" + char + "1号"
    assert problems(row) == {header: "text.control"}


@pytest.mark.parametrize("escape", ESCAPES)
@pytest.mark.parametrize("header", ("现住址", "成员1工作单位", "特长"))
def test_escape_forms_are_refused(header: str, escape: str) -> None:
    row = valid_row()
    row[header] = "人民路" + escape + "1号"
    assert problems(row) == {header: "text.escape"}


@pytest.mark.parametrize("char", sorted(LAYOUT))
def test_tabs_and_line_breaks_in_an_address_become_spaces(char: str) -> None:
    record = read_record({**valid_row(), "现住址": f"人民路{char}1号"})
    assert not record.blocking and record.values["current_address"] == "人民路 1号"


@pytest.mark.parametrize(("name", "ok"), [
    ("王小明", True), ("阿卜杜·热合曼", True), ("玛丽 安", True), ("𠮷野家", True),
    ("王1", False), ("=HYPERLINK(1)", False), ("王小明!", False), ("王_x", False)])
def test_a_name_holds_letters_the_middle_dot_and_spaces(name: str, ok: bool) -> None:
    found = problems({**valid_row(), "姓名": name})
    assert (found == {}) is ok, found
    if not ok:
        assert found == {"姓名": "name.chars"}
        assert "间隔号" in describe("name.chars", {"char": "1"})


def test_an_address_may_hold_punctuation() -> None:
    assert problems({**valid_row(), "现住址": '=HYPERLINK("http://x?"&B2,"点")'}) == {}


def test_sync_shaped_records_are_checked_member_by_member() -> None:
    record = {"name": "王小明", "home_address": "人民路\u202e1号",
              "members": [{"slot": 1, "name": "王\x07大明"}, {"slot": 2, "name": "李·梅"}]}
    assert [(key, p.code) for key, p in record_problems(record)] == [
        ("home_address", "text.control"), ("members.1.name", "text.control")]


UNSAFE_BITS = st.sampled_from(UNSAFE + ESCAPES)
PLAIN = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@profile.quick(300)
@given(before=PLAIN, bit=UNSAFE_BITS, after=PLAIN, header=st.sampled_from(TEXT_ITEMS))
def test_any_cell_with_an_unsafe_character_or_escape_is_refused(
        before: str, bit: str, after: str, header: str) -> None:
    """Whatever surrounds it, a control character (other than the layout ones, which become
    spaces), a direction mark, a surrogate or an escape is never stored."""
    value = before + bit + after
    record = read_record({**valid_row(), header: value})
    stored = [v for v in (*record.values.values(), *(m for ms in record.members
                                                      for m in ms.values())) if isinstance(v, str)]
    assert all(text_problem(v) is None for v in stored), stored
    if bit not in LAYOUT:
        assert header in {e.field for e in record.blocking}


@profile.quick(300)
@given(text=st.text(max_size=40))
def test_cleaning_leaves_nothing_the_rule_refuses(text: str) -> None:
    assert text_problem(clean_text(text)) is None
    assert text_problem(clean_text(text, keep_layout=True).replace("\t", " ").replace("\n", " ")) is None


@pytest.mark.parametrize("nested", ["_x0_x0000_000_", "&#&#x1;x1;", "_x00\x0700_"])
def test_cleaning_does_not_leave_an_escape_made_of_two_halves(nested: str) -> None:
    assert text_problem(clean_text(nested)) is None



def _slow_parse(spec: FieldSpec, text: str) -> object:
    """A text cell read as before the one-search fast path: every check on every cell."""
    check_raw(text)
    value = parse_text(text)
    if spec.max_len and len(value) > spec.max_len:
        raise DomainError("text.too_long", max_len=spec.max_len)
    check_text(value, name=spec.key in NAME_KEYS)
    return value


def _outcome(parse: Callable[[FieldSpec, str], object], spec: FieldSpec, text: str) -> object:
    try:
        return parse(spec, text)
    except DomainError as error:
        return error.code, error.params


_TEXT_SPECS = [s for s in (*ALL_STUDENT_FIELDS, *MEMBER_FIELDS)
               if s.kind == "text" and s.key in ("name", "former_name", "address", "employer")]
_PIECES = st.sampled_from([*UNSAFE, *LAYOUT, *ESCAPES, "_x", "&#", "_", "x", "&", "#", " ",
                           "\u3000", "\xa0", "王", "·", "1", "a", "X", "-", "𫝦", "\ue000"])


@profile.quick(300)
@given(st.lists(_PIECES, min_size=1, max_size=12).map("".join))
def test_the_one_search_fast_path_reads_text_cells_as_every_check_did(text: str) -> None:
    """A cell with nothing suspicious skips the checks it would pass; any other cell meets
    them all: the value or the error is the same as with every check, for names and others."""
    assert len(_TEXT_SPECS) >= 3
    for spec in _TEXT_SPECS:
        if text.strip():
            assert _outcome(parse_cell, spec, text) == _outcome(_slow_parse, spec, text), spec.key


_DIGIT_SPECS = [s for s in (*ALL_STUDENT_FIELDS, *MEMBER_FIELDS) if s.kind in ("phone", "postcode")]


@profile.quick(300)
@given(st.text(st.sampled_from("0123456789-+ ١٢３²"), min_size=1, max_size=24))
def test_a_plain_number_reads_as_its_parser_reads_it(text: str) -> None:
    """Phone numbers and postcodes of ASCII digits alone are taken as they are: the value or
    the error is the one the full parser gives (a leading space sends the text to it)."""
    assert {s.kind for s in _DIGIT_SPECS} == {"phone", "postcode"}
    for spec in _DIGIT_SPECS:
        assert _outcome(parse_cell, spec, text) == _outcome(parse_cell, spec, " " + text)
