"""The careful measure of one package part whose cells are not all plainly referenced (the
workbook guard's second pass, after desktop.exchange.ref_bounds found a cell of another shape).

The part is read as XML by expat, block by block, so a tag is what an XML reader takes it to
be: a `>` or a decoy ` r='A1'` inside a quoted value is part of that value, a tag cut at a
block boundary is read whole, a `<row>` with no attributes swallows nothing. Cells are then
placed by calamine's own cursor (calamine 0.36, `xlsx/cells_reader.rs`, `next_cell`):

- elements are matched by their local name, after the first `:` (any prefix);
- a `row` start with an `r` attribute (that exact name) moves the cursor to that row; one
  without changes nothing; a `row` end moves it one row down, to column 1;
- a `c` start with `r` is at that row and column and moves the column there; one without
  is at the cursor; either way the cursor's column then moves one on;
- inside a cell calamine reads the value elements, and a value of an odd shape can end its
  cell early, so whatever sits inside a cell is counted as though calamine saw it, but
  never so as to bring the cursor back: a row there only moves it down, a cell there only
  to the right.

A part expat cannot read (not well-formed, a DTD, an encoding it does not know, a binary
part), or should not be given (nested deeper than a worksheet is, a tag of hundreds of
attributes, 64 KB without a tag, over 64 MB: expat would keep or reread them at length) is
measured roughly instead: every reference anywhere in it counts, every cell tag is taken to
add a column and every row tag, start or end, a row. A real worksheet of that kind is
refused unless it is small; a picture or other binary part holds almost no such tags.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from xml.parsers import expat

from desktop.exchange.ref_bounds import column_number

Stream = Callable[[Callable[[bytes], None]], object]

_CELL_REF = re.compile(r"([A-Za-z]{1,3})(\d{1,9})")
_ROW_REF = re.compile(r"\d{1,9}")
_FAR = 10**9  # a row or column further than any sheet: refused whatever the other is
MAX_TAG = 1 << 20  # bytes of one tag: longer, and the part is refused as unreadable
_MAX_CAREFUL = 64 << 20  # unpacked bytes expat reads; a larger odd part is measured roughly
_MAX_DEPTH = 64
_ATTRIBUTES = 256  # more in one tag than a worksheet's tags have (expat keeps them all)
_MANY_ATTRIBUTES = re.compile(rb"<[^<=]*+(?:=[^<=]*+){%d}" % _ATTRIBUTES)
_NO_TAG = 1 << 16  # bytes without a tag: a giant token expat would read again and again
_ROUGH_TAG = re.compile(rb"(</|<|:)(row|c)(?=[\s/>])")  # any prefix: all after a colon
_ROUGH_REF = re.compile(rb"""(?<![\w.-])[rR](?=\s*=\s*["']?\s*([A-Za-z]*)(\d*))""")


class _Malformed(Exception):
    """The part cannot be read as XML the way a worksheet is."""


class _Enough(Exception):
    """The cells seen so far already span more than the caller allows."""


def careful_extent(stream: Stream, limit: int) -> tuple[int, int]:
    """(rows, columns) the cells of the part that `stream` feeds address, at least as far as
    calamine places them: read with expat or, when that fails, roughly (see the module). The
    reading stops once rows × columns is over `limit`."""
    walk = _Walk(limit)
    try:
        stream(walk.feed)
        walk.finish()
    except _Enough:
        pass
    except (expat.ExpatError, _Malformed):
        rough = _Rough()
        stream(rough.feed)
        return rough.finish()
    return walk.rows, walk.columns


class _Walk:
    """calamine's cursor over the rows and cells of a well-formed part (1-based here)."""

    def __init__(self, limit: int) -> None:
        self.rows = self.columns = 0
        self._limit = limit
        self._row = self._column = 1  # where the next cell without a reference goes
        self._in_cell = 0  # elements open inside the current cell, itself included
        self._depth = self._read = 0
        parser = expat.ParserCreate()
        parser.StartElementHandler = self._start
        parser.EndElementHandler = self._end
        parser.StartDoctypeDeclHandler = _no_dtd
        parser.EntityDeclHandler = _no_dtd
        self._parser = parser

    def feed(self, block: bytes) -> None:
        self._read += len(block)
        head = block.find(b"<")  # attributes of a tag begun in the block before
        if (self._read > _MAX_CAREFUL or (head == -1 and len(block) > _NO_TAG)
                or block.count(b"=", 0, len(block) if head == -1 else head) >= _ATTRIBUTES
                or _MANY_ATTRIBUTES.search(block)):
            raise _Malformed("not the shape of a worksheet")
        self._parser.Parse(block, False)

    def finish(self) -> None:
        self._parser.Parse(b"", True)

    def _start(self, name: str, attributes: dict[str, str]) -> None:
        self._depth += 1
        if self._depth > _MAX_DEPTH:
            raise _Malformed("nested deeper than a worksheet")
        local = name.partition(":")[2] if ":" in name else name  # after the first colon
        if local == "row":
            self._start_row(attributes.get("r"))
        elif local == "c":
            self._place_cell(attributes.get("r"))
        elif self._in_cell:
            self._in_cell += 1

    def _end(self, name: str) -> None:
        self._depth -= 1
        local = name.partition(":")[2] if ":" in name else name
        if local == "row":
            self._row += 1
            if not self._in_cell:
                self._column = 1
        elif self._in_cell:
            self._in_cell -= 1

    def _start_row(self, ref: str | None) -> None:
        if ref is None:
            return
        row = _row_number(ref)
        self._row = max(self._row, row) if self._in_cell else row

    def _place_cell(self, ref: str | None) -> None:
        if ref is None:
            row, column = self._row, self._column
        else:
            row, column = _cell_position(ref)
            if self._in_cell:
                column = max(column, self._column)
        self.rows, self.columns = max(self.rows, row), max(self.columns, column)
        self._column = column + 1
        self._in_cell += 1
        if self.rows * self.columns > self._limit:
            raise _Enough


def _cell_position(ref: str) -> tuple[int, int]:
    """(row, column) of a cell reference; one no reader could take is as far as can be."""
    match = _CELL_REF.fullmatch(ref)
    if match is None:
        return _FAR, _FAR
    return int(match.group(2)), column_number(match.group(1).upper().encode())


def _row_number(ref: str) -> int:
    return int(ref) if _ROW_REF.fullmatch(ref) else _FAR


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
        if len(self._tail) > MAX_TAG:
            raise ValueError("an XML tag longer than a megabyte")
        self._scan(data[:cut])

    def finish(self) -> tuple[int, int]:
        self._scan(self._tail)
        if not (self._cell_tags or self._rows or self._columns):
            return 0, 0
        rows = max(self._rows, 1) + self._row_tags
        return min(rows, _FAR), min(max(self._columns, 1) + self._cell_tags, _FAR)

    def _scan(self, data: bytes) -> None:
        for lead, name in _ROUGH_TAG.findall(data):
            if name == b"row":  # a row's start or its end may each move to a new row
                self._row_tags += 1
            elif lead != b"</":  # a cell's start (or, after a colon, maybe its end: more)
                self._cell_tags += 1
        for letters, digits in _ROUGH_REF.findall(data):
            self._rows = max(self._rows, _number(digits.decode()))
            far = len(letters) > 3
            self._columns = max(self._columns, _FAR if far else column_number(letters.upper()))
