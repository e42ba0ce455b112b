"""The 名单 tab on a real encrypted database: a preschool list with a wrong row is refused
whole with the row and reason listed; the right list is imported; the handover list of the
leaving pupils is exported."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from openpyxl import load_workbook

from desktop.exchange.intake_lists import PRESCHOOL_COLUMNS, write_list
from desktop.services.students.add import add_students
from desktop.views.exchange.lists_tab import ListsTab
from tests.factories import valid_row

PUPIL = valid_row(name="王小一", birth=dt.date(2020, 3, 5), class_name="一年级(1)班")


def test_lists_in_and_out(qtbot, ws, tmp_path: Path, monkeypatch) -> None:
    tab = ListsTab(ws)
    qtbot.addWidget(tab)
    bad = tmp_path / "错.xlsx"
    write_list(bad, PRESCHOOL_COLUMNS, [{**{h: PUPIL[h] for h in PRESCHOOL_COLUMNS}, "性别": "?"}])
    result = tab.load(bad, preschool=True)
    assert result is not None and not result.written
    assert tab.problems.rowCount() == 1 and tab.problems.item(0, 0).text() == "2"
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
