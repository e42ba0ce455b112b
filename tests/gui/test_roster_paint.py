"""What a search keystroke costs the roster table: it is painted once per search (the rows are
laid out at the reset, not on a timer that paints them all a second time), and the rows it
shows are those of the new search."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QObject

from desktop.services.context import Workspace
from desktop.views.roster.page import RosterPage
from desktop.views.roster.table_model import COLUMNS
from tests.gui.conftest import shown_roster

NAME = COLUMNS.index("姓名")


class PaintCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


@pytest.fixture
def page(qtbot, seeded: Workspace) -> Iterator[RosterPage]:
    page = shown_roster(qtbot, seeded)
    qtbot.wait(50)
    yield page


# From one result to another that needs the scroll bar as much (showing or hiding the bar
# resizes the table, and that paints it again, rightly).
@pytest.mark.parametrize(("before", "text"), [("不存在的名字", "zh"), ("不存在的名字", "张"),
                                              ("", "4406"), ("4406", "")])
def test_a_search_paints_the_table_once(qtbot, page: RosterPage, before: str, text: str) -> None:
    page.search.setText(before)
    qtbot.waitUntil(lambda: page.model.query.text == before)
    qtbot.wait(50)
    counter = PaintCounter()
    page.table.viewport().installEventFilter(counter)
    page.search.setText(text)  # as a keystroke does
    qtbot.waitUntil(lambda: page.model.query.text == text)
    qtbot.wait(100)  # every timer the search started has run
    page.table.viewport().removeEventFilter(counter)
    assert counter.paints == 1
    shown = page.table.indexAt(page.table.viewport().rect().topLeft())
    assert shown.row() == 0 and page.model.total > 0
    assert shown.sibling(0, NAME).data() == page.model.data(page.model.index(0, NAME))
