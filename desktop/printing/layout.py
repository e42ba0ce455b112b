"""Page furniture shared by the printed forms: A4 frames, the title block, paragraph styles
with Chinese line breaking, and the footer that lets a paper copy be checked later
(record id, a short hash of the record's version, and a QR code carrying both)."""

from __future__ import annotations

import contextlib
import contextvars
import functools
import hashlib
import io
import json
import math
import re
from collections.abc import Callable, Hashable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from weakref import WeakKeyDictionary

from reportlab.lib.pagesizes import A4
from reportlab.lib.rl_accel import fp_str
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from desktop.domain.text_rules import clean_text
from desktop.printing.fonts import SANS, markup, register, runs
from desktop.printing.qr_code import qr_matrix
from desktop.services.students.printable import PrintableStudent

PAGE_WIDTH = A4[0]
MARGIN = 15 * mm
QR_SIZE = 16 * mm
_DARK = re.compile(rb"\x01+")

Progress = Callable[[int, int], None]
_progress: contextvars.ContextVar[Progress | None] = contextvars.ContextVar("progress", default=None)


@contextlib.contextmanager
def reporting(progress: Progress) -> Iterator[None]:
    """While inside, every render calls progress(done, total) as each document starts; the
    callback may raise to stop the rendering (a cancelled batch)."""
    token = _progress.set(progress)
    try:
        yield
    finally:
        _progress.reset(token)


Alignment = Literal[0, 1, 2, 4]  # reportlab's TA_LEFT, TA_CENTER, TA_RIGHT, TA_JUSTIFY


def style(size: float = 9, leading: float | None = None, align: Alignment = 0) -> ParagraphStyle:
    """A paragraph style in the bundled font that breaks Chinese lines anywhere."""
    register()
    return ParagraphStyle(f"xj{size}{align}", fontName=SANS, fontSize=size,
                          leading=leading or size * 1.3, alignment=align, wordWrap="CJK")


def para(text: str, size: float = 9, align: Alignment = 0) -> Paragraph:
    return Paragraph(markup(clean_text(text)), style(size, align=align))


class PlainLine(Flowable):
    """One line of text in the main font, drawn where a one-line paragraph of the same size
    would draw it (left or centred), without a paragraph's parsing and line breaking. A
    `shared` line (the same on every page: a title, a heading) is drawn once per PDF as a
    form XObject and placed on each page."""

    def __init__(self, text: str, size: float, align: int = 0, shared: bool = False) -> None:
        super().__init__()
        self.text, self.size, self.align, self.shared = text, size, align, shared

    def wrap(self, available_width: float, _height: float) -> tuple[float, float]:
        self.width, self.height = available_width, self.size * 1.3
        return self.width, self.height

    def draw(self) -> None:
        if not self.shared:
            self._draw_text(self.canv)
            return
        key = ("line", self.text, self.size, self.align, self.width)
        box = (-1, -math.ceil(self.size), math.ceil(self.width) + 1, math.ceil(self.height + self.size))
        draw_shared(self.canv, key, box, self._draw_text)

    def _draw_text(self, canvas: Canvas) -> None:
        extra = self.width - stringWidth(self.text, SANS, self.size)
        canvas.setFont(SANS, self.size, self.size * 1.3)
        canvas.drawString(0.5 * extra if self.align == 1 else 0, self.height - self.size, self.text)


# the form XObjects a canvas holds, by what they show: drawn once, placed on every page
_shared: WeakKeyDictionary[Canvas, dict[Hashable, str]] = WeakKeyDictionary()


def draw_shared(canvas: Canvas, key: Hashable, box: tuple[int, int, int, int],
                draw: Callable[[Canvas], None]) -> None:
    """Place what `draw` draws (inside `box`, in the current coordinates) as a form XObject,
    drawn into the PDF the first time `key` is placed on this canvas and only placed after."""
    names = _shared.setdefault(canvas, {})
    name = names.get(key)
    if name is None:
        name = names[key] = f"xjshared{len(names) + 1}"
        canvas.beginForm(name, *box)
        canvas.saveState()
        draw(canvas)
        canvas.restoreState()
        canvas.endForm()
    canvas.doForm(name)


def single_line(text: str, size: float = 9, align: Alignment = 0) -> Flowable:
    """A line of text: a PlainLine when a paragraph would show it on one line of a page
    (its runs of spaces, full-width ones too, folded into one as a paragraph folds them),
    else the paragraph."""
    register()
    text = clean_text(text)
    folded = " ".join(text.split())
    if "\xa0" not in text and all(font == SANS for font, _chunk in runs(folded)) \
            and stringWidth(folded, SANS, size) <= PAGE_WIDTH - 2 * MARGIN - 12:
        return PlainLine(folded, size, align)
    return para(text, size, align)


def cell(text: str, size: float = 8.5, width: float = 0) -> Paragraph | str:
    """A table cell: plain text when it fits on one line in the main font (much faster to
    lay out), a wrapping paragraph when it is long or needs the Ext-B font."""
    text = clean_text(text) if text else text  # what an older version let in stays off paper
    plain = all(font == SANS for font, _chunk in runs(text)) if text else True
    if plain and (not width or stringWidth(text, SANS, size) <= width - 6):
        return text
    return para(text, size)


def version_hash(snapshot: dict[str, Any]) -> str:
    """A short hash of what was printed: the same record version gives the same hash."""
    canonical = json.dumps(snapshot, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Footer:
    record_id: str
    version: int
    digest: str

    @property
    def payload(self) -> str:
        return f"xueji:{self.record_id}:{self.version}:{self.digest}"

    def draw(self, canvas: Canvas, page_label: str, page_width: float = PAGE_WIDTH) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 7)
        text = f"记录 {self.record_id}  版本 {self.version}  校验 {self.digest}  {page_label}"
        canvas.drawString(MARGIN, 10 * mm, text)
        draw_qr(canvas, self.payload, page_width - MARGIN - QR_SIZE, 5 * mm, QR_SIZE)
        canvas.restoreState()


def draw_qr(canvas: Canvas, payload: str, x: float, y: float, size: float) -> None:
    """A QR code (segno's version and best mask, chosen quickly by qr_code) drawn as one
    filled vector path, each horizontal run of dark modules one rectangle: sharp at any
    printer resolution. The path's operators are written in one go (what reportlab's path
    object would write, rectangle by rectangle)."""
    matrix = qr_matrix(payload)
    lefts, lengths, tops, height = _qr_numbers(x, y, size, len(matrix))
    rects = []
    for row, modules in enumerate(matrix):
        top = tops[row]
        rects += [f"{lefts[run.start()]} {top} {lengths[run.end() - run.start()]} {height} re"
                  for run in _DARK.finditer(modules)]
    canvas.setFillColorRGB(0, 0, 0)
    canvas.drawPath(_Path(" ".join(["n", *rects])), stroke=0, fill=1)


@functools.lru_cache(maxsize=64)
def _qr_numbers(x: float, y: float, size: float, count: int) -> tuple[list[str], list[str], list[str], str]:
    """Each number of a QR code's path formatted once for every code of that size at that
    place: where a column starts, a run's length, a row's y, a module's height (a quiet zone
    of two modules on each side)."""
    cell = size / (count + 4)
    lefts = [fp_str(x + (column + 2) * cell) for column in range(count)]
    lengths = [fp_str(length * cell) for length in range(count + 1)]
    tops = [fp_str(y + (count - row + 1) * cell) for row in range(count)]
    return lefts, lengths, tops, fp_str(cell)


@dataclass(frozen=True)
class _Path:
    """Path operators ready to draw (what canvas.drawPath reads of a path)."""

    code: str

    def getCode(self) -> str:
        return self.code


def footer_of(data: PrintableStudent) -> Footer:
    return Footer(data.record_id, data.version, version_hash(data.snapshot))


def render(documents: Sequence[tuple[Footer, list[Flowable]]], title: str,
           pagesize: tuple[float, float] = A4) -> bytes:
    """A4 PDF (portrait unless `pagesize` says otherwise, e.g. landscape(A4)), each document
    starting on a new page, each page with its document's footer."""
    buffer = io.BytesIO()
    doc = _Document(buffer, pagesize=pagesize, leftMargin=MARGIN, rightMargin=MARGIN,
                    topMargin=12 * mm, bottomMargin=23 * mm, title=title, invariant=True,
                    initialFontName=SANS)  # no unembedded base font in the PDF
    story: list[Flowable] = []
    for index, (footer, flowables) in enumerate(documents):
        if index:
            story.append(PageBreak())
        story.append(_FooterMark(footer, doc.footers, len(documents)))
        story += flowables
    doc.build(story)
    report = _progress.get()
    if report:
        report(len(documents), len(documents))
    return buffer.getvalue()


class _Document(SimpleDocTemplate):
    """Draws, after each page, the footer of the document that page belongs to."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.footers: list[Footer] = []

    def afterPage(self) -> None:
        if self.footers:
            self.footers[-1].draw(self.canv, f"第 {self.page} 页", self.pagesize[0])


class _FooterMark(Spacer):
    """A zero-size flowable that tells the page hook whose document is on the page."""

    def __init__(self, footer: Footer, sink: list[Footer], total: int) -> None:
        super().__init__(0, 0)
        self.footer, self.sink, self.total = footer, sink, total

    def draw(self) -> None:
        report = _progress.get()
        if report:
            report(len(self.sink), self.total)
        self.sink.append(self.footer)
