"""The main window: navigation on the left, the page on the right, status bar below.

Status bar: school, user, changes waiting to sync and the time of the last sync.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QWidget,
)

from desktop import PRODUCT_NAME
from desktop.services.context import Workspace
from desktop.services.school_info import school_info, sync_summary
from desktop.views.archive.page import ArchivePage
from desktop.views.changes.tasks_page import TasksPage
from desktop.views.changes.timeline import ChangesPage
from desktop.views.exchange.page import ExchangePage
from desktop.views.placeholder import PlaceholderPage
from desktop.views.printing.page import PrintPage
from desktop.views.roster.page import RosterPage
from desktop.views.settings_page import SettingsPage
from desktop.views.sync.page import SyncPage
from desktop.views.wording import tr

PAGES = ("学生名册", "学籍变动", "待办", "学籍档案", "打印", "数据交换", "同步", "设置")


class MainWindow(QMainWindow):
    lock_requested = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.school = school_info(workspace)
        self.setWindowTitle(f"{PRODUCT_NAME} — {self.school.name}")
        self.resize(1280, 720)
        self.nav = QListWidget()
        self.stack = QStackedWidget()
        self.roster = RosterPage(workspace)
        self.roster.print_student.connect(self.print_student)
        self.settings_page = SettingsPage(workspace)
        self.changes_page = ChangesPage(workspace)
        self.tasks_page = TasksPage(workspace)
        self.print_page = PrintPage(workspace)
        self.exchange_page = ExchangePage(workspace)
        self.exchange_page.imported.connect(self.refresh_after_change)
        self.archive_page = ArchivePage(workspace)
        self.sync_page = SyncPage(workspace)
        self.sync_page.synced.connect(self.refresh_after_change)
        self.changes_page.year_end_done.connect(self.refresh_after_change)
        self.archive_page.changed.connect(self.tasks_page.reload)
        self.archive_page.changed.connect(self.refresh_status)
        self._build_pages()
        self._build_status_bar()
        self._build_actions()
        self.refresh_status()

    def _build_pages(self) -> None:
        for title in PAGES:
            self.nav.addItem(tr(title))
            built = {"学生名册": self.roster, "设置": self.settings_page,
                     "学籍变动": self.changes_page, "待办": self.tasks_page,
                     "打印": self.print_page, "数据交换": self.exchange_page,
                     "学籍档案": self.archive_page, "同步": self.sync_page}
            self.stack.addWidget(built.get(title) or PlaceholderPage(title))
        self.nav.setFixedWidth(self.fontMetrics().horizontalAdvance("学籍变动学籍") + 32)
        self.nav.setStyleSheet("QListWidget::item { padding: 9px 8px; }")
        self.nav.currentRowChanged.connect(self.stack.setCurrentIndex)
        # 待办 is shown at unlock when something is overdue.
        self.nav.setCurrentRow(PAGES.index("待办") if self.tasks_page.overdue_count() else 0)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _build_status_bar(self) -> None:
        self.school_label = QLabel(f"{self.school.name}（{self.school.code}）")
        self.user_label = QLabel()
        self.sync_label = QLabel()
        bar = self.statusBar()
        for label in (self.school_label, self.user_label, self.sync_label):
            bar.addPermanentWidget(label)
        actor = self.workspace.actor
        self.user_label.setText(self.tr("用户：") + f"{actor.display_name}（{tr(actor.role.label)}）")

    def _build_actions(self) -> None:
        shortcuts = (
            (self.tr("锁定"), "Ctrl+L", self.lock_requested.emit),
            (self.tr("查找"), QKeySequence.StandardKey.Find, self._focus_search),
            (self.tr("新建学生"), QKeySequence.StandardKey.New, self.roster.new_student.emit),
        )
        menu = self.menuBar().addMenu(self.tr("文件"))
        for text, keys, slot in shortcuts:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            menu.addAction(action)
            self.addAction(action)

    def _focus_search(self) -> None:
        self.nav.setCurrentRow(0)
        self.roster.focus_search()

    def print_student(self, student_id: str) -> None:
        """The 打印 page, opened on one student (from the roster's menu)."""
        self.print_page.choose_student(student_id)
        self.nav.setCurrentRow(PAGES.index("打印"))

    def refresh_after_change(self) -> None:
        """A record or a status changed: every page that shows them reloads."""
        self.roster.reload()
        self.changes_page.reload()
        self.tasks_page.reload()
        self.print_page.reload()
        self.exchange_page.reload()
        self.archive_page.reload()
        self.refresh_status()

    def refresh_status(self) -> None:
        summary = sync_summary(self.workspace)
        last = summary.last_sync_at or self.tr("从未同步")
        self.sync_label.setText(self.tr("待同步 {n} 项 · 上次同步：{last}")
                                .format(n=summary.waiting, last=last))

    def closeEvent(self, event: QCloseEvent) -> None:
        self.sync_page.shutdown()
        self.workspace.lock()
        super().closeEvent(event)
