"""The 同步 page (pytest-qt, offscreen) against the registry on loopback: enrollment through the
page, 立即同步 running off the GUI thread, each student's state with the filter, a conflict
decided with 用服务器的 and 用我的, the background timer, the printed pending list, and the
message when the registry cannot be reached."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from desktop.services.context import Workspace
from desktop.services.registry.status import CONFIRMED, TO_SEND
from desktop.services.students.add import add_students
from desktop.services.students.update import update_student
from desktop.views.sync.page import SyncPage
from desktop.views.sync.panels import ALL
from tests.central.desk import Central
from tests.factories import SCHOOL_CODE, valid_row
from tests.gui.conftest import isolated_settings, no_modal_popups  # noqa: F401  (autouse)
from tests.sync.helpers import assert_converged
from tests.sync.helpers import options as sync_options

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
WAIT_MS = 60_000


@pytest.fixture
def page(qtbot, ws: Workspace) -> Iterator[SyncPage]:
    widget = SyncPage(ws)
    widget.options = sync_options()
    qtbot.addWidget(widget)
    widget.show()
    yield widget
    widget.shutdown()


def texts(page: SyncPage) -> dict[str, str]:
    table = page.states.table
    return {table.item(r, 0).text(): table.item(r, 3).text() for r in range(table.rowCount())}


def click_and_wait(qtbot, page: SyncPage, button) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignals([page.runner.finished], timeout=WAIT_MS):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def enroll_through_page(qtbot, page: SyncPage, central: Central) -> None:  # type: ignore[no-untyped-def]
    page.enroll_box.server.setText(central.url)
    page.enroll_box.code.setText(central.token(SCHOOL_CODE).lower())
    click_and_wait(qtbot, page, page.enroll_box.enroll_button)
    assert "已在学籍中心注册" in page.banner.text()
    assert "已注册" in page.enroll_box.device_label.text()
    assert not page.enroll_box.code.isVisible() and page.sync_button.isEnabled()


def test_enroll_sync_and_see_each_students_state(qtbot, central: Central, ws: Workspace,
                                                page: SyncPage) -> None:
    assert not page.sync_button.isEnabled()
    enroll_through_page(qtbot, page, central)
    add_students(ws, [valid_row("王小明", seq=11), valid_row("李华", seq=12)])
    page.reload()
    assert texts(page) == {"王小明": TO_SEND, "李华": TO_SEND}
    assert "待上报 2 条" in page.counts_label.text()
    click_and_wait(qtbot, page, page.sync_button)
    assert "同步完成" in page.banner.text() and "采用 2" in page.banner.text()
    assert texts(page) == {"王小明": CONFIRMED, "李华": CONFIRMED}
    assert page.last_label.text().startswith("上次同步：")
    page.states.show_state(TO_SEND)
    assert page.states.table.rowCount() == 0
    page.states.show_state(ALL)
    assert page.states.table.rowCount() == 2
    assert_converged(central.engine, ws)


def test_a_conflict_is_decided_on_the_page(qtbot, central: Central, ws: Workspace,
                                           page: SyncPage) -> None:
    enroll_through_page(qtbot, page, central)
    rows = [valid_row("王小明", seq=11), valid_row("李华", seq=12)]
    wang, li = add_students(ws, rows).ids
    click_and_wait(qtbot, page, page.sync_button)
    other = central.desk(SCHOOL_CODE)
    for record_id in (wang, li):
        other.push(other.change("patch", record_id, {"phone": "13600136000"}, base_version=1))
    for record_id, row in zip((wang, li), rows, strict=True):
        update_student(ws, record_id, {**row, "联系电话": "13900139000"})
    click_and_wait(qtbot, page, page.sync_button)
    assert page.conflicts.table.rowCount() == 2 and page.tabs.tabText(1) == "冲突（2）"
    assert "冲突" in texts(page)["王小明"]
    page.conflicts.table.selectRow(0)
    qtbot.mouseClick(page.conflicts.server_button, Qt.MouseButton.LeftButton)
    assert "已改用中心的值" in page.conflicts.banner.text()
    page.conflicts.table.selectRow(0)
    qtbot.mouseClick(page.conflicts.mine_button, Qt.MouseButton.LeftButton)
    assert page.conflicts.table.rowCount() == 0 and page.tabs.tabText(1) == "冲突（0）"
    assert sorted(texts(page).values()) == sorted([CONFIRMED, TO_SEND])
    click_and_wait(qtbot, page, page.sync_button)
    assert set(texts(page).values()) == {CONFIRMED}
    assert_converged(central.engine, ws)


def test_the_timer_syncs_quietly_in_the_background(qtbot, central: Central, ws: Workspace,
                                                   page: SyncPage) -> None:
    assert page.timer.isActive() and page.timer.interval() == 15 * 60_000
    enroll_through_page(qtbot, page, central)
    add_students(ws, [valid_row("王小明", seq=11)])
    page.banner.clear_message()
    with qtbot.waitSignal(page.runner.finished, timeout=WAIT_MS):
        page.timer.timeout.emit()
    assert texts(page) == {"王小明": CONFIRMED}
    page.interval.setValue(5)
    page.auto.setChecked(False)
    assert not page.timer.isActive() and page.timer.interval() == 5 * 60_000


def test_printing_the_pending_list_and_an_unreachable_registry(
        qtbot, central: Central, ws: Workspace, page: SyncPage, monkeypatch) -> None:
    enroll_through_page(qtbot, page, central)
    add_students(ws, [valid_row("王小明", seq=11)])
    printed: list[bytes] = []
    monkeypatch.setattr(page, "send_to_printer", lambda data: printed.append(data) or True)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    assert printed and printed[0].startswith(b"%PDF") and "已发送到打印机" in page.banner.text()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    page.enroll_box.server.setText(closed)
    with qtbot.waitSignal(page.runner.failed, timeout=WAIT_MS):
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert "无法连接学籍中心" in page.banner.text()
    assert "最近一次未完成：无法连接学籍中心" in page.last_label.text()
    assert page.sync_button.isEnabled()
