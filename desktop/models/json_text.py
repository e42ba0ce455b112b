"""Compact JSON text, byte for byte what the standard library writes, made faster by orjson.

The audit chain hashes JSON text and the outbox stores it, so the text must never change:
`dumps` gives exactly `json.dumps(value, ensure_ascii=False, separators=(",", ":"),
default=str, sort_keys=…)`. orjson writes the same text for plain data (str, int, bool, None,
dates, lists, tuples, dicts); anything else (floats, whose exponents and NaN it writes
differently, enums, datetimes, subclasses) goes to the standard library, and so does what
orjson refuses (a key that is not a str, huge ints, lone surrogates).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import orjson

_SCALARS = frozenset((str, int, bool, type(None), dt.date))
_SORTED = orjson.OPT_SORT_KEYS


def dumps(value: Any, *, sort_keys: bool = False, plain: bool | None = None) -> str:
    """`plain`: what `is_plain(value)` says, when the caller asked it already."""
    made = _orjson(value, sort_keys, plain)
    return made.decode() if made is not None else _standard(value, sort_keys)


def dumps_utf8(value: Any, *, sort_keys: bool = False, plain: bool | None = None) -> bytes:
    """`dumps(...)` encoded as UTF-8 (what a hash reads), without decoding orjson's bytes
    first. Text that cannot be UTF-8 (a lone surrogate) raises UnicodeEncodeError."""
    made = _orjson(value, sort_keys, plain)
    return made if made is not None else _standard(value, sort_keys).encode("utf-8")


def _orjson(value: Any, sort_keys: bool, plain: bool | None) -> bytes | None:
    """orjson's UTF-8 text of plain data; None for anything else or what orjson refuses (a
    key that is not a str, an int beyond 64 bits, a lone surrogate)."""
    if not (plain if plain is not None else _plain(value)):
        return None
    try:
        return orjson.dumps(value, option=_SORTED if sort_keys else 0)
    except (TypeError, ValueError):
        return None


def _standard(value: Any, sort_keys: bool) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str,
                      sort_keys=sort_keys)


def is_plain(value: Any) -> bool:
    """Plain data: str, int, bool, None and dates (exact types), in lists, tuples and dicts:
    what orjson writes as the standard library does. A dict's keys are not looked at: orjson
    refuses any key but a str, and `dumps` then writes the value with the standard library."""
    return _plain(value)


def _plain(value: Any) -> bool:
    kind = value.__class__
    if kind in _SCALARS:
        return True
    if kind is dict:
        items = value.values()
    elif kind is list or kind is tuple:
        items = value
    else:
        return False
    if set(map(type, items)) <= _SCALARS:  # the common case, checked in C
        return True
    return all(_plain(item) for item in items if item.__class__ not in _SCALARS)
