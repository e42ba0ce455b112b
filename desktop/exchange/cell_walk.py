"""The careful measure of one package part whose cells are not all plainly referenced (the
workbook guard's second pass, after desktop.exchange.ref_bounds found a cell of another shape).

The part is read as XML by expat, block by block, so a tag is what an XML reader takes it to
be: a `>` or a decoy ` r='A1'` inside a quoted value is part of that value, a tag cut at a
block boundary is read whole, a `<row>` with no attributes swallows nothing. Every `row` and
`c` element (with or without a namespace prefix) places its cells as calamine does, or
further, never nearer:

- a cell with a reference is at that row and column; the column of the next cell without one
  is one more, and never less than one more than the cell before (cells going back are
  counted forward);
- a cell without a reference is one column after the cell before, in the current row (row 1
  before any `row`);
- a `row` without a reference is one below every row seen so far; a row's start leaves the
  column counting on (calamine does where the row has no reference);
- after the end of a row the next cell is one below every row seen so far, at column 1;
- an element with several `r` attributes is refused by expat as not well-formed.

A part expat cannot read (not well-formed, a DTD, an encoding it does not know, a binary
part) is measured roughly instead: every reference anywhere in it counts, every cell tag is
taken to add a column and every row tag, start or end, a row. A real worksheet of that kind
is refused unless it is small; a picture or other binary part holds almost no such tags.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.parsers import expat

from desktop.exchange.ref_bounds import column_number

Stream = Callable[[Callable[[bytes], None]], object]

_REF = re.compile(r"\s*([A-Za-z]*)(\d*)\s*")
_FAR = 10**9  # a row or column further than any sheet: refused whatever the other is
_MAX_TAG = 1 << 20
_ROUGH_TAG = re.compile(rb"<(/?)(?:[\w.-]+:)*(row|c)[\s/>]")
_ROUGH_REF = re.compile(rb"""(?<![\w.-])[rR]\s*=\s*["']?\s*([A-Za-z]*)(\d*)""")


class _Malformed(Exception):
    """The part cannot be read as XML the way a worksheet is."""


def careful_extent(stream: Stream) -> tuple[int, int]:
    """(rows, columns) the cells of the part that `stream` feeds address, measured with expat
    or, when that fails, roughly (see the module's docstring)."""
    walk = _Walk()
    try:
        stream(walk.feed)
        walk.finish()
    except (expat.ExpatError, _Malformed):
        rough = _Rough()
        stream(rough.feed)
        return rough.finish()
    return walk.rows, walk.columns


class _Walk:
    """Rows and cells in document order, as an XML reader sees them."""

    def __init__(self) -> None:
        self.rows = self.columns = 0
        self._row = 1  # the current row
        self._last_row = 0  # the furthest row seen, of row elements and cells alike
        self._column = 0
        parser = expat.ParserCreate()
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.StartDoctypeDeclHandler = _no_dtd
        parser.EntityDeclHandler = _no_dtd
        self._parser = parser

    def feed(self, block: bytes) -> None:
        self._parser.Parse(block, False)

    def finish(self) -> None:
        self._parser.Parse(b"", True)

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        local = name.rpartition(":")[2]
        if local == "row":
            self._start_row(_reference(attributes))
        elif local == "c":
            self._place_cell(_reference(attributes))

    def _end(self, name: str) -> None:
        if name.rpartition(":")[2] == "row":  # the next cell, in a row or not, is below it
            self._row, self._column = self._last_row + 1, 0

    def _start_row(self, ref: tuple[int, int] | None) -> None:
        """The column goes on: calamine starts it again only where a row ends."""
        self._row = ref[0] if ref is not None and ref[0] else self._last_row + 1
        self._last_row = max(self._last_row, self._row)

    def _place_cell(self, ref: tuple[int, int] | None) -> None:
        row, column = ref if ref is not None else (0, 0)
        row = row or self._row
        self._column = max(self._column + 1, column)
        self._last_row = max(self._last_row, row)
        self.rows = max(self.rows, row)
        self.columns = max(self.columns, self._column)


def _reference(attributes: dict[str, str]) -> tuple[int, int] | None:
    """(row, column) of an element's `r` attribute (0 for a part it lacks), None without one;
    a reference no reader could take is as far as it could go."""
    value = next((v for k, v in attributes.items() if k.rpartition(":")[2] in ("r", "R")), None)
    if value is None:
        return None
    match = _REF.fullmatch(value)
    if match is None:
        return _FAR, _FAR
    letters, digits = match.groups()
    return _number(digits), (_FAR if len(letters) > 3 else column_number(letters.upper().encode()))


def _number(digits: str) -> int:
    return _FAR if len(digits) > 9 else int(digits or 0)


def _no_dtd(*_args: object) -> None:
    raise _Malformed("a worksheet has no document type or entities")


class _Rough:
    """An upper bound for a part that is not well-formed XML: the furthest reference anywhere,
    plus one row for every row tag and one column for every cell tag."""

    def __init__(self) -> None:
        self._rows = self._columns = 0
        self._row_tags = self._cell_tags = 0
        self._tail = b""

    def feed(self, block: bytes) -> None:
        data = self._tail + block
        cut = data.rfind(b"<")  # a tag or reference cut by the block's end is read whole
        cut = len(data) if cut == -1 else cut
        self._tail = data[cut:]
        if len(self._tail) > _MAX_TAG:
            raise ValueError("an XML tag longer than a megabyte")
        self._scan(data[:cut])

    def finish(self) -> tuple[int, int]:
        self._scan(self._tail)
        cells = self._cell_tags
        rows = max(self._rows, 1 if cells else 0) + self._row_tags
        return (min(rows, _FAR), min(self._columns + cells, _FAR)) if cells else (0, 0)

    def _scan(self, data: bytes) -> None:
        for end, name in _ROUGH_TAG.findall(data):
            if name == b"row":  # a row's start or its end may each move to a new row
                self._row_tags += 1
            elif not end:
                self._cell_tags += 1
        for letters, digits in _ROUGH_REF.findall(data):
            self._rows = max(self._rows, _number(digits.decode()))
            far = len(letters) > 3
            self._columns = max(self._columns, _FAR if far else column_number(letters.upper()))
