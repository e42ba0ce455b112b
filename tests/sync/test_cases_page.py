"""The 转学与审批 and 家长申请 tabs of the 同步 page (pytest-qt, offscreen) with two real desks
and the registry on loopback: school B asks for a pupil through the 申请转入 dialog (a
mistake stays in the dialog), school A sees the request on top, cancels a refusal, agrees;
a guardian's request is answered item by item, a refusal without a reason refused."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import httpx
import pytest
from PySide6.QtCore import Qt

from desktop.services.context import Workspace
from desktop.services.registry.case_list import list_cases
from desktop.services.students.add import add_students
from desktop.sync.client import sync_once
from desktop.views.sync.page import SyncPage
from desktop.views.sync.transfer_dialog import TransferInDialog
from tests.central.cases_kit import COUNTY_B, bureau_decides
from tests.central.desk import Central
from tests.factories import valid_row
from tests.gui.conftest import isolated_settings, no_modal_popups  # noqa: F401  (autouse)
from tests.sync.helpers import options as sync_options

pytestmark = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
WAIT_MS = 60_000
TODAY = dt.date(2026, 11, 26)


def open_page(qtbot, ws: Workspace) -> SyncPage:  # type: ignore[no-untyped-def]
    page = SyncPage(ws)
    page.options = sync_options()
    qtbot.addWidget(page)
    page.show()
    return page


@pytest.fixture
def page_a(qtbot, enrolled: Workspace) -> Iterator[SyncPage]:
    page = open_page(qtbot, enrolled)
    yield page
    page.shutdown()


def sync_through(qtbot, page: SyncPage) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignals([page.runner.finished], timeout=WAIT_MS):
        qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)


def fill(dialog: TransferInDialog, pupil: str, school: str) -> None:
    dialog.pupil.setText(pupil)
    dialog.name.setText("王小明")
    dialog.school.setText(school)
    dialog.class_name.setCurrentText("五年级(2)班")
    dialog.reason.setText("随父母工作调动")


def test_a_transfer_is_asked_for_in_one_page_and_agreed_to_in_the_other(
        qtbot, central: Central, enrolled: Workspace, school_b: Workspace,
        page_a: SyncPage) -> None:
    row = valid_row("王小明", seq=11)
    add_students(enrolled, [row], today=TODAY)
    sync_through(qtbot, page_a)
    page_b = open_page(qtbot, school_b)
    seen: list[str] = []

    def first_wrong_then_right(dialog: TransferInDialog) -> bool:
        fill(dialog, row["身份证件号"], "44060400")
        dialog.submit()
        seen.append(dialog.banner.text())
        fill(dialog, row["身份证件号"], "4406040001")
        dialog.submit()
        return dialog.result() == TransferInDialog.DialogCode.Accepted

    page_b.tabs.setCurrentWidget(page_b.cases)
    page_b.cases.run_dialog = first_wrong_then_right  # type: ignore[method-assign]
    qtbot.mouseClick(page_b.cases.request_button, Qt.MouseButton.LeftButton)
    assert "学校标识码“44060400”不对" in seen[0]
    assert page_b.cases.table.item(0, 4).text() == "已答复，待上报"
    sync_through(qtbot, page_b)
    code = page_b.cases.table.item(0, 7).text()
    assert len(code) == 9 and page_b.cases.withdraw_button.isEnabled()
    page_b.shutdown()
    [case] = list_cases(school_b)
    bureau_decides(central, COUNTY_B, case.case_id, "approve")

    sync_through(qtbot, page_a)
    cases = page_a.cases
    assert page_a.tabs.tabText(3) == "转学与审批（1 项待答复）"
    assert cases.table.item(0, 4).text() == "待本校答复" and cases.table.item(0, 1).font().bold()
    assert cases.agree_button.isEnabled() and "随父母工作调动" in cases.detail.toPlainText()
    shown = cases.detail.toPlainText()  # the 学籍号 is G + the ID number: masked as the number is
    assert row["身份证件号"] not in shown and f"G{row['身份证件号'][:6]}********" in shown
    cases.ask_reason = lambda _title, _label: None  # type: ignore[method-assign]
    qtbot.mouseClick(cases.refuse_button, Qt.MouseButton.LeftButton)
    assert cases.table.item(0, 4).text() == "待本校答复"  # cancelled: nothing queued
    qtbot.mouseClick(cases.agree_button, Qt.MouseButton.LeftButton)
    assert "已同意转出" in cases.banner.text() and not cases.agree_button.isEnabled()
    assert page_a.tabs.tabText(3) == "转学与审批"
    sync_through(qtbot, page_a)
    assert cases.table.item(0, 5).text() == "转出学校主管部门审核"


def test_a_guardian_request_is_answered_in_the_page(
        qtbot, central: Central, enrolled: Workspace, page_a: SyncPage) -> None:
    row = valid_row("王小明", seq=11)
    add_students(enrolled, [row], today=TODAY)
    assert sync_once(enrolled, options=sync_options()).settled
    sent = httpx.post(f"{central.url}/v1/public/guardian-requests", json={
        "school_code": "4406040001", "id_number": row["身份证件号"], "guardian_phone": "13800138000",
        "changes": {"phone": "13912345678", "mailing_address": "广东省佛山市禅城区新街2号"}})
    assert sent.status_code == 201, sent.text
    sync_through(qtbot, page_a)
    panel = page_a.guardian
    assert page_a.tabs.tabText(4) == "家长申请（1）"
    assert panel.items.rowCount() == 2 and panel.submit_button.isEnabled()
    panel.choose("phone", accept=True)
    panel.choose("mailing_address", accept=False)
    qtbot.mouseClick(panel.submit_button, Qt.MouseButton.LeftButton)
    assert "不同意的项目须写明理由" in panel.banner.text()
    panel.choose("mailing_address", accept=False, reason="请到校当面核实")
    qtbot.mouseClick(panel.submit_button, Qt.MouseButton.LeftButton)
    assert "答复已保存" in panel.banner.text() and not panel.submit_button.isEnabled()
    sync_through(qtbot, page_a)
    answers = {panel.items.item(r, 0).text(): panel.items.item(r, 3).text()
               for r in range(panel.items.rowCount())}
    assert answers == {"联系电话": "同意", "通信地址": "不同意"}
    assert panel.requests.item(0, 3).text() == "已答复"
