"""The registers under 学籍变动: verification marks and summary, quality checks, the ledger,
deferrals, and the year-end run only from its dialog."""

from __future__ import annotations

import datetime as dt

from desktop.services.changes.deferral import DeferralInput, register_deferral
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.students.add import add_students
from desktop.services.students.school import list_classes
from desktop.views.changes import registers
from desktop.views.changes.timeline import ChangesPage
from tests.factories import valid_row


def _page(qtbot, ws) -> ChangesPage:
    page = ChangesPage(ws)
    qtbot.addWidget(page)
    assert not page.loaded  # read when shown
    with qtbot.waitExposed(page):
        page.show()
    return page


def test_verification_mark_updates_the_summary(qtbot, ws):
    row = valid_row(name="王小明", seq=11)
    add_students(ws, [row])
    page = _page(qtbot, ws)
    tab = page.verification
    tab.student.setText(row["身份证件号"])
    tab.mark()
    assert tab.summary.item(0, 3).text() == "1"  # 人籍一致
    tab.student.setText(row["身份证件号"])
    tab.conclusion.setCurrentIndex(tab.conclusion.findData("在籍不在校"))
    tab.mark()  # no action written: refused inline
    assert "处理措施" in tab.banner.text()
    assert tab.summary.item(0, 3).text() == "1"


def test_quality_check_lists_findings(qtbot, ws):
    add_students(ws, [valid_row(name="王大龄", seq=11, birth=dt.date(2011, 3, 5),
                                class_name="一年级(1)班")])
    page = _page(qtbot, ws)
    tab = page.verification
    tab.run_checks()
    assert tab.findings.rowCount() == 1
    assert tab.findings.item(0, 1).text() == "王大龄"


def test_ledger_and_deferral_tabs(qtbot, ws):
    row = valid_row(name="王小明", seq=11)
    add_students(ws, [row])
    apply_change(ws, ChangeRequest(student=row["身份证件号"], change="辍学登记",
                                   effective=dt.date(2026, 10, 8), reason="外出务工"))
    register_deferral(ws, DeferralInput("刘小宝", dt.date(2020, 5, 1), "刘大宝", "术后", "县医院证明",
                                        dt.date(2026, 9, 1)))
    page = _page(qtbot, ws)
    assert page.ledger.table.item(0, 0).text() == "王小明"
    assert page.deferrals.table.item(0, 3).text() == "2027-08-31"


def test_year_end_runs_only_from_its_dialog(qtbot, ws, monkeypatch):
    add_students(ws, [valid_row(name="王五", seq=13, birth=dt.date(2016, 3, 1),
                                class_name="五年级(1)班")])
    page = _page(qtbot, ws)
    shown: list[str] = []

    def cancel(dialog) -> int:
        shown.append(dialog.list.toPlainText())
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(registers, "show_year_end", cancel)
    page._year_end()
    assert "五年级(1)班 → 六年级(1)班（1 人）" in shown[0]
    assert [c.name for c in list_classes(ws)] == ["五年级(1)班"]

    def tick_and_start(dialog) -> int:
        dialog.tick.setChecked(True)
        dialog.start.click()
        dialog.cancel.click()  # now 关闭
        return dialog.result()

    monkeypatch.setattr(registers, "show_year_end", tick_and_start)
    with qtbot.waitSignal(page.year_end_done):
        page._year_end()
    assert [c.name for c in list_classes(ws)] == ["六年级(1)班"]


def test_deferral_and_visit_forms(qtbot, ws):
    row = valid_row(name="王小明", seq=11)
    add_students(ws, [row])
    apply_change(ws, ChangeRequest(student=row["身份证件号"], change="辍学登记",
                                   effective=dt.date(2026, 10, 8)))
    page = _page(qtbot, ws)
    tab = page.deferrals
    for label, text in (("儿童姓名", "刘小宝"), ("监护人", "刘大宝"), ("缓学原因", "术后"),
                        ("医院证明", "县医院证明")):
        tab.fields[label].setText(text)
    tab.register()
    assert tab.table.rowCount() == 1 and tab.table.item(0, 0).text() == "刘小宝"
    tab.table.selectRow(0)
    tab.enrolled_selected()
    assert tab.table.rowCount() == 0
    ledger_tab = page.ledger
    ledger_tab.student.setText(row["身份证件号"])
    ledger_tab.people.setText("班主任")
    ledger_tab.result.setText("家长同意")
    ledger_tab.add_visit()
    assert ledger_tab.table.item(0, 4).text() == "1"
    ledger_tab.student.setText("440604201703059999")
    ledger_tab.add_visit()
    assert "找不到" in ledger_tab.banner.text()
