"""desktop.models.json_text.dumps writes exactly the standard library's compact JSON (the
audit chain hashes it): plain data through orjson, everything else through json, checked on
generated data with control characters, astral characters, floats, enums, datetimes, huge
ints and non-str keys."""

from __future__ import annotations

import datetime as dt
import enum
import json
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from desktop.models.json_text import dumps, dumps_utf8, is_plain


class Colour(enum.Enum):
    RED = "red"


class Level(enum.IntEnum):
    ONE = 1


def reference(value: Any, sort_keys: bool) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str,
                      sort_keys=sort_keys)


_texts = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=12)
_scalars = (st.none() | st.booleans() | st.integers() | st.integers(-2**70, 2**70)
            | st.floats(allow_nan=True, allow_infinity=True) | _texts
            | st.dates() | st.datetimes() | st.sampled_from([Colour.RED, Level.ONE]))
_values = st.recursive(_scalars, lambda inner: (
    st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(_texts, inner, max_size=4)
    | st.dictionaries(st.integers(0, 9), inner, max_size=2)), max_leaves=20)


@settings(max_examples=400, deadline=None)
@given(_values, st.booleans())
def test_same_text_as_the_standard_library(value: Any, sort_keys: bool) -> None:
    assert dumps(value, sort_keys=sort_keys) == reference(value, sort_keys)


def test_a_student_payload_is_the_same_text() -> None:
    payload = {"name": "王小明\t", "birth_date": dt.date(2017, 3, 5), "version": 1,
               "xjh_provisional": True, "note": None, "控制": "\x00\x1f\x7f\u2028𠮷",
               "members": [{"name": "王大明", "slot": 1}], "distance": 1e16}
    for sort_keys in (False, True):
        assert dumps(payload, sort_keys=sort_keys) == reference(payload, sort_keys)
        assert dumps({k: v for k, v in payload.items() if k != "distance"},
                     sort_keys=sort_keys) == reference(
            {k: v for k, v in payload.items() if k != "distance"}, sort_keys)


def _reference_plain(value: Any) -> bool:
    """Plain data by its definition, one value at a time (a dict's keys are left to orjson)."""
    if type(value) in (str, int, bool, type(None), dt.date):
        return True
    if type(value) is dict:
        return all(map(_reference_plain, value.values()))
    if type(value) in (list, tuple):
        return all(map(_reference_plain, value))
    return False


@settings(max_examples=300, deadline=None)
@given(_values)
def test_is_plain_says_what_the_definition_says(value: Any) -> None:
    assert is_plain(value) is _reference_plain(value)


@settings(max_examples=200, deadline=None)
@given(_values, st.booleans())
def test_a_value_known_plain_is_the_same_text(value: Any, sort_keys: bool) -> None:
    """The caller that asked is_plain already passes its answer: the same text either way."""
    assert dumps(value, sort_keys=sort_keys, plain=is_plain(value)) == reference(value, sort_keys)


class _Key(str):
    pass


def test_keys_orjson_refuses_go_to_the_standard_library() -> None:
    """is_plain does not look at keys: a key that is not exactly a str makes orjson refuse,
    and the standard library writes the value."""
    for value in ({1: "a", 3: [2]}, {_Key("k"): dt.date(2017, 3, 5)}, [{"x": {2: None}}]):
        assert is_plain(value)
        for sort_keys in (False, True):
            assert dumps(value, sort_keys=sort_keys, plain=True) == reference(value, sort_keys)


@settings(max_examples=200, deadline=None)
@given(_values, st.booleans())
def test_the_utf8_text_is_the_text_encoded(value: Any, sort_keys: bool) -> None:
    """What the audit chain hashes: the same text as `dumps`, as UTF-8, or the same refusal
    of a lone surrogate."""
    try:
        expected: bytes | str = reference(value, sort_keys).encode("utf-8")
    except UnicodeEncodeError:
        expected = "refused"
    try:
        got: bytes | str = dumps_utf8(value, sort_keys=sort_keys)
    except UnicodeEncodeError:
        got = "refused"
    assert got == expected
