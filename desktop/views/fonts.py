"""Bundled fonts for the UI: names with characters outside the BMP display everywhere, and the
whole UI follows the text-size setting."""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop.domain.data import resource_dir

UI_FAMILY = "WenQuanYi Micro Hei"
EXT_B_FAMILY = "HanaMinB"


def install_fonts(app: QApplication, scale_percent: int) -> None:
    """Register the bundled fonts as fallbacks and set the application font size."""
    folder = resource_dir() / "fonts"
    for name in ("wqy-microhei.ttc", "HanaMinB.ttf"):
        QFontDatabase.addApplicationFont(str(folder / name))
    font = app.font()
    # The bundled fonts first, as in the PDFs: the BMP from WenQuanYi, characters beyond it
    # (𠮷) from HanaMinB, before any system font (a thin or partial fallback the system has).
    font.setFamilies([UI_FAMILY, EXT_B_FAMILY, *ui_fallbacks(font.family())])
    app.setFont(font)
    apply_text_scale(app, scale_percent)


def ui_fallbacks(platform_family: str) -> list[str]:
    """The system's own family last, unless it is one of ours already."""
    return [] if platform_family in (UI_FAMILY, EXT_B_FAMILY) else [platform_family]


_BASE_POINTS: list[float] = []


def apply_text_scale(app: QApplication, scale_percent: int) -> None:
    """Set the application font to 100-150 % of the platform's default size."""
    font = app.font()
    if not _BASE_POINTS:
        _BASE_POINTS.append(font.pointSizeF() if font.pointSizeF() > 0 else 10.0)
    font.setPointSizeF(_BASE_POINTS[0] * max(100, min(150, scale_percent)) / 100)
    app.setFont(font)
