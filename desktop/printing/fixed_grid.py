"""A ruled grid of fixed rows drawn directly on the canvas, looking exactly as reportlab's
Table does with the same cells (GRID 0.4, cells vertically centred, 6 pt side padding, full-
width shaded rows), at a fraction of the cost.

What is the same on every page (shading, rules, item numbers, labels, section titles) is drawn
once into a form XObject per row layout and placed on each page that has that layout; only
the values are drawn on the page itself, as plain strings where they fit on one line (a
paragraph only for a value that wraps, needs the Ext-B font or has runs of spaces). The grid
splits between rows across pages where a Table would.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple
from weakref import WeakKeyDictionary

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from desktop.printing.fonts import SANS, font_for
from desktop.printing.layout import para

PAD = 6  # a Table's default left and right cell padding
RULE = 0.4
SHADE = colors.HexColor("#eeeeee")
FILLER = 12  # an empty placeholder cell ("") takes a Table's default leading


class Cell(NamedTuple):
    """Text in a cell at `size` points (leading 1.3 × size). `fixed` text is the same on every
    page; `None` text is an empty placeholder."""

    text: str | None
    size: float = 8
    fixed: bool = False


class Row(NamedTuple):
    """Either one cell per column (on a shaded ground if `shaded`), or `title`: one shaded
    cell across the whole row."""

    cells: tuple[Cell, ...] = ()
    title: Cell | None = None
    shaded: bool = False


class Look(NamedTuple):
    """How a grid's Table was styled: space above and below the text of each cell; the
    line height of plain text (None: 1.3 × its size, as a paragraph's); and when text is
    drawn as one plain line: it fits in the cell less `slack` points, and (if `whole`) has
    no runs of spaces a paragraph would fold."""

    padding: float
    leading: float | None = None
    slack: float = 2 * 6
    whole: bool = True

    def line(self, size: float) -> float:
        return self.leading or size * 1.3


@lru_cache(maxsize=8192)
def plain(text: str, size: float, width: float, look: Look) -> bool:
    """Whether `text` is drawn as one plain line (see Look)."""
    return (not look.whole or text == " ".join(text.split())) \
        and all(font_for(char) == SANS for char in text) \
        and stringWidth(text, SANS, size) <= width - look.slack


@lru_cache(maxsize=8192)
def _measured(text: str, size: float, width: float, look: Look) -> float:
    """The height of non-empty text in a cell `width` wide, padding apart."""
    if plain(text, size, width, look):
        return look.line(size)
    return para(text, size).wrap(width - 2 * PAD, 72000)[1]


# the form XObjects a canvas holds, by row layout: drawn once, placed on every page
_forms: WeakKeyDictionary[Canvas, dict[tuple[object, ...], str]] = WeakKeyDictionary()


class FixedGrid(Flowable):
    """Rows of `cells` in columns of `widths`; see the module docstring."""

    def __init__(self, rows: Sequence[Row], widths: Sequence[float], look: Look,
                 shared: bool = True) -> None:
        super().__init__()
        self.rows, self.widths, self.look, self.shared = tuple(rows), tuple(widths), look, shared
        self.positions = [0.0]
        for width in self.widths:
            self.positions.append(self.positions[-1] + width)
        self.heights = [self._height(row) for row in self.rows]
        self.width, self.height = self.positions[-1], self._edges()[0]
        self.hAlign = "CENTER"  # as a Table is placed in its frame

    def _height(self, row: Row) -> float:
        if row.title is not None:  # the cells it covers count as empty placeholders
            text = row.title.text or ""
            return max(FILLER, _measured(text, row.title.size, self.positions[-1], self.look)
                       if text else 0) + 2 * self.look.padding
        tallest = 0.0
        for cell, width in zip(row.cells, self.widths, strict=True):
            if cell.text is None:
                tallest = max(tallest, FILLER)
            elif cell.text:
                tallest = max(tallest, _measured(cell.text, cell.size, width, self.look))
        return tallest + 2 * self.look.padding

    def wrap(self, _width: float, _height: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, _width: float, available_height: float) -> list[Flowable]:
        """Between rows, as many as fit (none when not even the first fits), as a Table does."""
        used, count = 0.0, 0
        for height in self.heights:
            if used + height > available_height:
                break
            used, count = used + height, count + 1
        if count == 0:
            return []
        if count == len(self.rows):
            return [self]
        return [FixedGrid(self.rows[:count], self.widths, self.look, self.shared),
                FixedGrid(self.rows[count:], self.widths, self.look, self.shared)]

    def _bottoms(self) -> list[float]:
        """The y of each row's lower edge, the first row at the top, summed from the bottom
        with a Table's compensated sum so that every rule lands on the very same point."""
        return self._edges()[1:]

    def _edges(self) -> list[float]:
        edges, height, carry = [], 0.0, 0.0
        for row_height in reversed(self.heights):
            edges.append(height)
            step = row_height - carry
            total = height + step
            carry, height = (total - height) - step, total
        edges.append(height)
        edges.reverse()
        return edges

    def draw(self) -> None:
        canvas: Canvas = self.canv
        if not self.shared:  # all on the page: rules and labels, then the values
            canvas.saveState()
            self._draw_fixed(canvas)
            canvas.restoreState()
            self._draw_values(canvas)
            return
        names = _forms.setdefault(canvas, {})
        layout = (tuple(self.heights), self.widths, self.look,
                  tuple((row.title, row.shaded, tuple(cell for cell in row.cells if cell.fixed))
                        for row in self.rows))
        name = names.get(layout)
        if name is None:
            name = names[layout] = f"xjgrid{len(names) + 1}"
            # a box one point wider than the grid all round, so the outer rules are whole
            canvas.beginForm(name, -1, -1, math.ceil(self.width) + 1, math.ceil(self.height) + 1)
            self._draw_fixed(canvas)
            canvas.endForm()
        canvas.doForm(name)
        self._draw_values(canvas)

    def _cells(self, fixed: bool) -> list[tuple[Cell, float, float, float, float]]:
        """(cell, x, y, width, height) of each cell drawn on the form (fixed) or the page."""
        out = []
        for row, bottom, height in zip(self.rows, self._bottoms(), self.heights, strict=True):
            if row.title is not None:
                if fixed:
                    out.append((row.title, 0.0, bottom, self.width, height))
                continue
            for cell, x, width in zip(row.cells, self.positions, self.widths, strict=False):
                if cell.fixed == fixed and cell.text:
                    out.append((cell, x, bottom, width, height))
        return out

    def _draw_fixed(self, canvas: Canvas) -> None:
        bottoms = self._bottoms()
        canvas.setFillColor(SHADE)
        edges = self._edges()
        for index, row in enumerate(self.rows):
            if row.title is not None or row.shaded:  # from the top down, as a Table fills it
                top, bottom = edges[index], edges[index + 1]
                canvas.rect(0, top, self.width, bottom - top, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        self._draw_texts(canvas, self._cells(fixed=True))
        self._draw_rules(canvas, bottoms)

    def _draw_rules(self, canvas: Canvas, bottoms: Sequence[float]) -> None:
        """Every row rule across, the outer rules down, and the inner rules down each stretch
        of rows between title rows (a title row spans the columns)."""
        canvas.setStrokeColor(colors.black)
        canvas.setLineWidth(RULE)
        canvas.setLineCap(1)  # round, as a Table's GRID
        canvas.setLineJoin(1)
        lines = [(0.0, y, self.width, y) for y in (self.height, *bottoms)]
        lines += [(x, 0.0, x, self.height) for x in (self.positions[0], self.positions[-1])]
        stretches: list[list[float]] = []  # [bottom, top] of each stretch
        after_title = True
        for row, bottom, top in zip(self.rows, bottoms, self._edges(), strict=False):
            if row.title is not None:
                after_title = True
            elif after_title:
                stretches.append([bottom, top])
                after_title = False
            else:
                stretches[-1][0] = bottom
        lines += [(x, bottom, x, top) for x in self.positions[1:-1] for bottom, top in stretches]
        canvas.lines(lines)  # one path, stroked once

    def _draw_values(self, canvas: Canvas) -> None:
        cells = self._cells(fixed=False)
        if cells:
            canvas.saveState()
            canvas.setFillColor(colors.black)
            self._draw_texts(canvas, cells)
            canvas.restoreState()

    def _draw_texts(self, canvas: Canvas, cells: Sequence[tuple[Cell, float, float, float, float]]) -> None:
        """Plain lines in one text object, then the paragraphs."""
        text = canvas.beginText()
        size, leading = 0.0, 0.0
        wrapped = []
        for cell, x, y, width, height in cells:
            assert cell.text
            if not plain(cell.text, cell.size, width, self.look):
                wrapped.append((cell, x, y, width, height))
                continue
            if cell.size != size:
                size = cell.size
                leading = self.look.line(size)
                text.setFont(SANS, size, leading)
            text.setTextOrigin(x + PAD, y + (height + leading) / 2 - size)
            text.textOut(cell.text)
        canvas.drawText(text)
        for cell, x, y, width, height in wrapped:
            _draw_cell(canvas, cell, x, y, width, height, self.look)


def _draw_cell(canvas: Canvas, cell: Cell, x: float, y: float, width: float, height: float,
               look: Look) -> None:
    """A cell as a Table draws it: a plain line at the Table's baseline, else a paragraph
    centred in the cell."""
    assert cell.text
    if plain(cell.text, cell.size, width, look):
        leading = look.line(cell.size)
        canvas.setFont(SANS, cell.size, leading)
        canvas.drawString(x + PAD, y + (height + leading) / 2 - cell.size, cell.text)
        return
    paragraph: Paragraph = para(cell.text, cell.size)
    _w, content = paragraph.wrap(width - 2 * PAD, 72000)
    paragraph.drawOn(canvas, x + PAD, y + (height - content) / 2)
