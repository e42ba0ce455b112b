"""The main window: navigation on the left, the page on the right, status bar below.

Status bar: school, user, changes waiting to sync and the time of the last sync. The window
opens on the roster, the only page built before it shows. The 学籍变动, 待办, 同步 and 设置
pages are built a moment after the roster is on screen, one per turn of the event loop (the
同步 page keeps the sync schedule, so it is built even if never shown); the 学籍档案, 打印 and
数据交换 pages (and the PDF, Excel and chart libraries behind them) the first time they are
needed. Any page asked for earlier is built at once. The 待办 list is read when its page is
first shown (after the roster's first paint only the overdue items are counted, for the line
under 待办), and the sync page loads its HTTP client at the first sync.

After a write the window shows again what the write's service says it changed (a Changed):
a pupil's save re-reads the roster's rows and leaves the other pages alone; only a sync or a
year end, which may change records anywhere, reloads every page.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, cast

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QCloseEvent, QColor, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.changed import EVERYTHING, Changed
from desktop.services.context import Workspace
from desktop.services.students.school import school_info, sync_summary
from desktop.views.placeholder import PlaceholderPage
from desktop.views.roster.page import RosterPage
from desktop.views.sync.worker import SyncRunner, Work
from desktop.views.widgets.dialogs import open_path
from desktop.views.widgets.long_work import LongWork
from desktop.views.wording import say, tr

if TYPE_CHECKING:  # built just after the window shows, or on first use (_make_page)
    from desktop.views.archive.page import ArchivePage
    from desktop.views.changes.tasks_page import TasksPage
    from desktop.views.changes.timeline import ChangesPage
    from desktop.views.exchange.page import ExchangePage
    from desktop.views.printing.page import PrintPage
    from desktop.views.settings_page import SettingsPage
    from desktop.views.sync.page import SyncPage

    LazyPage = (PrintPage | ExchangePage | ArchivePage | SyncPage | ChangesPage | TasksPage
                | SettingsPage)

# Pages in the order of the list on the left, each found by a stable id (titles are words
# for people and may change).
PAGE_TITLES = {"roster": "学生名册", "changes": "学籍变动", "tasks": "待办", "archive": "学籍档案",
               "print": "打印", "exchange": "数据交换", "sync": "同步", "settings": "设置"}
PAGES = tuple(PAGE_TITLES)


class MainWindow(QMainWindow):
    lock_requested = Signal()
    open_database_requested = Signal(object)  # Path of another school's database
    start_record = Signal(object)  # WaitingPupil: a new pupil's record begun from a list
    idle_minutes_changed = Signal(int)  # from 设置, whenever it is built
    text_scale_changed = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.school = school_info(workspace)
        self.setWindowTitle(self.school.name)
        self.resize(1280, 720)
        self.nav = QListWidget()
        self.stack = QStackedWidget()
        self.roster = RosterPage(workspace)
        self.roster.print_student.connect(self.print_student)
        self.counter = SyncRunner(self)  # counts the overdue items for the line under 待办
        self.counter.finished.connect(self._on_counted)
        self._recount = False
        self.lazy: dict[str, LazyPage] = {}  # page id -> page built on first use
        self.holders: dict[str, QWidget] = {}
        self.holder_layouts: dict[str, QVBoxLayout] = {}
        self._build_pages()
        self._build_status_bar()
        self._build_actions()
        self.refresh_status()

    def _build_pages(self) -> None:
        for page_id, title in PAGE_TITLES.items():
            self.nav.addItem(tr(title))
            if page_id in LAZY:
                self.holders[page_id] = QWidget()
                self.holder_layouts[page_id] = QVBoxLayout(self.holders[page_id])
                self.holder_layouts[page_id].setContentsMargins(0, 0, 0, 0)
            self.stack.addWidget(self.roster if page_id == "roster" else self.holders.get(page_id)
                                 or PlaceholderPage(title))
        self._fit_nav()
        self.nav.setStyleSheet("QListWidget::item { padding: 9px 8px; }")
        self.nav.currentRowChanged.connect(self._show_page)
        self.nav.setCurrentRow(0)  # the roster; 待办 says how much is overdue beside its name
        # Counted in the background a moment after the window opens, so the first seconds of
        # searching and scrolling do not share the processor with it.
        QTimer.singleShot(BADGE_DELAY_MS, self.refresh_task_badge)
        self.soon = QTimer(self, singleShot=True, interval=SOON_MS)  # dies with the window
        self.soon.timeout.connect(self._build_next_soon)
        self.soon.start()
        self._opened_at = self._typed_at = time.monotonic()
        self.roster.search.textChanged.connect(self._typed)
        central = QWidget()
        layout = QHBoxLayout(central)
        layout.addWidget(self.nav)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def _fit_nav(self) -> None:
        self.nav.setFixedWidth(self.fontMetrics().horizontalAdvance("学籍变动学籍") + 32)

    def changeEvent(self, event: QEvent) -> None:
        """The text size changed (设置): the page list follows at once."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self.nav.setFont(self.font())  # its style sheet keeps the old size otherwise
            self._fit_nav()

    def _show_page(self, row: int) -> None:
        if PAGES[row] in LAZY:
            self.page(PAGES[row])
        self.stack.setCurrentIndex(row)

    def _typed(self) -> None:
        self._typed_at = time.monotonic()

    def _build_next_soon(self) -> None:
        """Build the next page of SOON not built yet; one per turn, so painting goes on
        between them, and not while the registrar is typing a search (each keystroke would
        wait for a page), unless that has gone on for SOON_LATEST_S."""
        waiting = [page_id for page_id in SOON if page_id not in self.lazy]
        if not waiting:
            return
        now = time.monotonic()
        if now - self._typed_at < SOON_MS / 1000 and now - self._opened_at < SOON_LATEST_S:
            self.soon.start(SOON_MS)
            return
        self.page(waiting[0])
        self.soon.start(0)

    def page(self, page_id: str) -> LazyPage:
        """A lazily built page, built now if it is not yet."""
        if page_id not in self.lazy:
            page = _make_page(page_id, self.workspace)
            self.lazy[page_id] = page
            self.holder_layouts[page_id].addWidget(page)
            self._connect(page_id, page)
        return self.lazy[page_id]

    def _connect(self, page_id: str, page: LazyPage) -> None:
        if page_id == "exchange":
            exchange = cast("ExchangePage", page)
            exchange.imported.connect(self.refresh)
            exchange.start_record.connect(self.start_record)
        elif page_id == "archive":
            from desktop.services.archive.write import ARCHIVE_WRITTEN  # loaded with its page

            cast("ArchivePage", page).changed.connect(lambda: self.refresh(ARCHIVE_WRITTEN))
        elif page_id == "sync":
            cast("SyncPage", page).synced.connect(self.refresh_after_change)
        elif page_id == "changes":  # a year end: every list moves
            cast("ChangesPage", page).year_end_done.connect(self.refresh_after_change)
        elif page_id == "settings":
            settings_page = cast("SettingsPage", page)
            settings_page.idle_minutes_changed.connect(self.idle_minutes_changed)
            settings_page.text_scale_changed.connect(self.text_scale_changed)

    @property
    def changes_page(self) -> ChangesPage:
        return cast("ChangesPage", self.page("changes"))

    @property
    def tasks_page(self) -> TasksPage:
        return cast("TasksPage", self.page("tasks"))

    @property
    def sync_page(self) -> SyncPage:
        return cast("SyncPage", self.page("sync"))

    @property
    def settings_page(self) -> SettingsPage:
        return cast("SettingsPage", self.page("settings"))

    @property
    def print_page(self) -> PrintPage:
        return cast("PrintPage", self.page("print"))

    @property
    def exchange_page(self) -> ExchangePage:
        return cast("ExchangePage", self.page("exchange"))

    @property
    def archive_page(self) -> ArchivePage:
        return cast("ArchivePage", self.page("archive"))

    def _build_status_bar(self) -> None:
        self.school_label = QLabel(f"{self.school.name}（{self.school.code}）")
        self.user_label = QLabel()
        self.sync_label = QLabel()
        bar = self.statusBar()
        for label in (self.school_label, self.user_label, self.sync_label):
            bar.addPermanentWidget(label)
        if self.workspace.read_only:  # a read-only USB stick or folder: say it all the time
            self.read_only_label = QLabel(say("store.opened_read_only"))
            self.read_only_label.setStyleSheet("color: #b00020; font-weight: bold;")
            bar.addPermanentWidget(self.read_only_label)
        actor = self.workspace.actor
        self.user_label.setText(self.tr("用户：") + f"{actor.display_name}（{tr(actor.role.label)}）")

    def _build_actions(self) -> None:
        shortcuts = (
            (self.tr("锁定"), "Ctrl+L", self.lock_requested.emit),
            (self.tr("查找"), QKeySequence.StandardKey.Find, self._focus_search),
            (self.tr("新建学生"), QKeySequence.StandardKey.New, self.roster.new_student.emit),
        )
        # Kept for whoever needs the menu (tests, later menus). Never reach it through
        # QAction.menu(): PySide6 < 6.10 (the legacy build's) makes the menu's Python object a
        # child of that action's, and when the action's object is collected the menu's becomes
        # "already deleted" although Qt's menu lives on, including this attribute.
        self.file_menu = menu = self.menuBar().addMenu(self.tr("文件"))
        for text, keys, slot in shortcuts:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(slot)
            menu.addAction(action)
            self.addAction(action)
        menu.addSeparator()
        menu.addAction(self.tr("打开其他学校数据库…"), self.choose_database)
        menu.addSeparator()
        leave = menu.addAction(self.tr("退出"), self.close)
        leave.setShortcut(QKeySequence(QKeySequence.StandardKey.Quit))
        leave.setMenuRole(QAction.MenuRole.QuitRole)

    def choose_database(self) -> None:
        """Ask for another school's database file; the controller locks this one and opens it."""
        path = open_path(self, self.tr("打开其他学校数据库"), self.tr("学籍数据库 (*.db)"))
        if path is not None:
            self.open_database_requested.emit(path)

    def _focus_search(self) -> None:
        self.nav.setCurrentRow(0)
        self.roster.focus_search()

    def print_student(self, student_id: str) -> None:
        """The 打印 page, opened on one student (from the roster's menu)."""
        self.print_page.choose_student(student_id)
        self.nav.setCurrentRow(PAGES.index("print"))

    def refresh_after_change(self) -> None:
        """After a sync or a year end, when records anywhere may have changed: every page."""
        self.refresh(EVERYTHING)

    def refresh(self, changed: Changed) -> None:
        """Show again what a write changed, and only that (a write service says what)."""
        if changed.roster:
            self.roster.reload()
        elif changed.students:
            self.roster.refresh_rows()
        for page_id, page in self.lazy.items():  # a page not built yet reads when it is
            if _shows(page_id, page, changed):
                cast("_Reloading", page).reload()
            elif page_id == "exchange" and changed.students:
                cast("ExchangePage", page).show_students_again()
        self.refresh_status()  # every write queues changes for the registry
        if changed.tasks:
            self.refresh_task_badge()

    def refresh_task_badge(self) -> None:
        """Count what is overdue (off the GUI thread unless 待办 holds its list already)."""
        if "tasks" in self.lazy and self.tasks_page.loaded:
            self._show_task_badge(self.tasks_page.overdue_count())
        elif not self.counter.start(_count_overdue(self.workspace)):
            self._recount = True  # a count is running: count again once it is done

    def _on_counted(self, overdue: object) -> None:
        if self._recount:
            self._recount = False
            self.refresh_task_badge()
        elif isinstance(overdue, int):
            self._show_task_badge(overdue)

    def _show_task_badge(self, overdue: int) -> None:
        """待办 with "n 项逾期" under it in red, or just 待办."""
        item = self.nav.item(PAGES.index("tasks"))
        item.setText(tr("待办") + "\n" + self.tr("{n} 项逾期").format(n=overdue) if overdue else tr("待办"))
        item.setForeground(QBrush(OVERDUE) if overdue else QBrush())
        item.setToolTip(self.tr("有 {n} 项已过期限，点此查看").format(n=overdue) if overdue else "")

    def refresh_status(self) -> None:
        summary = sync_summary(self.workspace)
        last = summary.last_sync_at or self.tr("从未同步")
        self.sync_label.setText(self.tr("待同步 {n} 项 · 上次同步：{last}")
                                .format(n=summary.waiting, last=last))

    def stop_background_work(self) -> None:
        """Let every job off the GUI thread finish (a sync stops at its next step; an export or
        a backup finishes its file) and start no other. Called before the drafts and the
        closing backup are written, so neither waits for a job's write lock (and a draft is not
        lost to a busy database), and again, harmlessly, by closeEvent."""
        self.counter.shutdown()
        if "sync" in self.lazy:
            self.sync_page.shutdown()
        for work in self.findChildren(LongWork):
            work.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.stop_background_work()
        self.workspace.lock()
        super().closeEvent(event)


SOON = ("sync", "changes", "tasks", "settings")  # built just after the roster is on screen
LAZY = (*SOON, "archive", "print", "exchange")
OVERDUE = QColor("#b3261e")
BADGE_DELAY_MS = 2000
SOON_MS = 300  # after the window opens, and after the last keystroke of a search
SOON_LATEST_S = 30  # then they are built even while typing (同步 keeps the schedule)


class _Reloading(Protocol):
    def reload(self) -> None: ...


def _count_overdue(workspace: Workspace) -> Work:
    def count(_stop: threading.Event, _progress: Callable[[str, int, int], None]) -> int:
        from desktop.services.changes.tasks import overdue_count

        return overdue_count(workspace)

    return count


def _shows(page_id: str, page: LazyPage, changed: Changed) -> bool:
    """Whether a built LAZY page shows something `changed` names: the 学籍档案 list shows
    pupils and their registers, 打印 the classes, 数据交换 counts pupils by class and status."""
    if page_id in ("sync", "settings"):
        return False  # they show no records
    if changed.roster:
        return True
    if page_id in ("changes", "tasks"):
        return bool(changed.status if page_id == "changes" else changed.tasks)
    if page_id == "archive":
        return cast("ArchivePage", page).shows_any(changed.students)
    return page_id == "exchange" and changed.status


def _make_page(page_id: str, workspace: Workspace) -> LazyPage:
    """Import and build one of the LAZY pages."""
    if page_id in SOON:
        return _make_soon_page(page_id, workspace)
    if page_id == "print":
        from desktop.views.printing.page import PrintPage

        return PrintPage(workspace)
    if page_id == "exchange":
        from desktop.views.exchange.page import ExchangePage

        return ExchangePage(workspace)
    from desktop.views.archive.page import ArchivePage

    return ArchivePage(workspace)


def _make_soon_page(page_id: str, workspace: Workspace) -> LazyPage:
    if page_id == "sync":
        from desktop.views.sync.page import SyncPage

        return SyncPage(workspace)
    if page_id == "changes":
        from desktop.views.changes.timeline import ChangesPage

        return ChangesPage(workspace)
    if page_id == "tasks":
        from desktop.views.changes.tasks_page import TasksPage

        return TasksPage(workspace)
    from desktop.views.settings_page import SettingsPage

    return SettingsPage(workspace)
