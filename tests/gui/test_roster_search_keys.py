"""The roster's search box and the keyboard: ↓ moves to the results, Enter opens a single
match or moves to the first of several, and nothing happens without a match."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from desktop.services.context import Workspace
from desktop.views.roster.page import RosterPage
from desktop.views.roster.table_model import StudentIdRole
from tests.gui.conftest import shown_roster


@pytest.fixture
def page(qtbot, seeded: Workspace) -> Iterator[RosterPage]:
    page = shown_roster(qtbot, seeded)
    page.focus_search()
    yield page


def typed(qtbot, page: RosterPage, text: str) -> None:
    qtbot.keyClicks(page.search, text)
    qtbot.wait(5)  # the debounced search runs on the next turn of the event loop


def test_enter_with_a_single_match_opens_it(qtbot, page: RosterPage) -> None:
    typed(qtbot, page, "lina")
    assert page.model.total == 1
    with qtbot.waitSignal(page.open_student, timeout=2000) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened.args == [page.model.index(0, 0).data(StudentIdRole)]


def test_enter_with_several_matches_moves_to_the_first(qtbot, page: RosterPage) -> None:
    typed(qtbot, page, "zhang")
    assert page.model.total == 3
    opened: list[str] = []
    page.open_student.connect(opened.append)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened == []
    assert page.table.hasFocus()
    assert page.table.currentIndex().row() == 0
    qtbot.keyClick(page.table, Qt.Key.Key_Down)  # then the arrows and Enter of the table
    with qtbot.waitSignal(page.open_student, timeout=2000) as second:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert second.args == [page.model.index(1, 0).data(StudentIdRole)]


def test_down_moves_from_the_search_to_the_results(qtbot, page: RosterPage) -> None:
    typed(qtbot, page, "wang")
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.hasFocus()
    assert page.table.selectionModel().selectedRows()[0].row() == 0


def test_down_or_enter_without_a_match_stays_in_the_search(qtbot, page: RosterPage) -> None:
    typed(qtbot, page, "xyzxyz")
    opened: list[str] = []
    page.open_student.connect(opened.append)
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened == []
    assert page.search.hasFocus()
