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
    font.setFamilies([UI_FAMILY, font.family(), EXT_B_FAMILY])
    app.setFont(font)
    apply_text_scale(app, scale_percent)


_BASE_POINTS: list[float] = []


def apply_text_scale(app: QApplication, scale_percent: int) -> None:
    """Set the application font to 100-150 % of the platform's default size."""
    font = app.font()
    if not _BASE_POINTS:
        _BASE_POINTS.append(font.pointSizeF() if font.pointSizeF() > 0 else 10.0)
    font.setPointSizeF(_BASE_POINTS[0] * max(100, min(150, scale_percent)) / 100)
    app.setFont(font)
