"""数据交换: tabs for importing and exporting the national Excel template and for statistics."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from desktop.services.changed import EVERYTHING
from desktop.services.context import Workspace
from desktop.views.exchange.export_tab import ExportTab
from desktop.views.exchange.import_tab import ImportTab
from desktop.views.exchange.lists_tab import ListsTab
from desktop.views.exchange.photo_tab import PhotoTab
from desktop.views.exchange.reconcile_tab import ReconcileTab
from desktop.views.exchange.stats_tab import StatisticsTab
from desktop.views.wording import tr

TABS = ("导入", "导出", "核对", "统计", "照片", "名单")


class ExchangePage(QWidget):
    imported = Signal(object)  # a Changed: what an import, a reconciliation or a list wrote
    start_record = Signal(object)  # WaitingPupil: a new pupil's record begun from a list

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.importing = ImportTab(workspace)
        self.exporting = ExportTab(workspace)
        self.reconciling = ReconcileTab(workspace)
        self.statistics = StatisticsTab(workspace)
        self.photos = PhotoTab(workspace)
        self.lists = ListsTab(workspace)
        self.tabs = QTabWidget()
        tabs = (self.importing, self.exporting, self.reconciling, self.statistics, self.photos,
                self.lists)
        for tab, title in zip(tabs, TABS, strict=True):
            self.tabs.addTab(tab, tr(title))
        self.importing.imported.connect(self.imported)
        self.reconciling.reconciled.connect(lambda: self.imported.emit(EVERYTHING))
        self.lists.imported.connect(lambda: self.imported.emit(EVERYTHING))
        self.lists.start_record.connect(self.start_record)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)

    def show_students_again(self) -> None:
        """After pupils' own records changed: an ID number corrected to a listed pupil's takes
        that pupil off the 名单 tab's waiting list (the counts by class did not change)."""
        self.lists.reload()

    def reload(self) -> None:
        self.exporting.reload()
        self.statistics.reload()
        self.photos.reload()
        self.lists.reload()
