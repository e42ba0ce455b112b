"""The 学年末升级和毕业 dialog: fits the screen at 100 %, 130 % and 150 % text with 30 classes (the
list scrolls), 取消 is the default (Enter changes nothing), 开始 needs the tick, a warning
when the school year has not ended (per the setting), and the backup made first is named."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from desktop.services.changes.year_end import plan_year_end
from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from desktop.services.students.school import list_classes
from desktop.views import settings
from desktop.views.changes.year_end_dialog import SCREEN_MARGIN, YearEndDialog
from desktop.views.fonts import apply_text_scale
from tests.factories import valid_row

DECEMBER = dt.date(2026, 12, 7)
JULY = dt.date(2027, 7, 5)
GRADES = ("一", "二", "三", "四", "五", "六")


@pytest.fixture
def school(ws: Workspace) -> Workspace:
    """30 classes, one pupil each (一年级(1)班 … 六年级(5)班)."""
    rows = []
    for g, grade in enumerate(GRADES):
        for number in range(1, 6):
            name = "学生" + "甲乙丙丁戊己"[g] + "一二三四五"[number - 1]
            rows.append(valid_row(name=name, seq=11 + 2 * (g * 5 + number),
                                  birth=dt.date(2019 - g, 3, 1),
                                  class_name=f"{grade}年级({number})班"))
    add_students(ws, rows)
    return ws


@pytest.fixture
def text_scale(qapp) -> Iterator[None]:
    yield
    apply_text_scale(qapp, 100)


def make(qtbot, ws: Workspace, today: dt.date) -> YearEndDialog:
    dialog = YearEndDialog(ws, plan_year_end(ws, today), today)
    qtbot.addWidget(dialog)
    with qtbot.waitExposed(dialog):
        dialog.show()
    return dialog


@pytest.mark.parametrize("percent", [100, 130, 150])
def test_fits_the_screen_and_scrolls(qtbot, qapp, school, text_scale, percent) -> None:
    apply_text_scale(qapp, percent)
    dialog = make(qtbot, school, JULY)
    screen = dialog.screen().availableGeometry()
    assert dialog.frameGeometry().height() <= screen.height()
    assert dialog.height() <= screen.height() - SCREEN_MARGIN
    assert dialog.minimumSizeHint().height() <= min(768, screen.height()) - SCREEN_MARGIN
    lines = dialog.list.toPlainText().splitlines()
    assert len(lines) == 30
    assert "六年级(1)班：毕业（1 人）" in lines
    assert dialog.list.verticalScrollBar().maximum() > 0  # more than fits: it scrolls


def test_enter_cancels_and_changes_nothing(qtbot, school) -> None:
    dialog = make(qtbot, school, JULY)
    assert dialog.cancel.isDefault()
    assert not dialog.start.isEnabled() and not dialog.start.isDefault()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert "一年级(1)班" in [c.name for c in list_classes(school)]


def test_the_tick_enables_start_and_the_backup_is_named(qtbot, school) -> None:
    dialog = make(qtbot, school, JULY)
    assert "year-end.xjbak" in dialog.backup_label.text()  # named before anything runs
    qtbot.mouseClick(dialog.tick, Qt.MouseButton.LeftButton)
    assert dialog.start.isEnabled()
    qtbot.mouseClick(dialog.start, Qt.MouseButton.LeftButton)
    backup = dialog.result_plan.backup
    assert backup is not None and backup.is_file() and backup.name.endswith("-year-end.xjbak")
    assert str(backup) in dialog.banner.text()
    names = [c.name for c in list_classes(school)]
    assert "二年级(1)班" in names and "一年级(1)班" not in names
    qtbot.mouseClick(dialog.cancel, Qt.MouseButton.LeftButton)  # 关闭
    assert dialog.result() == QDialog.DialogCode.Accepted


def test_out_of_season_warns_first(qtbot, school) -> None:
    december = make(qtbot, school, DECEMBER)
    assert december.season.isVisible()
    assert "本学年还没有结束" in december.season.text() and "2027-07-01" in december.season.text()
    july = make(qtbot, school, JULY)
    assert not july.season.isVisible()
    settings.YEAR_END.set("07-15")  # this school's year ends later
    later = make(qtbot, school, JULY)
    assert later.season.isVisible() and "2027-07-15" in later.season.text()
    QApplication.processEvents()
