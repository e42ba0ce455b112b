"""A date (or year-month) the registrar types or picks: a text box that takes 2020-03-12,
20200312, 2020/3/12, 2020.3.12 (the domain reads them), shows the date as 2020-03-12 once
typing is finished, selects its text on entering so retyping replaces it, and lets Tab leave
as in any text box; beside it a calendar button opening near a sensible date (the ID number's
birth date, a grade's typical age) instead of January 1900."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QToolButton, QWidget

from desktop.domain.typed_dates import as_date, typed_date, typed_month


class SelectingLineEdit(QLineEdit):
    """Entering by click or Tab selects the text: what is typed next replaces it. Leaving it
    is reported (`left`) even when nothing changed, unlike editingFinished."""

    left = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        QTimer.singleShot(0, self.selectAll)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.left.emit()


class DateInput(QWidget):
    finished = Signal()  # typing finished (Enter, Tab, click elsewhere) or a day was picked

    def __init__(self, month_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.month_only = month_only
        self.line = SelectingLineEdit()
        self.line.setPlaceholderText(self.tr("如 2025-09") if month_only else self.tr("如 2020-03-12"))
        self.calendar_button = QToolButton()
        self.calendar_button.setText(self.tr("日历"))
        self.calendar_button.setToolTip(self.tr("从日历中选"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes on to the next item
        self.suggest: Callable[[], dt.date | None] = lambda: None
        self.calendar: QCalendarWidget | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.calendar_button)
        self.setFocusProxy(self.line)
        self.line.editingFinished.connect(self._typed)
        self.calendar_button.clicked.connect(self.open_calendar)

    # --- values ------------------------------------------------------------------------------
    def value(self) -> str:
        """Template text (YYYYMMDD / YYYYMM) when the text reads as a date, else what is typed."""
        text = self.line.text().strip()
        parsed = typed_month(text) if self.month_only else typed_date(text)
        return parsed if parsed is not None else text

    def set_value(self, template: str) -> None:
        self.line.setText(self._shown(template))

    def _shown(self, template: str) -> str:
        day = as_date(template)
        if day is None or len(template) != (6 if self.month_only else 8):
            return template
        return f"{day:%Y-%m}" if self.month_only else f"{day:%Y-%m-%d}"

    def _typed(self) -> None:
        shown = self._shown(self.value())
        if shown != self.line.text():
            self.line.setText(shown)
        self.finished.emit()

    # --- calendar ------------------------------------------------------------------------------
    def open_calendar(self) -> None:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setGridVisible(True)
        start = as_date(self.value()) or self.suggest() or dt.date.today()
        calendar.setSelectedDate(QDate(start.year, start.month, start.day))
        calendar.setMaximumDate(QDate.currentDate().addYears(1))
        calendar.clicked.connect(lambda day: self._picked(calendar, day))
        calendar.activated.connect(lambda day: self._picked(calendar, day))
        calendar.move(self.mapToGlobal(QPoint(0, self.height())))
        calendar.show()
        self.calendar = calendar

    def _picked(self, calendar: QCalendarWidget, day: QDate) -> None:
        picked = dt.date(day.year(), day.month(), day.day())
        self.line.setText(f"{picked:%Y-%m}" if self.month_only else f"{picked:%Y-%m-%d}")
        calendar.close()
        self.calendar = None
        self.finished.emit()
