"""The quick pass of the workbook guard: a block of sheet XML whose cells all carry a plain
reference (`<c r="BS10001"`, as Excel, WPS and every writer we know put it) is measured by
one regular-expression search instead of reading every reference.

The largest row and column seen so far (or in the block's last cell, if larger) are taken as
the extent; one search then looks for any cell that would prove it wrong: a reference not in
the plain form, a column after the largest or a row below it. Found nothing, the extent is
exact; found something, the caller measures the block reference by reference as before.
"""

from __future__ import annotations

import re
from functools import lru_cache

_PLAIN = b'<c r="'
_PLAIN_REF = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"')


def plain_extent(data: bytes, cells: int, rows: int, columns: int,
                 plain: int | None = None) -> tuple[int, int] | None:
    """(last row, last column) of the `cells` cell tags in `data` together with the extent
    (`rows`, `columns`) seen before, when every cell has a plain reference; else None.
    `plain`: how many `<c r="` the block holds, if the caller has counted them."""
    if not cells:
        return rows, columns
    if (data.count(_PLAIN) if plain is None else plain) != cells:
        return None
    last = _PLAIN_REF.match(data, data.rfind(_PLAIN))
    if last is None:
        return None
    rows = max(rows, int(last.group(2)))
    columns = max(columns, column_number(last.group(1)))
    if _beyond(rows, columns).search(data):
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
def _beyond(rows: int, columns: int) -> re.Pattern[bytes]:
    """A cell tag whose reference is not plain, or lies after `columns` or below `rows`."""
    later_column = _greater(_column_letters(columns), "Z", "[A-Z]")
    lower_row = _greater(str(rows), "9", r"\d")
    pattern = (rf'<c r="(?:(?![A-Z]{{1,3}}\d{{1,7}}")|(?:{later_column})\d'
               rf'|[A-Z]+(?:{lower_row})")')
    return re.compile(pattern.encode())


def _greater(text: str, last: str, any_char: str) -> str:
    """A pattern for every string of `any_char` (up to `last`) that is longer than `text` or
    as long and larger at some place: for digits without leading zeros and for column
    letters, every larger number (a longer string with leading zeros too, which is safe)."""
    options = [f"{any_char}{{{len(text) + 1},}}"]
    for place, char in enumerate(text):
        if char != last:
            higher = chr(ord(char) + 1)
            options.append(f"{re.escape(text[:place])}[{higher}-{last}]"
                           f"{any_char}{{{len(text) - place - 1}}}")
    return "|".join(options)
