"""Entering a pupil: typed dates, what the ID number fills in and whether the school already
has that person, family members that start empty, a form that does not move or shout before
the registrar is done, ★/☆ marks, and code lists that fit the school's stages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QDate, QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, get_student, search
from desktop.views.editor.date_input import DateInput
from desktop.views.editor.dialog import StudentEditor
from desktop.views.widgets.code_combo import CodeCombo
from tests.factories import resident_id, valid_row

BIRTH = dt.date(2019, 3, 5)
NUMBER = resident_id("440604", BIRTH, 11)


@pytest.fixture
def editor(qtbot, ws: Workspace) -> Iterator[StudentEditor]:
    made = StudentEditor(ws, None)
    with qtbot.waitExposed(made):
        made.show()
    with qtbot.waitActive(made):
        made.activateWindow()
    yield made
    made.discard_and_close()
    made.deleteLater()


def date_line(editor: StudentEditor, header: str) -> QLineEdit:
    widget = editor.form.fields[header].editor
    assert isinstance(widget, DateInput)
    return widget.line


def line(editor: StudentEditor, header: str) -> QLineEdit:
    widget = editor.form.fields[header].editor
    assert isinstance(widget, QLineEdit)
    return widget


def type_and_tab(qtbot, widget: QLineEdit, text: str) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
    widget.setFocus()
    QApplication.processEvents()  # entering selects the text (next turn of the loop)
    for char in text:  # QTest.keyClicks takes Latin-1 only: a Chinese character as an IME commits it
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))
    qtbot.keyClick(widget, Qt.Key.Key_Tab)


def text_of(editor: StudentEditor, header: str) -> str:
    return editor.form.fields[header].text()


# --- 3. typed dates -------------------------------------------------------------------------
@pytest.mark.parametrize("typed", ["2020-03-12", "20200312", "2020/3/12", "2020.3.12"])
def test_a_typed_birth_date_is_taken_and_tab_leaves(qtbot, editor, typed) -> None:
    birth = date_line(editor, "出生日期")
    type_and_tab(qtbot, birth, typed)
    assert text_of(editor, "出生日期") == "20200312"
    assert birth.text() == "2020-03-12"
    assert not birth.hasFocus()  # Tab went on to the next item
    assert editor.form.fields["出生日期"].error.isHidden()  # not 必填项为空


def test_retyping_a_date_replaces_it(qtbot, editor) -> None:
    birth = date_line(editor, "出生日期")
    type_and_tab(qtbot, birth, "2020-03-12")
    type_and_tab(qtbot, birth, "2019.1.2")
    assert text_of(editor, "出生日期") == "20190102"


def test_a_typed_entry_month(qtbot, editor) -> None:
    entry = date_line(editor, "入学年月")
    type_and_tab(qtbot, entry, "2025/9")
    assert text_of(editor, "入学年月") == "202509"
    assert entry.text() == "2025-09"


def test_a_date_that_is_not_one_says_so(qtbot, editor) -> None:
    type_and_tab(qtbot, date_line(editor, "出生日期"), "2020-13-45")
    QTest.qWait(400)  # the check after typing stops
    error = editor.form.fields["出生日期"].error
    assert not error.isHidden() and error.full


def selected(calendar) -> dt.date:  # type: ignore[no-untyped-def]
    day: QDate = calendar.selectedDate()
    return dt.date(day.year(), day.month(), day.day())


POPUP = pytest.mark.qt_log_ignore("does not support grabbing the keyboard")  # offscreen popups


@POPUP
def test_the_calendar_opens_at_the_id_number_s_birth_date(qtbot, editor) -> None:
    editor.form.fields["身份证件类型"].set_text("")  # no type: a resident ID is assumed
    line(editor, "身份证件号").setText(NUMBER)
    widget = editor.form.fields["出生日期"].editor
    editor.form.fields["出生日期"].set_text("")
    widget.open_calendar()
    assert selected(widget.calendar) == BIRTH
    qtbot.mouseClick(widget.calendar_button, Qt.MouseButton.LeftButton)  # no crash on reopen
    widget.calendar.close()


@POPUP
def test_the_calendar_opens_at_the_grade_s_typical_age(qtbot, editor, ws) -> None:
    add_students(ws, [valid_row(name="张三", class_name="一年级(1)班", birth=dt.date(2019, 9, 9))])
    other = StudentEditor(ws, None)
    try:
        other.form.fields["班级"].set_text("一年级(1)班")
        widget = other.form.fields["出生日期"].editor
        widget.open_calendar()
        picked = selected(widget.calendar)
        assert abs(picked.year - (dt.date.today().year - 7)) <= 1  # about 6 at entry, not 1900
        widget._picked(widget.calendar, QDate(2019, 9, 1))
        assert other.form.fields["出生日期"].text() == "20190901"
    finally:
        other.discard_and_close()


# --- 4. the ID number -------------------------------------------------------------------------
def test_a_valid_id_fills_birth_sex_and_birthplace(qtbot, editor) -> None:
    type_and_tab(qtbot, line(editor, "身份证件号"), NUMBER)
    assert text_of(editor, "出生日期") == "20190305"
    assert text_of(editor, "性别") == "男"
    assert text_of(editor, "出生地") == "440604000000"
    editor.undo_stack.undo()  # the number and what it filled are one edit
    assert text_of(editor, "身份证件号") == ""
    assert text_of(editor, "出生日期") == "" and text_of(editor, "性别") == ""


def test_the_18th_character_is_enough(qtbot, editor) -> None:
    id_line = line(editor, "身份证件号")
    qtbot.mouseClick(id_line, Qt.MouseButton.LeftButton)
    QTest.keyClicks(id_line, NUMBER)  # no Tab: the number is complete
    assert id_line.hasFocus()
    assert text_of(editor, "出生日期") == "20190305"
    editor.undo_stack.undo()
    assert text_of(editor, "身份证件号") == "" and text_of(editor, "出生日期") == ""


def test_a_differing_item_is_noted_never_overwritten(qtbot, editor) -> None:
    editor.form.fields["性别"].set_text("女")
    type_and_tab(qtbot, line(editor, "身份证件号"), NUMBER)
    assert text_of(editor, "性别") == "女"
    note = editor.form.fields["性别"].error
    assert not note.isHidden() and "证件号中为 男" in note.full
    assert text_of(editor, "出生日期") == "20190305"  # the empty one is still filled


def test_a_known_id_offers_the_stored_record(qtbot, editor, ws) -> None:
    stored = add_students(ws, [valid_row(name="黄小文", birth=BIRTH, seq=11)]).ids[0]
    type_and_tab(qtbot, line(editor, "身份证件号"), NUMBER)
    assert "本校已有这个证件号的学生：黄小文" in editor.banner.text()
    assert editor.open_existing.isVisible()
    with qtbot.waitSignal(editor.open_other) as opened:
        qtbot.mouseClick(editor.open_existing, Qt.MouseButton.LeftButton)
    assert opened.args == [stored]
    assert not editor.isVisible()


def test_an_unknown_id_says_so_and_what_it_filled(qtbot, editor) -> None:
    type_and_tab(qtbot, line(editor, "身份证件号"), NUMBER)
    assert not editor.open_existing.isVisible()
    text = editor.banner.text()
    assert "本校还没有这个证件号的学生" in text and "出生日期、性别、出生地" in text
    QTest.qWait(400)  # the check after typing keeps it
    assert "本校还没有这个证件号的学生" in editor.banner.text()


# --- 5. family members ---------------------------------------------------------------------------
def visible_groups(editor: StudentEditor) -> int:
    return sum(1 for box in editor.form.member_groups if not box.isHidden())


def test_members_start_empty_and_one_guardian_is_enough(qtbot, editor, ws) -> None:
    assert visible_groups(editor) == 1
    assert all(not text_of(editor, f"成员1{item}") for item in ("姓名", "是否监护人", "身份证件类型"))
    row = valid_row(name="黄小文")
    row = {h: v for h, v in row.items() if not h.startswith("成员2")}
    row["成员1是否监护人"] = ""
    editor.form.set_row(row)
    relation = editor.form.fields["成员1关系"]
    relation.set_text("")
    relation.editor.setCurrentIndex(relation.editor.findText("父亲"))  # the registrar picks it
    assert text_of(editor, "成员1是否监护人") == "是"  # a parent is a guardian
    editor.undo_stack.undo()  # one step: the relation and what it answered
    assert text_of(editor, "成员1关系") == "" and text_of(editor, "成员1是否监护人") == ""
    editor.undo_stack.redo()
    assert text_of(editor, "成员1是否监护人") == "是"
    assert editor.save(), [e.field for e in editor.validate()]
    saved = search(ws, StudentQuery(text="黄小文")).rows[0]
    assert len(get_student(ws, saved.id).members) == 1


def test_add_and_remove_members(qtbot, editor) -> None:
    qtbot.mouseClick(editor.form.add_member_button, Qt.MouseButton.LeftButton)
    assert visible_groups(editor) == 2
    for slot, name in ((1, "黄大文"), (2, "李丽")):
        field = editor.form.fields[f"成员{slot}姓名"]
        field.editor.setText(name)
        field.editor.editingFinished.emit()
    remove = next(b for b in editor.form.member_groups[0].findChildren(QPushButton)
                  if b.text() == "删除此成员")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    assert visible_groups(editor) == 1
    assert text_of(editor, "成员1姓名") == "李丽" and text_of(editor, "成员2姓名") == ""
    editor.undo_stack.undo()  # one step brings the removed member back
    assert text_of(editor, "成员1姓名") == "黄大文" and text_of(editor, "成员2姓名") == "李丽"
    assert visible_groups(editor) == 2


# --- 6. a still layout; no count before the registrar is done ----------------------------------
def test_messages_do_not_move_the_form(qtbot, editor) -> None:
    watched = [editor.form.fields[h] for h in ("出生日期", "籍贯", "民族", "健康状况")]
    before = [w.mapTo(editor, w.rect().topLeft()) for w in watched]
    tabs_before = editor.tabs.geometry()
    editor.validate()  # every message at once
    QApplication.processEvents()
    assert not editor.form.fields["姓名"].error.isHidden()
    assert [w.mapTo(editor, w.rect().topLeft()) for w in watched] == before
    assert editor.tabs.geometry() == tabs_before
    editor.form.set_row(valid_row())
    editor.validate()  # every message gone
    QApplication.processEvents()
    assert [w.mapTo(editor, w.rect().topLeft()) for w in watched] == before


def test_no_count_before_saving_is_tried(qtbot, editor) -> None:
    type_and_tab(qtbot, line(editor, "姓名"), "黄小文")
    type_and_tab(qtbot, line(editor, "籍贯"), "")  # left empty: its message may show
    QTest.qWait(500)
    assert "处需要修改" not in editor.banner.text()
    assert not editor.form.fields["籍贯"].error.isHidden()  # left: told
    assert editor.form.fields["联系电话"].error.isHidden()  # not reached yet: quiet
    assert not editor.save()
    assert "处需要修改" in editor.banner.text()
    assert not editor.form.fields["联系电话"].error.isHidden()


# --- 7. ★ and ☆ ------------------------------------------------------------------------------
def label_texts(editor: StudentEditor) -> set[str]:
    return {label.text() for label in editor.findChildren(QLabel)}


def test_marks_and_their_legend(editor) -> None:
    texts = label_texts(editor)
    assert {"姓名★", "出生日期★", "是否留守儿童☆", "是否孤儿☆", "政治面貌", "血型"} <= texts
    assert "身份证件号★" not in texts and "身份证件号" in texts  # not required by the rules
    assert "关系★" in texts and "是否监护人☆" in texts
    legend = editor.form.legend
    assert legend.isVisible() and "★" in legend.text() and "☆" in legend.text()


# --- 8. options that fit the school -------------------------------------------------------------
def test_a_school_without_high_school_is_offered_no_high_school_entry_modes(editor) -> None:
    combo = editor.form.fields["入学方式"].editor
    assert isinstance(combo, CodeCombo)
    offered = [combo.itemText(i) for i in range(combo.count()) if combo.itemText(i)]
    assert offered == ["就近入学", "义务教育阶段其他"]  # the test school: 小学 and 初中
    source = editor.form.fields["学生来源"].editor
    assert [source.itemText(i) for i in range(1, source.count())] == ["正常入学", "其他"]


def test_a_stored_value_outside_the_list_is_still_shown(ws: Workspace, qtbot) -> None:
    stored = add_students(ws, [valid_row(name="黄小文")]).ids[0]
    made: Callable[[], StudentEditor] = lambda: StudentEditor(ws, stored)  # noqa: E731
    editor = made()
    try:
        assert editor.form.fields["入学方式"].text() == "就近入学"
    finally:
        editor.discard_and_close()


def test_removing_a_stored_member_saves_one_member(ws: Workspace, qtbot) -> None:
    stored = add_students(ws, [valid_row(name="黄小文")]).ids[0]  # two members
    editor = StudentEditor(ws, stored)
    try:
        assert visible_groups(editor) == 2
        editor.form.remove_member(2)
        assert editor.save(), [e.field for e in editor.validate()]
    finally:
        editor.discard_and_close()
    members = get_student(ws, stored).members
    assert [m["name"] for m in members] == ["王大明"]
