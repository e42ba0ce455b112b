"""The main window: navigation, placeholder pages, the status bar, the settings page."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QPushButton

from desktop.models.errors import WrongPassword
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import unlock
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search
from desktop.views import main_window, settings
from desktop.views.main_window import PAGE_TITLES, PAGES, SOON, MainWindow
from desktop.views.placeholder import PlaceholderPage
from desktop.views.roster.page import RosterPage
from desktop.views.settings_page import SettingsPage
from tests.conftest import PASSWORD
from tests.factories import SCHOOL_CODE, valid_row

NEW_PASSWORD = "New-pass-2026"


@pytest.fixture
def window(qtbot, ws: Workspace) -> Iterator[MainWindow]:
    window = MainWindow(ws)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    yield window


def button(widget, text: str) -> QPushButton:
    return next(b for b in widget.findChildren(QPushButton) if b.text() == text)


def test_eight_pages_in_the_navigation(window: MainWindow) -> None:
    assert window.nav.count() == 8 == len(PAGES)
    assert [window.nav.item(i).text() for i in range(8)] == [
        "学生名册", "学籍变动", "待办", "学籍档案", "打印", "数据交换", "同步", "设置"]
    assert window.stack.count() == 8
    assert window.stack.currentWidget() is window.roster


def test_choosing_an_entry_shows_its_page(window: MainWindow) -> None:
    for row in range(8):
        window.nav.setCurrentRow(row)
        assert window.stack.currentIndex() == row
    assert isinstance(window.stack.widget(0), RosterPage)
    assert isinstance(window.settings_page, SettingsPage)
    assert window.stack.widget(7).isAncestorOf(window.settings_page)


def test_only_the_roster_is_built_before_the_window_shows(qtbot, ws: Workspace) -> None:
    """The other everyday pages follow a moment later, one per turn of the event loop; the
    同步 page among them, since it keeps the sync schedule even if it is never shown."""
    window = MainWindow(ws)
    qtbot.addWidget(window)
    assert window.lazy == {}
    assert window.stack.widget(0) is window.roster
    qtbot.waitUntil(lambda: set(SOON) <= set(window.lazy), timeout=5000)
    assert window.stack.widget(PAGES.index("sync")).isAncestorOf(window.lazy["sync"])
    assert not {"archive", "print", "exchange"} & set(window.lazy)  # built when first needed


def test_the_pages_wait_while_a_search_is_typed(qtbot, ws: Workspace, monkeypatch) -> None:
    monkeypatch.setattr(main_window, "SOON_MS", 1500)  # a pause well above a busy machine's
    window = MainWindow(ws)
    qtbot.addWidget(window)
    for text in ("w", "wa", "wan", "wang", "wan", "wa", "w", "wa", "wan", "wang"):
        window.roster.search.setText(text)
        qtbot.wait(200)  # a keystroke every 200 ms: less than the pause the pages wait for
    assert window.lazy == {}
    qtbot.waitUntil(lambda: set(SOON) <= set(window.lazy), timeout=15000)


def test_settings_reach_the_window_whenever_their_page_is_built(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.idle_minutes_changed) as minutes:
        window.settings_page.idle.setValue(7)
    assert minutes.args == [7]


def test_clicking_an_entry_shows_its_page(qtbot, window: MainWindow) -> None:
    item = window.nav.item(2)
    centre = window.nav.visualItemRect(item).center()
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert window.stack.currentIndex() == 2
    assert window.stack.currentWidget().isVisible()


def test_pages_not_built_yet_say_so(window: MainWindow) -> None:
    for row, page_id in enumerate(PAGES):
        title, page = PAGE_TITLES[page_id], window.stack.widget(row)
        if title in ("学生名册", "设置", "学籍变动", "待办", "打印"):
            assert not isinstance(page, PlaceholderPage), title
            continue
        if not isinstance(page, PlaceholderPage):
            continue
        label = page.findChild(QLabel, "placeholderText")
        assert label is not None
        assert "尚未开放" in label.text()
        assert f"“{title}”" in label.text()
        assert "开放后可以" in label.text()
        window.nav.setCurrentRow(row)
        assert label.isVisible()


def test_title_and_status_bar(window: MainWindow, ws: Workspace) -> None:
    assert window.windowTitle() == "测试县第一小学"  # Qt adds " — 学籍管理"
    assert "测试县第一小学" in window.windowTitle()
    assert window.school_label.text() == f"测试县第一小学（{SCHOOL_CODE}）"
    assert "registrar" in window.user_label.text()
    assert "学籍管理员" in window.user_label.text()
    assert "待同步 0 项" in window.sync_label.text()
    assert "从未同步" in window.sync_label.text()
    for label in (window.school_label, window.user_label, window.sync_label):
        assert label.isVisible()

    add_students(ws, [valid_row()])
    window.refresh_status()
    assert "待同步 1 项" in window.sync_label.text()


def test_closing_the_window_drops_the_key(window: MainWindow, ws: Workspace) -> None:
    window.close()
    assert ws.store.key == b""


def test_ctrl_f_focuses_the_search(qtbot, window: MainWindow) -> None:
    window.nav.setCurrentRow(3)
    with qtbot.waitActive(window):
        window.activateWindow()
    window.roster.search.setText("zs")
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.currentIndex() == 0
    assert window.focusWidget() is window.roster.search
    assert window.roster.search.selectedText() == "zs"


def test_ctrl_n_asks_for_a_new_student(qtbot, window: MainWindow) -> None:
    with qtbot.waitActive(window):
        window.activateWindow()
    with qtbot.waitSignal(window.roster.new_student, timeout=2000):
        qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)


# --- settings page ----------------------------------------------------------------------------
def test_settings_are_kept_in_the_test_folder(isolated_settings: Path) -> None:
    store = QSettings(settings.ORGANISATION, settings.APPLICATION)
    assert Path(store.fileName()).is_relative_to(isolated_settings)


def test_idle_minutes(qtbot, window: MainWindow) -> None:
    page = window.settings_page
    assert page.idle.value() == settings.IDLE_MINUTES.get() == 10
    with qtbot.waitSignal(page.idle_minutes_changed, timeout=2000) as changed:
        page.idle.setValue(25)
    assert changed.args == [25]
    assert settings.IDLE_MINUTES.get() == 25
    store = QSettings(settings.ORGANISATION, settings.APPLICATION)
    assert int(store.value(settings.IDLE_MINUTES.key)) == 25
    assert SettingsPage(window.workspace).idle.value() == 25  # read back by the next window


def test_idle_minutes_typed_with_the_keyboard(qtbot, window: MainWindow) -> None:
    page = window.settings_page
    window.nav.setCurrentRow(7)
    page.idle.setFocus()
    page.idle.lineEdit().selectAll()
    with qtbot.waitSignal(page.idle_minutes_changed, timeout=2000,
                          check_params_cb=lambda minutes: minutes == 30):
        qtbot.keyClicks(page.idle.lineEdit(), "30")
    assert settings.IDLE_MINUTES.get() == 30


def test_text_scale(qtbot, window: MainWindow) -> None:
    page = window.settings_page
    with qtbot.waitSignal(page.text_scale_changed, timeout=2000) as changed:
        page.scale.setValue(120)
    assert changed.args == [120]
    assert settings.TEXT_SCALE.get() == 120


def test_change_password(qtbot, window: MainWindow, db_path: Path) -> None:
    page = window.settings_page
    window.nav.setCurrentRow(7)
    page.new_password.setText(NEW_PASSWORD)
    page.again.setText(NEW_PASSWORD)
    qtbot.mouseClick(button(page, "修改密码"), Qt.MouseButton.LeftButton)
    assert page.banner.isVisible()
    assert "密码已修改" in page.banner.text()
    assert page.new_password.text() == "" and page.again.text() == ""
    unlock(db_path, "registrar", NEW_PASSWORD).lock()
    with pytest.raises(WrongPassword):
        unlock(db_path, "registrar", PASSWORD)


@pytest.mark.parametrize(("new", "again", "says"), [
    (NEW_PASSWORD, NEW_PASSWORD + "x", "两次输入的密码不一致"),
    ("short", "short", "密码至少 8 位"),
])
def test_change_password_refused(qtbot, window: MainWindow, db_path: Path, new: str, again: str,
                                 says: str) -> None:
    page = window.settings_page
    window.nav.setCurrentRow(7)
    page.new_password.setText(new)
    page.again.setText(again)
    qtbot.mouseClick(button(page, "修改密码"), Qt.MouseButton.LeftButton)
    assert page.banner.isVisible()
    assert says in page.banner.text()
    unlock(db_path, "registrar", PASSWORD).lock()  # the old password still works


def test_show_recovery_key(qtbot, window: MainWindow, created: tuple[Workspace, str]) -> None:
    page = window.settings_page
    window.nav.setCurrentRow(7)
    assert page.key_label.text() == ""
    qtbot.mouseClick(button(page, "显示恢复密钥"), Qt.MouseButton.LeftButton)
    assert page.key_label.text() == created[1]


def test_print_from_the_roster_menu_opens_the_print_page(window: MainWindow, ws: Workspace) -> None:
    add_students(ws, [valid_row(name="王小明", seq=11)])
    window.refresh_after_change()
    row = window.roster.model.row_at(0)
    window.roster.table.print_requested.emit(row.id)
    assert window.stack.currentIndex() == PAGES.index("print")
    assert window.print_page.isVisible()
    assert window.print_page.matches.currentItem().text().startswith(row.name)


def test_heavy_pages_are_built_on_first_view(window: MainWindow) -> None:
    heavy = {"archive", "print", "exchange"}
    assert not heavy & set(window.lazy)  # the window opened without them
    window.nav.setCurrentRow(PAGES.index("exchange"))
    assert heavy & set(window.lazy) == {"exchange"} and window.exchange_page.isVisible()
    window.refresh_after_change()  # built pages reload with the others


def test_the_to_do_list_is_read_when_its_page_is_first_shown(window: MainWindow, ws: Workspace) -> None:
    assert not window.tasks_page.loaded  # nothing overdue: the roster opens, 待办 waits
    add_students(ws, [valid_row(name="王小明", seq=11)])
    student = search(ws, StudentQuery(text="王小明")).rows[0].id
    apply_change(ws, ChangeRequest(student=student, change="转出", effective=dt.date(2026, 9, 28)))
    window.refresh_after_change()
    assert not window.tasks_page.loaded
    window.nav.setCurrentRow(PAGES.index("tasks"))
    assert window.tasks_page.loaded and window.tasks_page.model.rowCount() == 1


def test_the_roster_opens_and_to_do_says_how_much_is_overdue(qtbot, ws: Workspace) -> None:
    add_students(ws, [valid_row(name="王小明", seq=11)])
    student = search(ws, StudentQuery(text="王小明")).rows[0].id
    apply_change(ws, ChangeRequest(student=student, change="转出", effective=dt.date(2026, 9, 28)))
    window = MainWindow(ws)
    qtbot.addWidget(window)
    with qtbot.waitExposed(window):
        window.show()
    assert window.stack.currentWidget() is window.roster and not window.tasks_page.loaded
    item = window.nav.item(PAGES.index("tasks"))
    qtbot.waitUntil(lambda: "1 项逾期" in item.text())
    assert item.foreground().color().name() == "#b3261e"
    window.nav.setCurrentRow(PAGES.index("tasks"))
    assert window.tasks_page.model.rowCount() == 1
    assert "逾期" in window.tasks_page.model.index(0, 0).data()
    apply_change(ws, ChangeRequest(student=student, change="转出完成", effective=dt.date(2026, 10, 9)))
    window.refresh_after_change()
    assert item.text() == "待办"


def test_closing_waits_for_a_running_export(qtbot, window: MainWindow, ws: Workspace,
                                            monkeypatch, tmp_path: Path) -> None:
    """The key is dropped only after work running off the GUI thread has finished its file."""
    import time

    tab = window.exchange_page.exporting
    finished: list[bool] = []

    def slow_export(*_args, **_kwargs) -> int:
        time.sleep(0.5)
        finished.append(ws.store.key != b"")  # the database is still open while it writes
        return 0

    from desktop.views.exchange import export_tab

    monkeypatch.setattr(export_tab, "export_workbook", slow_export)
    monkeypatch.setattr(tab, "ask_save_path", lambda _s: tmp_path / "out.xlsx")
    tab.export()
    assert tab.work.busy
    window.close()
    assert finished == [True]
    assert ws.store.key == b""


def test_pages_are_found_by_their_id_not_their_title(window: MainWindow) -> None:
    """Each page sits at the row of its id, whatever words its title uses."""
    for page_id in ("archive", "print", "exchange"):
        page = window.page(page_id)
        assert window.stack.widget(PAGES.index(page_id)).isAncestorOf(page), page_id
    assert window.nav.item(PAGES.index("exchange")).text() == PAGE_TITLES["exchange"]
