"""The roster page: search (Chinese, pinyin, initials, ID), filters, masking, keyboard, model."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt

from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search
from desktop.views.roster import table_model
from desktop.views.roster.page import RosterPage
from desktop.views.roster.table_model import COLUMNS, RosterModel, StudentIdRole
from tests.factories import resident_id, valid_row
from tests.gui.conftest import LEFT_BEHIND, SEED, shown_roster

NAME, ID, XJH, FLAGS = (COLUMNS.index(c) for c in ("姓名", "身份证件号", "学籍号", "标记"))


@pytest.fixture
def page(qtbot, seeded: Workspace) -> Iterator[RosterPage]:
    page = shown_roster(qtbot, seeded)
    yield page


def names(page: RosterPage) -> list[str]:
    model = page.model
    return [model.data(model.index(r, NAME)) for r in range(model.rowCount())]


def search_for(page: RosterPage, text: str) -> list[str]:
    page.search.setText(text)
    page.search.flush()
    return names(page)


def class_count(class_name: str) -> int:
    return sum(1 for s in SEED if s[3] == class_name)


def id_of(name: str) -> str:
    _, birth, seq, _ = next(s for s in SEED if s[0] == name)
    return resident_id("440604", birth, seq)


def choose(combo, text: str) -> None:
    index = combo.findText(text)
    assert index > 0, f"{text} not in the combo"
    combo.setCurrentIndex(index)


def test_whole_roster_and_count_label(page: RosterPage) -> None:
    assert page.model.rowCount() == len(SEED) == 40
    assert page.count.text() == "共 40 名学生"
    assert sorted(names(page)) == sorted(s[0] for s in SEED)
    assert page.model.columnCount() == len(COLUMNS)
    assert [page.model.headerData(c, Qt.Orientation.Horizontal) for c in range(len(COLUMNS))] \
        == list(COLUMNS)


def test_search_chinese_text(page: RosterPage) -> None:
    assert sorted(search_for(page, "张")) == sorted(["张三", "张伟", "张丽"])
    assert page.count.text() == "共 3 名学生"
    assert search_for(page, "四") == ["李四"]  # anywhere in the name, not only the start


def test_search_pinyin_prefix_in_pinyin_order(page: RosterPage) -> None:
    assert search_for(page, "zhang") == ["张丽", "张三", "张伟"]
    assert search_for(page, "ZH") == ["张丽", "张三", "张伟", "赵六", "郑十", "周八", "朱红"]
    assert page.count.text() == "共 7 名学生"


def test_search_initials(page: RosterPage) -> None:
    assert sorted(search_for(page, "zs")) == sorted(["张三", "郑十"])
    assert search_for(page, "ls") == ["李四"]


def test_search_id_prefix_and_xjh(page: RosterPage) -> None:
    assert len(search_for(page, "4406042013")) == 10  # everyone born in 2013
    assert search_for(page, "44060420170305") == ["张三"]
    assert search_for(page, id_of("王五")) == ["王五"]
    assert len(search_for(page, "G4406042019")) == 10  # provisional G 学籍号 of 2019 births
    assert search_for(page, "1100") == []
    assert page.count.text() == "共 0 名学生"


def test_clearing_the_search_shows_everyone_again(page: RosterPage) -> None:
    search_for(page, "张")
    assert len(search_for(page, "")) == 40
    assert page.count.text() == "共 40 名学生"


def test_typing_searches_after_a_pause(qtbot, page: RosterPage) -> None:
    with qtbot.waitSignal(page.search.search_changed, timeout=2000) as changed:
        qtbot.keyClicks(page.search, "zs")
    assert changed.args == ["zs"]
    assert sorted(names(page)) == sorted(["张三", "郑十"])


def test_grade_and_class_filters(page: RosterPage) -> None:
    grades = [page.grade.itemText(i) for i in range(page.grade.count())]
    assert grades == ["全部", "一年级", "二年级", "三年级", "初一"]
    choose(page.grade, "三年级")
    assert len(names(page)) == 10
    assert page.count.text() == "共 10 名学生"
    assert sorted(search_for(page, "张")) == sorted(["张三", "张伟", "张丽"])

    page.grade.setCurrentIndex(0)
    search_for(page, "")
    choose(page.klass, "三年级(2)班")
    assert len(names(page)) == class_count("三年级(2)班") == 5
    assert sorted(search_for(page, "张")) == sorted(["张三", "张伟"])
    column = COLUMNS.index("班级")
    assert {page.model.data(page.model.index(r, column)) for r in range(page.model.rowCount())} \
        == {"三年级(2)班"}

    page.klass.setCurrentIndex(0)
    assert sorted(search_for(page, "张")) == sorted(["张三", "张伟", "张丽"])


def test_status_filter(page: RosterPage) -> None:
    page.status.setCurrentIndex(page.status.findData("ACTIVE"))
    assert len(names(page)) == 40
    other = next(i for i in range(1, page.status.count()) if page.status.itemData(i) != "ACTIVE")
    page.status.setCurrentIndex(other)
    assert names(page) == []
    assert page.count.text() == "共 0 名学生"


def test_left_behind_flag_filter(page: RosterPage) -> None:
    page.flags["留守"].setChecked(True)
    assert names(page) == [LEFT_BEHIND]
    assert page.count.text() == "共 1 名学生"
    assert page.model.data(page.model.index(0, FLAGS)) == "留守"
    page.flags["留守"].setChecked(False)
    assert len(names(page)) == 40


def test_ids_are_masked_until_revealed(page: RosterPage) -> None:
    search_for(page, "张三")
    model, number = page.model, id_of("张三")
    shown_id = model.data(model.index(0, ID))
    shown_xjh = model.data(model.index(0, XJH))
    assert shown_id == number[:6] + "*" * 8 + number[-4:]
    assert number not in shown_xjh
    assert shown_xjh.startswith("G" + number[:6] + "*" * 8 + number[-4:])

    page.reveal.setChecked(True)
    assert model.data(model.index(0, ID)) == number
    assert model.data(model.index(0, XJH)).startswith("G" + number)
    assert "*" not in model.data(model.index(0, XJH))

    page.reveal.setChecked(False)
    assert "*" in model.data(model.index(0, ID))
    assert "*" in model.data(model.index(0, XJH))


def test_reveal_announces_both_masked_columns(qtbot, page: RosterPage) -> None:
    """身份证件号 and 学籍号 both change when revealed: views must be told about both."""
    changed: list[tuple[int, int, int, int]] = []
    page.model.dataChanged.connect(lambda tl, br, _roles=(): changed.append(
        (tl.row(), br.row(), tl.column(), br.column())))
    page.reveal.setChecked(True)
    last = page.model.rowCount() - 1
    for column in (ID, XJH):
        assert any(top <= 0 and bottom >= last and left <= column <= right
                   for top, bottom, left, right in changed), (column, changed)


def test_enter_on_the_selected_row_opens_the_student(qtbot, page: RosterPage) -> None:
    model, table = page.model, page.table
    table.setFocus()
    table.selectRow(3)
    expected = model.data(model.index(3, 0), StudentIdRole)
    with qtbot.waitSignal(page.open_student, timeout=2000) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Return)
    assert opened.args == [expected]

    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert table.currentIndex().row() == 4
    with qtbot.waitSignal(page.open_student, timeout=2000) as opened:
        qtbot.keyClick(table, Qt.Key.Key_Enter)
    assert opened.args == [model.data(model.index(4, 0), StudentIdRole)]


def test_double_click_opens_the_student(qtbot, page: RosterPage) -> None:
    index = page.model.index(2, NAME)
    centre = page.table.visualRect(index).center()
    viewport = page.table.viewport()
    with qtbot.waitSignal(page.open_student, timeout=2000) as opened:
        qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=centre)  # a real double
        qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=centre)  # click starts
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=centre)  # with a click
    assert opened.args == [page.model.data(index, StudentIdRole)]


def test_enter_without_a_row_opens_nothing(qtbot, page: RosterPage) -> None:
    search_for(page, "1100")
    opened: list[str] = []
    page.open_student.connect(opened.append)
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened == []


def test_student_ids_match_the_service(page: RosterPage, seeded: Workspace) -> None:
    model = page.model
    search_for(page, "zhang")
    expected = [r.id for r in search(seeded, StudentQuery(text="zhang")).rows]
    assert [model.data(model.index(r, 0), StudentIdRole) for r in range(3)] == expected


def test_reload_shows_a_new_student_and_class(page: RosterPage, seeded: Workspace) -> None:
    add_students(seeded, [valid_row(name="欧阳明", birth=dt.date(2016, 9, 9), seq=71,
                                    class_name="四年级(1)班")])
    page.reload()
    assert page.klass.findText("四年级(1)班") > 0
    assert page.grade.findText("四年级") > 0
    assert len(names(page)) == 41
    assert page.count.text() == "共 41 名学生"


def test_reload_keeps_the_chosen_filters(page: RosterPage, seeded: Workspace) -> None:
    """reload() runs after every save in the editor: the registrar's class filter and search
    must survive it, not silently fall back to 全部."""
    choose(page.klass, "三年级(2)班")
    search_for(page, "张")
    assert len(names(page)) == 2
    add_students(seeded, [valid_row(name="张明", birth=dt.date(2017, 9, 9), seq=73,
                                    class_name="三年级(2)班")])
    page.reload()
    assert page.klass.currentText() == "三年级(2)班"
    assert sorted(names(page)) == sorted(["张三", "张伟", "张明"])
    assert page.count.text() == "共 3 名学生"


def test_pages_are_fetched_and_evicted_consistently(monkeypatch, seeded: Workspace) -> None:
    monkeypatch.setattr(table_model, "PAGE_SIZE", 7)
    monkeypatch.setattr(table_model, "MAX_PAGES", 2)
    query = StudentQuery(text="4406")  # every seeded ID starts so
    expected = [r.name for r in search(seeded, query, limit=100).rows]
    assert len(expected) == 40
    model = RosterModel(seeded)
    model.set_query(query)
    assert model.rowCount() == 40
    forward = [model.data(model.index(r, NAME)) for r in range(40)]
    backward = [model.data(model.index(r, NAME)) for r in reversed(range(40))]
    assert forward == expected
    assert backward[::-1] == expected
    assert model.data(model.index(19, NAME)) == expected[19]  # after eviction, fetched again
    assert model.row_at(40) is None and model.row_at(-1) is None


def test_model_passes_the_model_tester(qtmodeltester, page: RosterPage) -> None:
    assert page.model.rowCount() > 0
    qtmodeltester.check(page.model)
    page.reveal.setChecked(True)
    qtmodeltester.check(page.model)


def test_model_tester_with_no_match(qtmodeltester, page: RosterPage) -> None:
    assert search_for(page, "不存在的名字") == []
    qtmodeltester.check(page.model)


def test_escape_clears_the_search(qtbot, page):

    page.search.setText("zhang")
    page.search.flush()
    narrowed = page.model.total
    qtbot.keyClick(page.search, Qt.Key.Key_Escape)
    page.search.flush()
    assert page.search.text() == ""
    assert page.model.total > narrowed
