"""The 导入 tab with files in other layouts (real-templates.md), on a real encrypted database:
unknown columns are listed with a choice and block the import until each has one; the
choices saved under a name are applied to the next file with the same headers; each 班号
without a class is asked once, whatever the number of its rows."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from desktop.domain.header_aliases import LEAVE_OUT
from desktop.services.context import Workspace
from desktop.services.importing.profiles import list_profiles
from desktop.services.students.read import StudentQuery, search
from desktop.views.exchange.import_tab import ImportTab
from tests.exchange.layouts import COUNTY_XLS, PROVINCE_78, write_xls, write_xlsx
from tests.exchange.test_layouts import pupils


@pytest.fixture
def tab(qtbot, ws: Workspace, monkeypatch) -> ImportTab:
    widget = ImportTab(ws)
    qtbot.addWidget(widget)
    monkeypatch.setattr(widget, "confirm", lambda _text: True)
    widget.show()
    return widget


def load(qtbot, tab: ImportTab, path: Path) -> None:
    with qtbot.waitSignal(tab.planned, timeout=30_000):
        tab.load(path)


def count(ws: Workspace) -> int:
    return len(search(ws, StudentQuery(), 0, 100).rows)


def test_unknown_columns_are_chosen_saved_and_offered_next_time(tab, ws, tmp_path, qtbot) -> None:
    path = write_xlsx(tmp_path / "province.xlsx", PROVINCE_78, pupils())
    load(qtbot, tab, path)
    box = tab.layout_box
    assert box.isVisible() and list(box.column_combos) == ["是否农村留守", "寄宿生", "学生联系人"]
    assert not tab.import_button.isEnabled()
    assert "请先在上面说明这些列" in tab.summary.text()
    box.choose("是否农村留守", "是否留守儿童")
    box.choose("寄宿生", LEAVE_OUT)
    box.apply_button.click()  # 学生联系人 not chosen yet: nothing happens but a message
    assert "学生联系人" in tab.banner.text() and list_profiles(ws) == ()
    box.choose("学生联系人", LEAVE_OUT)
    box.name_edit.setText("某省78项")
    with qtbot.waitSignal(tab.planned, timeout=30_000):
        box.apply_button.click()
    assert [p.name for p in list_profiles(ws)] == ["某省78项"]
    assert not box.isVisible() and tab.import_button.isEnabled()
    with qtbot.waitSignal(tab.imported):
        tab.run_import()
    assert count(ws) == 3
    again = ImportTab(ws)
    qtbot.addWidget(again)
    load(qtbot, again, path)
    assert again.profile is not None and again.profile.name == "某省78项"
    assert again.sheet is not None and again.sheet.unknown == ()
    assert "未变 3" in again.summary.text()


def test_each_class_code_is_asked_once(tab, ws, tmp_path, qtbot) -> None:
    path = write_xls(tmp_path / "county.xls", COUNTY_XLS, [*pupils(), pupils()[0] | {
        "姓名": "钱小二", "身份证件号": "440604201703050152", "成员1身份证件号": ""}])
    load(qtbot, tab, path)
    tab.layout_box.choose("家长微信号", LEAVE_OUT)
    with qtbot.waitSignal(tab.planned, timeout=30_000):
        tab.layout_box.apply_button.click()
    assert sorted(tab.layout_box.code_combos) == ["01-2023001", "01-2023002", "01-2026003"]
    for code, name in (("01-2023001", "三年级(1)班"), ("01-2023002", "三年级(2)班"),
                       ("01-2026003", "初一(3)班")):
        tab.layout_box.code_combos[code].setCurrentText(name)
    with qtbot.waitSignal(tab.planned, timeout=30_000):
        tab.layout_box.apply_button.click()
    assert tab.preview is not None and tab.preview.unresolved_codes == ()
    assert {row.class_name for row in tab.preview.plan.rows} == {"三年级(1)班", "三年级(2)班", "初一(3)班"}


def test_a_profile_saved_from_an_xls_makes_the_export_offer_xls(tab, ws, tmp_path, qtbot,
                                                                monkeypatch) -> None:
    from python_calamine import CalamineWorkbook

    from desktop.views.exchange.export_tab import ExportTab

    load(qtbot, tab, write_xls(tmp_path / "county.xls", COUNTY_XLS, pupils()))
    tab.layout_box.choose("家长微信号", LEAVE_OUT)
    tab.layout_box.name_edit.setText("某县2017版")
    with qtbot.waitSignal(tab.planned, timeout=30_000):
        tab.layout_box.apply_button.click()
    assert [(p.name, p.file_format) for p in list_profiles(ws)] == [("某县2017版", "xls")]
    export = ExportTab(ws)
    qtbot.addWidget(export)
    asked: list[tuple[str, str]] = []
    target = tmp_path / "全部学生.xls"

    def save_path(_parent, _title, suggested: str, filters: str):
        asked.append((suggested, filters))
        return target

    monkeypatch.setattr("desktop.views.widgets.dialogs.save_path", save_path)
    with qtbot.waitSignal(export.work.finished, timeout=30_000):
        export.export()
    suggested, filters = asked[0]
    assert suggested.endswith(".xls") and filters.startswith("Excel 97-2003 工作簿 (*.xls)")
    assert CalamineWorkbook.from_path(str(target)).sheet_names == ["学生信息", "代码表"]


def test_the_profile_a_file_was_read_with_is_said_once(tab, ws, tmp_path, qtbot) -> None:
    load(qtbot, tab, write_xls(tmp_path / "county.xls", COUNTY_XLS, pupils()))
    tab.layout_box.choose("家长微信号", LEAVE_OUT)
    tab.layout_box.name_edit.setText("某县2017版")
    with qtbot.waitSignal(tab.planned, timeout=30_000):
        tab.layout_box.apply_button.click()
    assert tab.layout_box.isVisible()  # the 班号 are still to be chosen
    qtbot.waitUntil(tab.layout_box.code_combos["01-2023001"].isVisible)
    said = [label.text() for label in tab.findChildren(QLabel) if label.isVisible()]
    assert sum("已按导入模板“某县2017版”读取" in text for text in said) == 1
    assert tab.layout_box.title() == "这个文件用班号写班级，请说明各是本校哪个班："  # not 列
