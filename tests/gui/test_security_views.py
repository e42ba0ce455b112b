"""The security parts of the app: 设置 → 备份 (立即备份, 备份位置, 恢复演练), the audit-log
dialog and its export, the unlock dialog counting down after wrong passwords, a viewer's
roster that cannot show whole ID numbers, and backups made when the window locks or exits."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from desktop.services.context import Role, Workspace
from desktop.services.safekeeping import login_guard
from desktop.services.safekeeping.accounts import add_account, unlock
from desktop.services.safekeeping.backup_policy import backups_in, default_folder
from desktop.services.students.add import add_students
from desktop.views.audit_dialog import AuditDialog
from desktop.views.controller import AppController
from desktop.views.roster.page import RosterPage
from desktop.views.settings_page import SettingsPage
from desktop.views.unlock_dialog import UnlockDialog
from tests.conftest import FAST_KDF, PASSWORD
from tests.factories import valid_row
from tests.gui.conftest import drop_dialog


@pytest.fixture
def page(qtbot, ws: Workspace) -> SettingsPage:
    add_students(ws, [valid_row()])
    page = SettingsPage(ws)
    qtbot.addWidget(page)
    return page


@pytest.fixture
def viewer(ws: Workspace, db_path: Path) -> Iterator[Workspace]:
    add_students(ws, [valid_row()])
    add_account(ws, "viewer1", Role.VIEWER, "viewer-pass-1", FAST_KDF)
    viewer = unlock(db_path, "viewer1", "viewer-pass-1")
    yield viewer
    viewer.lock()


def click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def backed_up(qtbot, section) -> None:  # type: ignore[no-untyped-def]
    """Click 立即备份 and wait for the backup, which runs off the GUI thread."""
    with qtbot.waitSignal(section.work.finished, timeout=60_000):
        click(qtbot, section.backup_button)
    assert section.backup_button.isEnabled()


def test_back_up_now_then_nothing_to_do(qtbot, page: SettingsPage, ws: Workspace) -> None:
    section = page.backup
    assert "还没有" in section.latest_label.text()
    backed_up(qtbot, section)
    assert "已备份并校验" in section.banner.text()
    assert len(backups_in(default_folder(ws.store.path), ws.store.db_id)) == 1
    assert "最近一次备份：20" in section.latest_label.text()
    backed_up(qtbot, section)
    assert "没有任何更改" in section.banner.text()


def test_choosing_the_backup_folder(qtbot, page: SettingsPage, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    stick = tmp_path / "U盘"
    stick.mkdir()
    monkeypatch.setattr(page.backup, "ask_folder", lambda _start: stick)
    click(qtbot, page.backup.folder_button)
    assert str(stick) in page.backup.folder_label.text()
    backed_up(qtbot, page.backup)
    assert len(list(stick.glob("*.xjbak"))) == 1


def test_the_restore_drill_says_what_it_found(qtbot, page: SettingsPage) -> None:
    click(qtbot, page.backup.drill_button)
    assert "还没有这个数据库的备份" in page.backup.banner.text()
    backed_up(qtbot, page.backup)
    click(qtbot, page.backup.drill_button)
    assert "恢复演练通过" in page.backup.banner.text()
    assert "学生 1 名" in page.backup.banner.text()


def test_the_audit_log_dialog_and_its_export(qtbot, page: SettingsPage, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    page.open_audit_log()
    dialog = page.audit_dialog
    assert isinstance(dialog, AuditDialog)
    assert dialog.table.rowCount() == 3 and "共 3 条记录" in dialog.count.text()
    assert dialog.table.item(0, 3).text() == "新增学生"  # newest first
    out = tmp_path / "审计.csv"
    monkeypatch.setattr(dialog, "ask_save_path", lambda _suggested: out)
    click(qtbot, dialog.export_button)
    assert out.exists() and "已导出 3 条" in dialog.banner.text()
    dialog.record.setText("no-such-record")
    click(qtbot, dialog.search_button)
    assert dialog.table.rowCount() == 0
    dialog.close()


def test_a_viewer_cannot_choose_folders_read_the_log_or_reveal_numbers(
        qtbot, viewer: Workspace) -> None:
    settings_page = SettingsPage(viewer)
    qtbot.addWidget(settings_page)
    assert not settings_page.backup.folder_button.isEnabled()
    assert settings_page.backup.backup_button.isEnabled()
    roster = RosterPage(viewer)
    qtbot.addWidget(roster)
    assert not roster.reveal.isEnabled()
    roster.model.set_reveal_ids(True)  # even if the check box were ticked
    number = roster.model.index(0, 5).data()
    assert "*" in number and number != valid_row()["身份证件号"]


def test_the_unlock_dialog_counts_down_after_wrong_passwords(
        qtbot, created: tuple[Workspace, str], db_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    created[0].lock()
    now = [1_000_000.0]
    monkeypatch.setattr(login_guard.GUARD, "clock", lambda: now[0])
    dialog = UnlockDialog(db_path, "registrar")
    qtbot.addWidget(dialog)
    for _ in range(2):
        dialog.password.setText("wrong-pass-9")
        dialog.try_unlock()
    assert "密码不正确" in dialog.banner.text() and "等待 1 秒" in dialog.banner.text()
    assert not dialog.unlock_button.isEnabled() and "1 秒" in dialog.unlock_button.text()
    dialog.password.setText(PASSWORD)
    dialog.try_unlock()  # Enter while waiting: refused by the service, not only the button
    assert dialog.workspace is None and "请等待" in dialog.banner.text()
    now[0] += 1
    dialog.wait_timer.timeout.emit()
    assert dialog.unlock_button.isEnabled() and dialog.unlock_button.text() == "解锁"
    dialog.try_unlock()
    assert dialog.workspace is not None
    dialog.workspace.lock()


@pytest.fixture
def controller(qtbot, qapp, created: tuple[Workspace, str], db_path: Path
               ) -> Iterator[AppController]:
    created[0].lock()
    controller = AppController(qapp, db_path, kdf=FAST_KDF)
    controller.start()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(controller.main_shown, timeout=5000):
        dialog.try_unlock()
    yield controller
    controller.watcher.stop()
    qapp.removeEventFilter(controller.watcher)
    if controller.window is not None:
        controller.window.close()
    if controller.dialog is not None:
        drop_dialog(controller.dialog)


def reasons(path: Path, ws_id: str) -> list[str]:
    return sorted(f.reason for f in backups_in(default_folder(path), ws_id))


def test_lock_and_exit_make_backups(qtbot, controller: AppController, db_path: Path) -> None:
    db_id = controller.workspace.store.db_id  # type: ignore[union-attr]
    controller.lock()
    assert reasons(db_path, db_id) == ["lock"]
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog) and not dialog.banner.isVisible()
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(controller.main_shown, timeout=5000):
        dialog.try_unlock()
    add_students(controller.workspace, [valid_row()])  # type: ignore[arg-type]
    controller.window.close()  # type: ignore[union-attr]  # what quitting the app does
    controller.window = None
    assert reasons(db_path, db_id) == ["exit"]  # a day keeps its newest regular backup
    assert QApplication.instance() is not None


def test_a_failed_backup_on_lock_is_said_at_unlock(controller: AppController,
                                                   db_path: Path) -> None:
    default_folder(db_path).write_text("a file where the folder should be")
    controller.lock()
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    assert "自动备份没有完成" in dialog.banner.text()


def test_the_backup_runs_off_the_gui_thread(qtbot, page: SettingsPage, monkeypatch) -> None:
    import threading

    from desktop.views import backup_section

    threads: list[threading.Thread] = []
    real = backup_section.back_up

    def watched(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(backup_section, "back_up", watched)
    backed_up(qtbot, page.backup)
    assert threads and threads[0] is not threading.main_thread()
    assert "已备份并校验" in page.backup.banner.text()
