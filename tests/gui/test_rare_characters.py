"""Names on screen are drawn by the bundled fonts, as the PDFs are, whatever fallback fonts the
system has: the two-byte set of GB 18030 by WenQuanYi Micro Hei; CJK Extension A, the newer
unified ideographs and 𠮷 by the sans-serif XJ Sans Rare (before, Extension A was in no bundled
font and 𠮷 was drawn by the thin Mincho HanaMinB); the rest of Extensions B-F (the other rare
characters of the demo data among them) by HanaMinB, the only freely licensed font at hand
that has them. No character is a box (glyph 0)."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtGui import QFont, QFontMetrics, QRawFont, QTextLayout

from desktop.domain.data import resource_dir
from desktop.views.fonts import BUNDLED, EXT_B_FAMILY, RARE_FAMILY, UI_FAMILY, install_fonts

SANS = {UI_FAMILY, RARE_FAMILY}
# GB 18030-2022 implementation level 1: the unified ideographs up to U+9FEF and Extension A
# up to U+4DB5; level 3 adds Extensions B-F in their entirety and the Kangxi radicals.
LEVEL_1_HAN = (*range(0x4E00, 0x9FF0), *range(0x3400, 0x4DB6))
LEVEL_3_HAN = (*range(0x20000, 0x2A6D7), *range(0x2A700, 0x2B735), *range(0x2B740, 0x2B81E),
               *range(0x2B820, 0x2CEA2), *range(0x2CEB0, 0x2EBE1))


def demo_chars(name: str, column: str) -> list[str]:
    with (resource_dir() / "demo" / name).open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return [ch for row in rows for ch in row[column]]


def glyph_runs(font: QFont, text: str) -> list[tuple[str, list[int]]]:
    """(family, glyph indexes) of each run Qt lays `text` out in."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()]


def families(font: QFont, text: str) -> set[str]:
    runs = glyph_runs(font, text)
    assert all(0 not in glyphs for _family, glyphs in runs), f"a box in {text[:20]}"
    return {family for family, _glyphs in runs}


@pytest.fixture
def app_font(qapp) -> QFont:
    saved = qapp.font()
    install_fonts(qapp, 100)
    yield qapp.font()
    qapp.setFont(saved)


def test_the_bundled_fonts_come_before_the_system_fallbacks(app_font: QFont) -> None:
    assert app_font.families()[:3] == [UI_FAMILY, RARE_FAMILY, EXT_B_FAMILY]


def test_extension_a_and_the_newer_ideographs_are_drawn_in_the_sans_serif_rare_font(
        app_font: QFont) -> None:
    assert families(app_font, "㐀㑇䶮鿏鿔⼀⿕") == {RARE_FAMILY}
    assert families(app_font, "𠮷") == {RARE_FAMILY}


def test_every_level_1_character_of_gb18030_2022_is_drawn_by_a_bundled_sans_font(
        app_font: QFont) -> None:
    text = "".join(map(chr, LEVEL_1_HAN))
    assert families(app_font, text) == SANS


def test_every_level_3_character_is_drawn_by_a_bundled_font(app_font: QFont) -> None:
    raw = [QRawFont(str(resource_dir() / "fonts" / name), 12) for _family, name in BUNDLED]
    missing = [hex(cp) for cp in LEVEL_3_HAN if not any(f.supportsCharacter(cp) for f in raw)]
    assert missing == []


def test_every_rare_demo_character_is_drawn_by_a_bundled_font_sans_where_one_has_it(
        app_font: QFont) -> None:
    rare = demo_chars("rare_chars.csv", "char")
    assert "𠮷" in rare and len(rare) >= 25
    rare_sans = QRawFont(str(resource_dir() / "fonts" / "xj-sans-rare.ttf"), 12)
    for char in rare:
        expected = RARE_FAMILY if rare_sans.supportsCharacter(ord(char)) else EXT_B_FAMILY
        assert families(app_font, char) == {expected}, char


def test_at_12_px_a_rare_name_keeps_the_height_of_the_ui_font(app_font: QFont) -> None:
    """𠮷 at 12 px in the sans-serif font is as tall as 吉 (HanaMinB's was a thin Mincho)."""
    font = QFont(app_font)
    font.setPixelSize(12)
    metrics = QFontMetrics(font)
    assert metrics.horizontalAdvance("𠮷") == metrics.horizontalAdvance("吉")
    assert metrics.boundingRect("𠮷").height() >= metrics.boundingRect("吉").height() - 1


def test_common_name_characters_are_drawn_by_the_ui_font(app_font: QFont) -> None:
    common = demo_chars("surnames.csv", next(iter(_columns("surnames.csv"))))
    assert families(app_font, "".join(ch for ch in common if ord(ch) > 0x3000)) == {UI_FAMILY}


def _columns(name: str) -> list[str]:
    with (resource_dir() / "demo" / name).open(encoding="utf-8") as f:
        return next(csv.reader(line for line in f if not line.startswith("#")))
