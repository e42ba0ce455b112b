"""The quick pass of the workbook guard: a block of sheet XML whose cells all carry a plain
reference (`<c r="BS10001"`, as Excel, WPS and every writer we know put it) is measured by
one regular-expression search instead of reading every reference.

The largest row and column seen so far (or in the block's last plain cell, if larger) are
taken as the extent; one search then looks for any cell tag that would prove it wrong: one
that is not, whole, `<c r="` with a plain column up to the largest and a plain row up to the
largest, then only the short attributes writers put there (`s`, `t`…) and `>`. Found
nothing, the extent is exact; found something, the caller reads the part as XML
(desktop.exchange.cell_walk).
"""

from __future__ import annotations

import re
from functools import lru_cache

_PLAIN = b'<c r="'
_PLAIN_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"')
_PLAIN_REF_WHOLE = re.compile(rb'<c r="([A-Z]{1,3}\d{1,7})"')
_CELL = re.compile(rb"<c[\s/>]")
_LETTERS, _DIGITS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ", b"0123456789"
_LAST_ROW, _LAST_COLUMN = 9_999_999, 18_278  # the furthest a plain reference can write (ZZZ)
# After the reference, a plain cell tag has only short lower-case attributes whose name does
# not start with r (s, t, cm, vm, ph), each after one space, with a double-quoted value holding
# no < or >, and then ends: a second `r`, a `>` inside a value, a tag cut short by the end of
# the block are of another shape, and the caller then reads the part as XML.
_OTHER_ATTRIBUTES = '(?: [a-qs-z][a-z]{0,2}="[^"<>]*+")*+'


def plain_extent(data: bytes, rows: int, columns: int) -> tuple[int, int] | None:
    """(last row, last column) of the cells in `data` together with the extent (`rows`,
    `columns`) seen before, when every cell tag is of the plain form; else None."""
    at = data.rfind(_PLAIN)
    if at == -1:
        return None if _CELL.search(data) else (rows, columns)
    last = _PLAIN_REF.match(data, at)
    if last is None:
        return None
    rows = max(rows, int(last.group(2)))
    columns = max(columns, column_number(last.group(1)))
    if not _outside(rows, columns).search(data):
        return rows, columns
    if _outside(_LAST_ROW, _LAST_COLUMN).search(data):
        return None  # a cell tag of another shape
    return _largest(data, rows, columns)  # plain cells, some beyond the block's last one


def _largest(data: bytes, rows: int, columns: int) -> tuple[int, int]:
    """The extent of plainly referenced cells, every reference read (C-level passes only: a
    block of a megabyte holds some 30,000)."""
    joined = b" ".join(_PLAIN_REF_WHOLE.findall(data))
    rows = max(rows, *map(int, joined.translate(None, _LETTERS).split()))
    letters = set(joined.translate(None, _DIGITS).split())
    return rows, max(columns, *map(column_number, letters))


def column_number(letters: bytes) -> int:
    """A=1, Z=26, AA=27, … of upper-case column letters."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


@lru_cache(maxsize=64)
def _outside(rows: int, columns: int) -> re.Pattern[bytes]:
    """A cell tag whose reference is not a plain column up to `columns` then a plain row up
    to `rows` (a row with a leading zero counts as outside: the caller then measures)."""
    column = _at_most(_column_letters(columns), "A", "Z", first="A")
    row = _at_most(str(rows), "0", "9", first="1")
    return re.compile(rf'<c(?=[\s/>])(?! r="(?:{column})(?:{row})"{_OTHER_ATTRIBUTES}/?>)'.encode())




def _at_most(text: str, low: str, high: str, *, first: str) -> str:
    """A pattern for every string of characters `low`..`high`, its first not below `first`,
    that is shorter than `text`, or as long and not larger: for column letters, and for row
    numbers without a leading zero, every number up to the one `text` writes."""
    any_char = f"[{low}-{high}]"
    options = []
    if len(text) > 1:
        options.append(f"[{first}-{high}]{any_char}{{0,{len(text) - 2}}}")
    options.append(text)
    for place, char in enumerate(text):
        floor = first if place == 0 else low
        if char > floor:
            options.append(f"{text[:place]}[{floor}-{chr(ord(char) - 1)}]"
                           f"{any_char}{{{len(text) - place - 1}}}")
    return "|".join(options)
