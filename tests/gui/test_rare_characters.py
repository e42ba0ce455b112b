"""Names on screen are drawn by the bundled fonts, as the PDFs are: every rare character of the
demo data (outside the BMP, e.g. 𠮷) by HanaMinB, the common name characters by WenQuanYi
Micro Hei, whatever fallback fonts the system has."""

from __future__ import annotations

import csv

import pytest
from PySide6.QtGui import QFont, QTextLayout

from desktop.domain.data import resource_dir
from desktop.views.fonts import EXT_B_FAMILY, UI_FAMILY, install_fonts


def demo_chars(name: str, column: str) -> list[str]:
    with (resource_dir() / "demo" / name).open(encoding="utf-8") as f:
        rows = csv.DictReader(line for line in f if not line.startswith("#"))
        return [ch for row in rows for ch in row[column]]


def families(font: QFont, text: str) -> set[str]:
    layout = QTextLayout(text, font)
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return {run.rawFont().familyName() for run in layout.glyphRuns()}


@pytest.fixture
def app_font(qapp) -> QFont:
    saved = qapp.font()
    install_fonts(qapp, 100)
    yield qapp.font()
    qapp.setFont(saved)


def test_the_bundled_fonts_come_before_the_system_fallbacks(app_font: QFont) -> None:
    assert app_font.families()[:2] == [UI_FAMILY, EXT_B_FAMILY]


def test_every_rare_demo_character_is_drawn_by_the_bundled_font(app_font: QFont) -> None:
    rare = demo_chars("rare_chars.csv", "char")
    assert "𠮷" in rare and len(rare) >= 25
    for char in rare:
        assert families(app_font, char) == {EXT_B_FAMILY}, char


def test_common_name_characters_are_drawn_by_the_ui_font(app_font: QFont) -> None:
    common = demo_chars("surnames.csv", next(iter(_columns("surnames.csv"))))
    assert families(app_font, "".join(ch for ch in common if ord(ch) > 0x3000)) == {UI_FAMILY}


def _columns(name: str) -> list[str]:
    with (resource_dir() / "demo" / name).open(encoding="utf-8") as f:
        return next(csv.reader(line for line in f if not line.startswith("#")))
