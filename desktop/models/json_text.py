"""Compact JSON text, byte for byte what the standard library writes, made faster by orjson.

The audit chain hashes JSON text and the outbox stores it, so the text must never change:
`dumps` gives exactly `json.dumps(value, ensure_ascii=False, separators=(",", ":"),
default=str, sort_keys=…)`. orjson writes the same text for plain data (str keys; str, int,
bool, None, dates, lists, tuples, dicts); anything else (floats, whose exponents and NaN it
writes differently, enums, datetimes, subclasses, huge ints, lone surrogates) goes to the
standard library.
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
    if plain if plain is not None else _plain(value):
        try:
            return orjson.dumps(value, option=_SORTED if sort_keys else 0).decode()
        except (TypeError, ValueError):  # an int beyond 64 bits, a lone surrogate
            pass
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str,
                      sort_keys=sort_keys)


def is_plain(value: Any) -> bool:
    """Plain data: str, int, bool, None and dates (exact types), in lists, tuples and dicts
    with str keys: what orjson writes as the standard library does."""
    return _plain(value)


def _plain(value: Any) -> bool:
    kind = value.__class__
    if kind in _SCALARS:
        return True
    if kind is dict:
        if not set(map(type, value)) <= _STR:
            return False
        items = value.values()
    elif kind is list or kind is tuple:
        items = value
    else:
        return False
    if set(map(type, items)) <= _SCALARS:  # the common case, checked in C
        return True
    return all(_plain(item) for item in items if item.__class__ not in _SCALARS)


_STR = frozenset((str,))
