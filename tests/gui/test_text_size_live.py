"""The text size (设置) applied live reaches every page at once: the roster's columns and rows
fit the larger text, the page list widens, the 待办 kinds and the 同步 columns follow."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.services.context import Workspace
from desktop.views.fonts import apply_text_scale
from desktop.views.main_window import MainWindow
from desktop.views.roster.table_model import COLUMNS


@pytest.fixture
def window(qtbot, qapp, seeded: Workspace) -> Iterator[MainWindow]:
    apply_text_scale(qapp, 100)
    window = MainWindow(seeded)
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    yield window
    apply_text_scale(qapp, 100)


def test_larger_text_refits_the_roster_and_the_page_list(qtbot, qapp, window: MainWindow) -> None:
    table = window.roster.table
    id_column = COLUMNS.index("身份证件号")
    item_height = window.nav.visualItemRect(window.nav.item(0)).height()
    before = (table.columnWidth(id_column), table.verticalHeader().defaultSectionSize(),
              window.nav.width(), window.tasks_page.groups.width(),
              window.sync_page.states.table.columnWidth(2))
    apply_text_scale(qapp, 130)
    qtbot.wait(10)
    after = (table.columnWidth(id_column), table.verticalHeader().defaultSectionSize(),
             window.nav.width(), window.tasks_page.groups.width(),
             window.sync_page.states.table.columnWidth(2))
    assert all(new > old for old, new in zip(before, after, strict=True)), (before, after)
    metrics = table.fontMetrics()
    assert table.columnWidth(id_column) >= metrics.horizontalAdvance("440604201509011234")
    assert window.nav.width() >= window.nav.fontMetrics().horizontalAdvance("学籍变动学籍")
    assert window.nav.font().pointSizeF() == window.font().pointSizeF()  # the items' text too
    qtbot.waitUntil(lambda: window.nav.visualItemRect(window.nav.item(0)).height() > item_height)
