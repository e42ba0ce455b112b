"""Scroll bars wide enough to hit: as wide as a line of text (at least 16 px), following the
text-size setting, for the views whose scroll bars were found too thin to use."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractScrollArea, QProxyStyle, QStyle, QStyleOption, QWidget

MIN_EXTENT = 16


class WideScrollBars(QProxyStyle):
    def pixelMetric(self, metric: QStyle.PixelMetric, option: QStyleOption | None = None,
                    widget: QWidget | None = None) -> int:
        value = super().pixelMetric(metric, option, widget)
        if metric == QStyle.PixelMetric.PM_ScrollBarExtent:
            text = widget.fontMetrics().height() if widget is not None else 0
            return max(value, MIN_EXTENT, text)
        return value


def widen(area: QAbstractScrollArea) -> None:
    """Give both of `area`'s scroll bars the wide extent."""
    style = WideScrollBars()  # over whatever the application style is
    style.setParent(area)
    for bar in (area.verticalScrollBar(), area.horizontalScrollBar()):
        bar.setStyle(style)
