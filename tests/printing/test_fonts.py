"""Fonts in PDFs: the bundled fonts embedded, runs split by coverage (CJK Extension A and 𠮷 in
the sans-serif XJ Sans Rare, the rest of Extension B-F in HanaMinB), and text outside the BMP
extracts as the right characters thanks to UTF-16 ToUnicode entries."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys
from pathlib import Path

from pypdf import PdfReader

from desktop.printing.fonts import EXT_B, MONO, RARE, SANS, runs, to_unicode_cmap
from desktop.printing.recovery_sheet import RecoverySheet, build

KEY = "N215-YRE6-QN6P-B2SQ-NTJH-BQYP-NY1Y-RG9H-2BYV-7980-A04J-T4AK-F06H-GM8P"


def _sheet(school: str) -> bytes:
    return build(RecoverySheet(school, "4406040001", "张老师", KEY, dt.date(2026, 11, 26)))


def test_runs_split_by_font_coverage() -> None:
    assert runs("王𠮷明") == [(SANS, "王"), (RARE, "𠮷"), (SANS, "明")]
    assert runs("㐀䶮鿏𫝋") == [(RARE, "㐀䶮鿏"), (EXT_B, "𫝋")]


def test_to_unicode_entries_are_utf16() -> None:
    cmap = to_unicode_cmap("X", [0x738B, 0x20BB7])
    assert "<00> <738B>" in cmap
    assert "<01> <D842DFB7>" in cmap  # the surrogate pair, not <20BB7>
    assert "20BB7" not in cmap


def test_rare_character_is_embedded_and_extracts_correctly() -> None:
    reader = PdfReader(io.BytesIO(_sheet("佛山市𠮷祥小学")))
    page = reader.pages[0]
    text = page.extract_text()
    assert "佛山市𠮷祥小学" in text
    assert KEY.split("-", maxsplit=1)[0] in text
    fonts = page["/Resources"]["/Font"]
    embedded = [f.get_object()["/FontDescriptor"] for f in fonts.values()
                if "/FontDescriptor" in f.get_object()]
    assert len(embedded) >= 2
    assert all("/FontFile2" in d for d in embedded)


def test_output_is_deterministic() -> None:
    assert _sheet("示例学校") == _sheet("示例学校")


def test_recovery_sheet_embeds_every_font() -> None:
    reader = PdfReader(io.BytesIO(_sheet("示例学校")))
    for reference in reader.pages[0]["/Resources"]["/Font"].values():
        font = reference.get_object()
        assert font.get("/Subtype") == "/TrueType"
        assert "/FontFile2" in font["/FontDescriptor"]


def test_extension_a_and_extension_b_names_are_embedded_and_extract() -> None:
    """Before XJ Sans Rare, Extension A (㐀, 䶵) was in no bundled font: glyph 0 in the PDF."""
    reader = PdfReader(io.BytesIO(_sheet("㐀䶮𠮷𫝋小学")))
    page = reader.pages[0]
    assert "㐀䶮𠮷𫝋小学" in page.extract_text()
    names = {f.get_object()["/BaseFont"].split("+")[-1] for f in page["/Resources"]["/Font"].values()}
    assert {"XJSansRare-Regular", "HanaMinB"} <= names


def test_each_font_is_read_only_when_first_needed() -> None:
    """A fresh process: the text font alone after `register`; a plain name needs nothing more;
    the recovery sheet brings the mono font in, 𠮷 the rare one (and a first PDF with 𠮷 still
    extracts it), 𫝋 the Ext-B one."""
    probe = """
import io
from pypdf import PdfReader
from reportlab.pdfbase import pdfmetrics
from desktop.printing import fonts
from tests.printing.test_fonts import _sheet
def seen():
    return [n for n in fonts.FILES if n in pdfmetrics.getRegisteredFontNames()]
fonts.register()
print(seen())
fonts.runs("王小明")
print(seen())
print("佛山市𠮷祥小学" in PdfReader(io.BytesIO(_sheet("佛山市𠮷祥小学"))).pages[0].extract_text())
print(seen())
fonts.runs("𫝋")
print(seen())
"""
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[2], encoding="utf-8")
    assert done.stdout.splitlines() == [
        str([SANS]), str([SANS]), "True", str([SANS, MONO, RARE]), str([SANS, MONO, RARE, EXT_B])]
