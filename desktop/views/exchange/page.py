"""数据交换: tabs for importing and exporting the national Excel template and for statistics."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.services.context import Workspace
from desktop.views.exchange.stats_tab import StatisticsTab
from desktop.views.wording import tr

TABS = ("统计",)


class ExchangePage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.statistics = StatisticsTab(workspace)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.statistics, tr("统计"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def reload(self) -> None:
        self.statistics.reload()
