"""What a walk through the app at 1366×768 (100 % and 130 % text) still found: the empty 打印
preview says what to do; the list of documents reads like the rest (the same text size, rows
with room, every document in view at any text size); the 统计 table's scroll bars are wide
enough to hit and follow the text size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.services.context import Workspace
from desktop.views.exchange.stats_tab import StatisticsTab
from desktop.views.fonts import apply_text_scale
from desktop.views.printing.page import PrintPage
from desktop.views.widgets.scrollbars import MIN_EXTENT


@pytest.fixture
def page(qtbot, qapp, seeded: Workspace) -> Iterator[PrintPage]:
    apply_text_scale(qapp, 100)
    widget = PrintPage(seeded)
    qtbot.addWidget(widget)
    widget.resize(1250, 700)
    widget.show()
    yield widget
    apply_text_scale(qapp, 100)


def test_the_empty_preview_says_what_to_do(qtbot, qapp, page: PrintPage) -> None:
    assert page.preview_area.currentWidget() is page.hint and page.hint.isVisible()
    assert "预览" in page.hint.text() and "打印范围" in page.hint.text()
    apply_text_scale(qapp, 130)
    qtbot.wait(10)
    assert page.hint.fontInfo().pixelSize() == page.preview_button.fontInfo().pixelSize()
    page.scopes.button(1).setChecked(True)  # a whole class
    page.preview()
    assert page.preview_area.currentWidget() is page.view and not page.hint.isVisible()


def documents_fit(page: PrintPage) -> None:
    docs = page.documents
    last = docs.visualItemRect(docs.item(docs.count() - 1))
    assert last.bottom() <= docs.viewport().height(), (last, docs.viewport().height())
    assert not docs.verticalScrollBar().isVisible()
    row = docs.visualItemRect(docs.item(0)).height()
    assert row >= docs.fontMetrics().height() + 6  # room around the text, as in the side bar
    assert docs.fontInfo().pixelSize() == page.preview_button.fontInfo().pixelSize()


def test_the_document_list_reads_like_the_rest_at_any_text_size(qtbot, qapp, page: PrintPage) -> None:
    documents_fit(page)
    before = page.documents.fontInfo().pixelSize()
    apply_text_scale(qapp, 130)
    qtbot.wait(10)
    assert page.documents.fontInfo().pixelSize() > before
    documents_fit(page)


def test_the_statistics_scroll_bars_are_wide_and_follow_the_text_size(qtbot, qapp,
                                                                      seeded: Workspace) -> None:
    apply_text_scale(qapp, 100)
    tab = StatisticsTab(seeded)
    qtbot.addWidget(tab)
    tab.resize(1200, 600)
    tab.show()
    bar = tab.table.verticalScrollBar()
    width = bar.sizeHint().width()
    assert width >= MIN_EXTENT and width >= bar.fontMetrics().height()
    assert tab.table.horizontalScrollBar().sizeHint().height() == width
    assert tab.work.wait()
    qtbot.waitUntil(lambda: tab.table.rowCount() > 0)
    assert not tab.table.horizontalScrollBar().isVisible()  # every column in view
    title = tab.chart_view.chart().titleFont().pointSizeF()
    try:
        apply_text_scale(qapp, 130)
        qtbot.wait(10)
        assert bar.sizeHint().width() > width
        assert tab.chart_view.chart().titleFont().pointSizeF() > title  # the chart follows
        assert not tab.table.horizontalScrollBar().isVisible()
    finally:
        apply_text_scale(qapp, 100)
