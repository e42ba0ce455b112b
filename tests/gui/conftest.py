"""GUI fixtures: isolated QSettings, a seeded roster, teardown that never quits the app."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from tests.factories import valid_row


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Iterator[Path]:
    """QSettings of every test live in its own tmp folder, never in the user's config."""
    folder = tmp_path / "qsettings"
    folder.mkdir()
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(folder))
    yield folder


@pytest.fixture(autouse=True)
def collectable_after_each_test() -> Iterator[None]:
    """An unlock freezes what exists for the cycle collector (views.collector); as a lock does
    in the app, what one test leaves becomes collectable again after it."""
    yield
    gc.unfreeze()


@pytest.fixture(autouse=True)
def no_modal_popups(monkeypatch) -> None:
    """A real message box or file dialog would wait forever for a click: fail instead."""
    def refuse(*args, **_kwargs):
        raise AssertionError(f"a modal dialog was opened in a test: {args[1:3]}")

    for name in ("question", "information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    for name in ("getOpenFileName", "getSaveFileName", "getExistingDirectory"):
        monkeypatch.setattr(QFileDialog, name, refuse)
    monkeypatch.setattr(QFileDialog, "exec", lambda self: refuse(self, self.windowTitle(), ""))


# name, birth date, seq (odd = 男), class; every ID number is from region 440604
SEED: tuple[tuple[str, dt.date, int, str], ...] = (
    ("张三", dt.date(2017, 3, 5), 11, "三年级(2)班"),
    ("张伟", dt.date(2017, 4, 12), 13, "三年级(2)班"),
    ("张丽", dt.date(2017, 5, 20), 14, "三年级(3)班"),
    ("李四", dt.date(2017, 6, 1), 15, "三年级(3)班"),
    ("李娜", dt.date(2017, 7, 9), 16, "三年级(2)班"),
    ("王五", dt.date(2017, 8, 30), 17, "三年级(3)班"),
    ("王芳", dt.date(2017, 2, 14), 18, "三年级(2)班"),
    ("赵六", dt.date(2017, 1, 3), 19, "三年级(3)班"),
    ("孙七", dt.date(2017, 3, 15), 21, "三年级(2)班"),
    ("周八", dt.date(2017, 4, 22), 23, "三年级(3)班"),
    ("吴九", dt.date(2019, 3, 5), 25, "一年级(1)班"),
    ("郑十", dt.date(2019, 5, 6), 27, "一年级(1)班"),
    ("钱多", dt.date(2019, 6, 7), 28, "一年级(1)班"),
    ("冯亮", dt.date(2019, 7, 8), 29, "一年级(1)班"),
    ("陈晨", dt.date(2019, 8, 9), 30, "一年级(1)班"),
    ("褚楚", dt.date(2019, 1, 10), 32, "一年级(2)班"),
    ("卫东", dt.date(2019, 2, 11), 33, "一年级(2)班"),
    ("蒋欣", dt.date(2019, 3, 12), 34, "一年级(2)班"),
    ("沈阳", dt.date(2019, 4, 13), 35, "一年级(2)班"),
    ("韩梅", dt.date(2019, 5, 14), 36, "一年级(2)班"),
    ("杨洋", dt.date(2018, 6, 15), 37, "二年级(1)班"),
    ("朱红", dt.date(2018, 7, 16), 38, "二年级(1)班"),
    ("秦岭", dt.date(2018, 8, 17), 39, "二年级(1)班"),
    ("尤佳", dt.date(2018, 1, 18), 40, "二年级(1)班"),
    ("许诺", dt.date(2018, 2, 19), 41, "二年级(1)班"),
    ("何平", dt.date(2018, 3, 20), 43, "二年级(1)班"),
    ("吕良", dt.date(2018, 4, 21), 45, "二年级(1)班"),
    ("施展", dt.date(2018, 5, 22), 47, "二年级(1)班"),
    ("孔明", dt.date(2018, 6, 23), 49, "二年级(1)班"),
    ("曹操", dt.date(2018, 7, 24), 51, "二年级(1)班"),
    ("严肃", dt.date(2013, 8, 25), 53, "初一(1)班"),
    ("华夏", dt.date(2013, 9, 26), 54, "初一(1)班"),
    ("金鑫", dt.date(2013, 10, 27), 55, "初一(1)班"),
    ("魏巍", dt.date(2013, 11, 28), 56, "初一(1)班"),
    ("陶然", dt.date(2013, 12, 1), 57, "初一(1)班"),
    ("姜维", dt.date(2013, 1, 2), 59, "初一(1)班"),
    ("戚薇", dt.date(2013, 2, 3), 60, "初一(1)班"),
    ("谢霆", dt.date(2013, 3, 4), 61, "初一(1)班"),
    ("邹容", dt.date(2013, 4, 5), 62, "初一(1)班"),
    ("喻言", dt.date(2013, 5, 6), 63, "初一(1)班"),
)
LEFT_BEHIND = "李四"  # the one 留守 pupil of the seed


def seed_rows() -> list[dict[str, str]]:
    rows = []
    for name, birth, seq, class_name in SEED:
        row = valid_row(name=name, birth=birth, seq=seq, class_name=class_name)
        if name == LEFT_BEHIND:
            row["是否留守儿童"] = "单亲留守儿童"
        rows.append(row)
    return rows


@pytest.fixture
def seeded(ws: Workspace) -> Workspace:
    """The `ws` database with the 40 students of SEED."""
    result = add_students(ws, seed_rows())
    assert len(result.ids) == len(SEED)
    return ws


def shown_roster(qtbot, ws: Workspace):  # type: ignore[no-untyped-def]  # -> RosterPage
    """The roster page of `ws`, 1200×700, shown and exposed."""
    from desktop.views.roster.page import RosterPage

    page = RosterPage(ws)
    qtbot.addWidget(page)
    page.resize(1200, 700)
    with qtbot.waitExposed(page):
        page.show()
    return page


def drop_dialog(dialog: object) -> None:
    """Close a dialog without its `finished` handlers (the controller would quit the app)."""
    with contextlib.suppress(RuntimeError, TypeError):
        dialog.finished.disconnect()  # type: ignore[attr-defined]
    try:
        dialog.close()  # type: ignore[attr-defined]
        dialog.deleteLater()  # type: ignore[attr-defined]
    except RuntimeError:  # already deleted on the C++ side
        pass
