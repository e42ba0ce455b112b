"""The 统计 tab on a real roster: computed when first shown, tables and chart agree with the
roster, switching tables, export to a real .xlsx read back with openpyxl."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, Qt

from desktop.services.context import Workspace
from desktop.views.exchange.stats_tab import StatisticsTab
from tests.gui.conftest import SEED

TODAY = dt.date(2026, 11, 26)


@pytest.fixture
def tab(qtbot, seeded: Workspace) -> StatisticsTab:
    widget = StatisticsTab(seeded, today=TODAY)
    qtbot.addWidget(widget)
    return widget


def counted(tab: StatisticsTab) -> None:
    """Show the tab and let its count (off the GUI thread) come back."""
    tab.show()
    assert tab.work.wait()
    QCoreApplication.processEvents()  # the queued result reaches the tab


def cell_texts(tab: StatisticsTab, column: int) -> list[str]:
    return [tab.table.item(row, column).text() for row in range(tab.table.rowCount())]


def test_computed_only_when_shown(tab: StatisticsTab) -> None:
    assert tab.stale and tab.table.rowCount() == 0
    counted(tab)
    assert not tab.stale
    labels = cell_texts(tab, 0)
    assert labels[-1] == "全校合计"
    assert cell_texts(tab, 1)[-1] == str(len(SEED))


def test_chart_has_one_bar_per_class_split_by_sex(tab: StatisticsTab) -> None:
    counted(tab)
    series = tab.chart_view.chart().series()[0]
    boys, girls = series.barSets()
    classes = {klass for *_rest, klass in SEED}
    assert boys.count() == len(classes)
    assert sum(boys.at(i) + girls.at(i) for i in range(boys.count())) == len(SEED)


def test_switch_to_age_table(tab: StatisticsTab) -> None:
    counted(tab)
    tab.choice.setCurrentIndex(2)
    assert all(label.endswith("岁") for label in cell_texts(tab, 0))
    assert sum(int(n) for n in cell_texts(tab, 1)) == len(SEED)


def test_export_xlsx(tab: StatisticsTab, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "stats.xlsx"
    monkeypatch.setattr(tab, "ask_save_path", lambda _s: target)
    tab.export()
    book = load_workbook(target)
    assert book.sheetnames[0] == "分班级统计"
    sheet = book["分班级统计"]
    last = [c.value for c in sheet[sheet.max_row]]
    assert last[0] == "全校合计" and last[1] == len(SEED)
    assert str(target) in tab.banner.text()


def test_many_classes_are_charted_by_grade(tab: StatisticsTab) -> None:
    from desktop.views.exchange.stats_tab import chart_rows

    counted(tab)
    table = tab.current()
    assert [label for label, _ in chart_rows(table, most=3)] == ["一年级", "二年级", "三年级", "初一"]
    assert len(chart_rows(table)) == len({klass for *_rest, klass in SEED})


def test_chart_labels_are_readable_at_laptop_size(qtbot, tab: StatisticsTab) -> None:
    """At 1366×768 the class names beside the bars are whole, not "…"."""
    tab.resize(1200, 560)
    counted(tab)
    qtbot.waitExposed(tab)
    qtbot.wait(50)
    chart = tab.chart_view.chart()
    categories = chart.axes(Qt.Orientation.Vertical)[0]
    assert "一年级(1)班" in categories.categories()
    assert not categories.truncateLabels()
    assert not categories.labelsTruncated()
    assert tab.chart_view.height() > 400  # the chart has the tab's height, beside the table


def test_the_count_runs_off_the_gui_thread(qtbot, tab: StatisticsTab, monkeypatch) -> None:
    """The window keeps painting while the statistics are counted; the tables come after."""
    import threading

    from desktop.views.exchange import stats_tab

    release, threads = threading.Event(), []
    real = stats_tab.school_statistics

    def slow(*args, **kwargs):
        threads.append(threading.current_thread())
        release.wait(5)
        return real(*args, **kwargs)

    monkeypatch.setattr(stats_tab, "school_statistics", slow)
    tab.show()
    qtbot.waitUntil(lambda: bool(threads))
    assert threads[0] is not threading.main_thread()
    assert tab.table.rowCount() == 0 and tab.work.busy
    qtbot.waitUntil(lambda: tab.work.dialog is not None and tab.work.dialog.isVisible(), timeout=3000)
    release.set()
    with qtbot.waitSignal(tab.work.finished, timeout=5000):
        pass
    assert cell_texts(tab, 0)[-1] == "全校合计"
    assert tab.work.dialog is None
