"""The main window opens maximised, keeps its size and state across locks, titles do not
repeat the product name, the 文件 menu opens another school's database or quits, and the
unlock dialog names the school (its file in a tooltip) with 忘记密码 drawn as a link."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QMenu

from desktop import PRODUCT_NAME
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.views import main_window as main_window_module
from desktop.views.controller import AppController
from desktop.views.unlock_dialog import UnlockDialog
from tests.conftest import FAST_KDF, PASSWORD
from tests.gui import test_controller as base
from tests.gui.test_controller import unlock_with

existing_db, make_controller, unlocked = base.existing_db, base.make_controller, base.unlocked


def file_menu(window) -> QMenu:  # type: ignore[no-untyped-def]
    """The window's 文件 menu, checked to be the one its menu bar shows. Not found through
    QAction.menu(): on PySide6 6.9 its result dies with the action's Python object."""
    menu = window.file_menu
    assert menu.title() == "文件"
    assert [a.text() for a in window.menuBar().actions()][:1] == ["文件"]
    assert menu.menuAction() in window.menuBar().actions()
    return menu


def as_shown(title: str) -> str:
    """The title as X11 and Windows show it: Qt appends the display name unless it ends so."""
    return title if title.endswith(PRODUCT_NAME) else f"{title} — {PRODUCT_NAME}"


def test_the_window_opens_maximised_then_as_it_was_left(qtbot, unlocked: AppController) -> None:
    window = unlocked.window
    assert window.isMaximized()
    window.showNormal()
    window.setGeometry(20, 20, 860, 640)  # above its minimum size (842×556)
    qtbot.waitUntil(lambda: not window.isMaximized() and window.height() == 640)
    size = window.size()
    unlocked.lock()
    again = unlock_with(qtbot, unlocked)
    assert not again.isMaximized()
    assert again.height() == size.height()  # the width: the offscreen screen is only 800 wide
    again.showMaximized()
    qtbot.waitUntil(again.isMaximized)
    unlocked.lock()
    assert unlock_with(qtbot, unlocked).isMaximized()


def test_titles_name_the_product_once(qtbot, unlocked: AppController) -> None:
    QApplication.setApplicationDisplayName(PRODUCT_NAME)
    window = unlocked.window
    assert as_shown(window.windowTitle()).count(PRODUCT_NAME) == 1
    unlocked.lock()
    assert as_shown(unlocked.dialog.windowTitle()) == f"解锁 — {PRODUCT_NAME}"


def test_the_unlock_dialog_names_the_school(qtbot, unlocked: AppController) -> None:
    unlocked.lock()  # the school's name was seen when it was unlocked
    dialog = unlocked.dialog
    assert dialog.school_label.text() == "学校：测试县第一小学"
    assert str(unlocked.db_path) in dialog.school_label.toolTip()
    assert str(unlocked.db_path) not in dialog.school_label.text()
    assert "underline" in dialog.forgot.styleSheet() and dialog.forgot.isFlat()


def test_an_unknown_database_is_named_by_its_file(make_controller, tmp_path: Path) -> None:
    path = tmp_path / "新河小学.db"
    create_database(path, NewSchool(code="4406040002", name="新河小学", stages="小学"),
                    "registrar", PASSWORD, FAST_KDF)[0].lock()
    controller = make_controller(path)
    controller.start()
    assert controller.dialog.school_label.text() == "学校：新河小学"


def test_file_menu_opens_another_schools_database(qtbot, monkeypatch, tmp_path: Path,
                                                   unlocked: AppController) -> None:
    other = tmp_path / "other" / "二小.db"
    other.parent.mkdir()
    create_database(other, NewSchool(code="4406040003", name="第二小学", stages="小学"),
                    "registrar", PASSWORD, FAST_KDF)[0].lock()
    monkeypatch.setattr(main_window_module, "open_path", lambda *_args: other)
    window, old = unlocked.window, unlocked.workspace
    texts = [a.text() for a in file_menu(window).actions()]
    assert "打开其他学校数据库…" in texts and texts[-1] == "退出"
    next(a for a in file_menu(window).actions() if a.text() == "打开其他学校数据库…").trigger()
    assert unlocked.window is None and old.store.key == b""
    assert isinstance(unlocked.dialog, UnlockDialog) and unlocked.dialog.db_path == other
    second = unlock_with(qtbot, unlocked)
    assert second.windowTitle() == "第二小学"


def test_file_menu_quits(qtbot, unlocked: AppController) -> None:
    window, old = unlocked.window, unlocked.workspace
    next(a for a in file_menu(window).actions() if a.text() == "退出").trigger()
    assert not window.isVisible()
    assert old.store.key == b""
