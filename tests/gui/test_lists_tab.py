"""The 名单 tab on a real encrypted database: a preschool list with a wrong row is refused
whole with the row and reason listed; the right list is imported; the handover list of the
leaving pupils is exported; a listed pupil's record is started from the tab with the five
items filled and locked."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from desktop.exchange.intake_lists import PRESCHOOL_COLUMNS, write_list
from desktop.services.students.add import add_students
from desktop.services.students.intake import WaitingPupil, controlled_items
from desktop.services.students.read import StudentQuery, search
from desktop.views.editor.dialog import StudentEditor
from desktop.views.exchange.lists_tab import ListsTab
from tests.factories import valid_row
from tests.gui import test_controller as base

existing_db, make_controller, unlocked = base.existing_db, base.make_controller, base.unlocked

PUPIL = valid_row(name="王小一", birth=dt.date(2020, 3, 5), class_name="一年级(1)班")


def test_lists_in_and_out(qtbot, ws, tmp_path: Path, monkeypatch) -> None:
    tab = ListsTab(ws)
    qtbot.addWidget(tab)
    bad = tmp_path / "错.xlsx"
    write_list(bad, PRESCHOOL_COLUMNS, [{**{h: PUPIL[h] for h in PRESCHOOL_COLUMNS}, "性别": "?"}])
    result = tab.load(bad, preschool=True)
    assert result is not None and not result.written
    assert tab.problems.rowCount() == 1 and tab.problems.item(0, 0).text() == "2"
    assert not tab.problems.isHidden()
    assert "没有导入任何记录" in tab.banner.text()
    good = tmp_path / "对.xlsx"
    write_list(good, PRESCHOOL_COLUMNS, [{h: PUPIL[h] for h in PRESCHOOL_COLUMNS}])
    with qtbot.waitSignal(tab.imported):
        assert tab.load(good, preschool=True).added == 1
    add_students(ws, [valid_row(name="赵六年", birth=dt.date(2014, 9, 9), seq=13,
                                class_name="六年级(2)班")])
    monkeypatch.setattr("desktop.views.widgets.dialogs.save_path", lambda *_a: tmp_path / "交接.xlsx")
    tab.export_handover()
    rows = list(load_workbook(tmp_path / "交接.xlsx").active.iter_rows(values_only=True))
    assert len(rows) == 2 and rows[1][1] == "赵六年"


def test_a_listed_pupils_record_starts_here_with_the_five_items_locked(qtbot, ws,
                                                                       tmp_path: Path) -> None:
    tab = ListsTab(ws)
    qtbot.addWidget(tab)
    assert tab.waiting_table.isHidden() and "0 名" in tab.waiting_label.text()
    path = tmp_path / "学前.xlsx"
    write_list(path, PRESCHOOL_COLUMNS, [{h: PUPIL[h] for h in PRESCHOOL_COLUMNS}])
    tab.load(path, preschool=True)
    assert tab.waiting_table.rowCount() == 1 and "1 名" in tab.waiting_label.text()
    assert [tab.waiting_table.item(0, c).text() for c in range(4)] == [
        "学前教育匹配名单", "王小一", PUPIL["性别"], "2020-03-05"]
    assert not tab.start_button.isEnabled() and tab.problems.isHidden()
    tab.waiting_table.selectRow(0)
    with qtbot.waitSignal(tab.start_record) as started:
        tab.start_button.click()
    editor = StudentEditor(ws, None, start=started.args[0])
    qtbot.addWidget(editor)
    for header in PRESCHOOL_COLUMNS:
        assert editor.form.fields[header].text() == PUPIL[header], header
        assert not editor.form.fields[header].editor.isEnabled(), header
    assert "学前教育匹配名单" in editor.form.legend.text()
    assert editor.form.fields["出生地"].text() == PUPIL["身份证件号"][:6] + "000000"  # from the ID
    assert "本校还没有这个证件号的学生" in editor.banner.text()
    editor.form.set_row(PUPIL)  # the registrar fills the rest
    with qtbot.waitSignal(editor.saved):
        assert editor.save()
    [row] = search(ws, StudentQuery(text="王小一")).rows
    assert controlled_items(ws, row.id) == tuple(PRESCHOOL_COLUMNS)
    tab.reload()
    assert tab.waiting_table.isHidden() and "0 名" in tab.waiting_label.text()


def test_the_main_window_opens_the_started_record_in_the_editor(qtbot, unlocked) -> None:
    from PySide6.QtWidgets import QApplication

    lists = unlocked.window.page("exchange").lists
    cells = {h: PUPIL[h] for h in PRESCHOOL_COLUMNS}
    lists.start_record.emit(WaitingPupil("preschool", cells, None, "学前.xlsx"))
    [editor] = [w for w in QApplication.topLevelWidgets()
                if isinstance(w, StudentEditor) and w.isVisible()]
    assert editor.student_id is None and editor.form.fields["姓名"].text() == "王小一"
    assert not editor.form.fields["身份证件号"].editor.isEnabled()
    editor.discard_and_close()


def test_a_handover_pupils_record_starts_with_name_and_id_open_to_edit(qtbot, ws) -> None:
    cells = {"姓名": "赵六年", "身份证件类型": "居民身份证", "身份证件号": PUPIL["身份证件号"]}
    pupil = WaitingPupil("handover", cells, "G" + PUPIL["身份证件号"], "交接.xlsx")
    editor = StudentEditor(ws, None, start=pupil)
    qtbot.addWidget(editor)
    assert editor.form.fields["姓名"].text() == "赵六年" and editor.form.fields["姓名"].editor.isEnabled()
    assert editor.form.fields["出生日期"].text() == "20200305"  # from the ID number
    assert "初中入学交接名单" in editor.form.legend.text() and pupil.xjh in editor.form.legend.text()
