"""The quick pass of the workbook guard: a block of sheet XML whose cells all carry a plain
reference (`<c r="BS10001"`, as Excel, WPS and every writer we know put it) is measured by
one regular-expression search instead of reading every reference.

The largest row and column seen so far (or in the block's last plain cell, if larger) are
taken as the extent; one search then looks for any cell tag that would prove it wrong: one
whose reference is not, right after `<c `, a plain column up to the largest followed by a
plain row up to the largest. Found nothing, the extent is exact; found something, the
caller measures the block reference by reference.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PLAIN = b'<c r="'
_PLAIN_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"')
_CELL = re.compile(rb"<c[\s/>]")


def plain_extent(data: bytes, rows: int, columns: int) -> tuple[int, int] | None:
    """(last row, last column) of the cells in `data` together with the extent (`rows`,
    `columns`) seen before, when every cell tag has a plain reference; else None."""
    at = data.rfind(_PLAIN)
    if at == -1:
        return None if _CELL.search(data) else (rows, columns)
    last = _PLAIN_REF.match(data, at)
    if last is None:
        return None
    rows = max(rows, int(last.group(2)))
    columns = max(columns, column_number(last.group(1)))
    if _outside(rows, columns).search(data):
        return None
    return rows, columns


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
    return re.compile(rf'<c(?=[\s/>])(?! r="(?:{column})(?:{row})")'.encode())


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
