"""Smaller things of a registrar's day: the 同步 page masks 学籍号 as the roster does, and the
import tab shows no empty class-grade box before a file is chosen."""

from __future__ import annotations

from desktop.services.context import Workspace
from desktop.views.exchange.import_tab import ImportTab
from desktop.views.roster.table_model import COLUMNS, RosterModel
from desktop.views.sync.panels import StatesPanel


def test_the_sync_page_masks_xjh_like_the_roster(qtbot, seeded: Workspace) -> None:
    panel = StatesPanel(seeded)
    qtbot.addWidget(panel)
    panel.reload()
    roster = RosterModel(seeded)
    roster.set_query(roster.query)
    masked = {roster.index(r, 0).data(): roster.index(r, COLUMNS.index("学籍号")).data()
              for r in range(roster.rowCount())}
    shown = {panel.table.item(r, 0).text(): panel.table.item(r, 2).text()
             for r in range(panel.table.rowCount())}
    assert shown and all("*" in xjh for xjh in shown.values())
    for name, xjh in shown.items():
        assert masked[name].startswith(xjh)  # the roster adds（待确认）to a provisional one


def test_the_import_tab_hides_the_grade_box_until_a_file_needs_it(qtbot, ws: Workspace) -> None:
    tab = ImportTab(ws)
    qtbot.addWidget(tab)
    tab.show()
    assert tab.grade_box.isHidden()
