"""统计: the statistics tables with a bar chart of the chosen one (boys and girls stacked, or the
month totals of changes), exportable as an .xlsx workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QPainter, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.stats_xlsx import statistics_workbook
from desktop.services.context import Workspace
from desktop.services.reports.statistics import CountTable, school_statistics
from desktop.services.students.school import school_info
from desktop.views.widgets import dialogs
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.forms import ReadOnlyTable
from desktop.views.widgets.long_work import LongWork
from desktop.views.widgets.scrollbars import widen
from desktop.views.wording import say, tr

MAX_BARS = 16


class StatisticsTab(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.today = workspace, today
        self.tables: list[CountTable] = []
        self.choice = QComboBox()
        self.export_button = QPushButton(self.tr("导出为 Excel…"))
        self.banner = MessageBanner()
        self.table = ReadOnlyTable([])
        self.table.horizontalHeader().setStretchLastSection(False)  # counts stay narrow
        widen(self.table)  # the table scrolls a lot: its bars were too thin to hit
        self.chart_view = QChartView()
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self._layout()
        self.choice.currentIndexChanged.connect(lambda _i: self.show_table())
        self.export_button.clicked.connect(self.export)
        self.work = LongWork(self)
        self.work.failed.connect(self.banner.show_message)
        self.stale = True  # computed when first shown: the main window opens without waiting

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.choice, 1)
        top.addWidget(self.export_button)
        # Side by side: the table is narrow, and the chart's class names need its full height.
        self.splitter = splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.table)
        splitter.addWidget(self.chart_view)
        splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(splitter, 1)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self.stale:
            self.refresh()

    def reload(self) -> None:
        """The data changed: recompute now if shown, else when next shown."""
        self.stale = True
        if self.isVisible():
            self.refresh()

    def refresh(self) -> None:
        """Count again off the GUI thread (a progress window if it takes over half a second)."""
        self.stale = False
        if not self.work.start(self.tr("正在统计……"),
                               lambda: school_statistics(self.workspace, self.today), self._counted):
            self.stale = True  # a count is running: the next showing counts again

    def _counted(self, tables: object) -> None:
        if not isinstance(tables, list) or not tables:
            return
        chosen = max(self.choice.currentIndex(), 0)
        self.tables = tables
        self.choice.blockSignals(True)
        self.choice.clear()
        self.choice.addItems([tr(t.title) for t in self.tables])
        self.choice.setCurrentIndex(min(chosen, len(self.tables) - 1))
        self.choice.blockSignals(False)
        self.show_table()

    def current(self) -> CountTable:
        return self.tables[max(self.choice.currentIndex(), 0)]

    def show_table(self) -> None:
        data = self.current()
        self.table.clear()
        self.table.setColumnCount(len(data.columns) + 1)
        self.table.setHorizontalHeaderLabels([tr("项目"), *(tr(c) for c in data.columns)])
        self.table.setRowCount(len(data.rows))
        for row, (label, counts) in enumerate(data.rows):
            self.table.setItem(row, 0, QTableWidgetItem(label))
            for column, count in enumerate(counts, start=1):
                item = QTableWidgetItem(str(count))
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.chart_view.setChart(self._chart(data))
        self._fit_table()

    def _fit_table(self) -> None:
        """The table as wide as its columns; the chart takes the rest."""
        table = self.table
        needed = (sum(table.columnWidth(c) for c in range(table.columnCount()))
                  + table.verticalScrollBar().sizeHint().width() + 2 * table.frameWidth() + 4)
        table.setMaximumWidth(needed)
        total = self.splitter.width() - self.splitter.handleWidth()
        if total > needed:  # every column in view, no sideways scrolling; the chart the rest
            self.splitter.setSizes([needed, total - needed])

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self.tables:
            self.show_table()  # the chart's text and the table's width follow the text size

    def _chart(self, data: CountTable) -> QChart:
        rows = chart_rows(data)
        parts = ("男", "女") if "男" in data.columns else ("合计",)
        series = QHorizontalStackedBarSeries()
        for part in parts:
            index = data.columns.index(part)
            bar = QBarSet(tr(part))
            bar.append([float(counts[index]) for _label, counts in rows])
            series.append(bar)
        chart = QChart()
        chart.addSeries(series)
        chart.setTitle(tr(data.title))
        categories = QBarCategoryAxis()
        categories.append([label for label, _counts in rows])
        categories.setTruncateLabels(False)  # "一年级(1)班", never "…"
        values = QValueAxis()
        values.setLabelFormat("%d")
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(values)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        return chart

    def export(self) -> None:
        if self.stale or not self.tables:
            self.work.wait()
            self._counted(school_statistics(self.workspace, self.today))
            self.stale = False
        school = school_info(self.workspace)
        path = self.ask_save_path(str(Path.home() / f"{school.name}-学籍统计.xlsx"))
        if path is None:
            return
        try:
            path.write_bytes(statistics_workbook(self.tables, school.name))
        except OSError:
            self.banner.show_message(say("file.write_failed", {"path": str(path)}))
            return
        self.banner.show_message(self.tr("已导出到 ") + str(path), "info")

    def ask_save_path(self, suggested: str) -> Path | None:
        return dialogs.save_path(self, self.tr("导出统计"), suggested, "Excel (*.xlsx)")


def chart_rows(data: CountTable, most: int = MAX_BARS) -> list[tuple[str, tuple[int, ...]]]:
    """The rows to draw: the detail rows, or the grade subtotals when there are too many
    classes for readable bars."""
    detail = [(label, counts) for label, counts in data.rows if not label.endswith(("小计", "合计"))]
    subtotals = [(label.removesuffix("小计"), counts) for label, counts in data.rows
                 if label.endswith("小计")]
    return subtotals if len(detail) > most and subtotals else detail[:most * 2]
