"""Bundled fonts for the UI: every Han character of GB 18030-2022 displays everywhere, in the
sans-serif weight of the UI wherever a freely licensed font has it, and the whole UI follows
the text-size setting.

WenQuanYi Micro Hei draws the two-byte set; XJ Sans Rare (cut from Noto Sans CJK SC) CJK
Extension A, the newer unified ideographs, the radicals and the 2,306 characters outside the
BMP that Noto has (𠮷 among them); HanaMinB (a Mincho) the rest of Extensions B-F, for which
no freely licensed sans-serif font is at hand.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.domain.data import resource_dir

UI_FAMILY = "WenQuanYi Micro Hei"
RARE_FAMILY = "XJ Sans Rare"
EXT_B_FAMILY = "HanaMinB"
BUNDLED = ((UI_FAMILY, "wqy-microhei.ttc"), (RARE_FAMILY, "xj-sans-rare.ttf"),
           (EXT_B_FAMILY, "HanaMinB.ttf"))


def install_fonts(app: QApplication, scale_percent: int) -> None:
    """Register the bundled fonts as fallbacks and set the application font size."""
    folder = resource_dir() / "fonts"
    for _family, name in BUNDLED:
        QFontDatabase.addApplicationFont(str(folder / name))
    font = app.font()
    # The bundled fonts first, in the PDFs' order, before any system font (a thin or partial
    # fallback the system has).
    font.setFamilies([*(family for family, _name in BUNDLED), *ui_fallbacks(font.family())])
    app.setFont(font)
    apply_text_scale(app, scale_percent)


def ui_fallbacks(platform_family: str) -> list[str]:
    """The system's own family last, unless it is one of ours already."""
    return [] if platform_family in {family for family, _name in BUNDLED} else [platform_family]


_BASE_POINTS: list[float] = []


def apply_text_scale(app: QApplication, scale_percent: int) -> None:
    """Set the application font to 100-150 % of the platform's default size."""
    font = app.font()
    if not _BASE_POINTS:
        _BASE_POINTS.append(font.pointSizeF() if font.pointSizeF() > 0 else 10.0)
    font.setPointSizeF(_BASE_POINTS[0] * max(100, min(150, scale_percent)) / 100)
    app.setFont(font)
