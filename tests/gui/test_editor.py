"""The student editor: inline validation, saving, the duplicate question, undo/redo, the
unsaved-changes guard, editing a stored student and importing a photo."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QDialog, QLineEdit

from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from desktop.services.students.photos import get_photo
from desktop.services.students.read import StudentQuery, get_student, search
from desktop.views.editor import dialog as editor_dialog
from desktop.views.editor.dialog import StudentEditor
from tests.factories import valid_row

BIRTH = dt.date(2017, 3, 5)


@pytest.fixture
def asked(monkeypatch) -> Iterator[tuple[list[tuple[str, str]], list[bool]]]:
    """Replace the yes/no question: records (title, text); answers pop from `answers`
    (an unexpected question fails the test)."""
    questions: list[tuple[str, str]] = []
    answers: list[bool] = []

    def ask(_parent, title: str, text: str) -> bool:
        questions.append((title, text))
        assert answers, f"unexpected question: {title}: {text}"
        return answers.pop(0)

    monkeypatch.setattr(editor_dialog, "ask", ask)
    yield questions, answers


@pytest.fixture
def open_editor(qtbot, ws: Workspace) -> Iterator[Callable[..., StudentEditor]]:
    made: list[StudentEditor] = []

    def make(student_id: str | None = None) -> StudentEditor:
        editor = StudentEditor(ws, student_id)
        made.append(editor)  # not qtbot.addWidget: qtbot would close it before our teardown
        with qtbot.waitExposed(editor):
            editor.show()
        return editor

    yield make
    for editor in made:  # edits left over: close without the unsaved-changes question
        editor.discard_and_close()
        editor.deleteLater()


def line_edit(editor: StudentEditor, header: str) -> QLineEdit:
    widget = editor.form.fields[header].editor
    assert isinstance(widget, QLineEdit)
    return widget


def type_into(editor: StudentEditor, header: str, text: str) -> None:
    """What finishing an edit of a text item does: the text changes, editing finishes."""
    widget = line_edit(editor, header)
    widget.setText(text)
    widget.editingFinished.emit()


def count(ws: Workspace, name: str) -> int:
    return search(ws, StudentQuery(text=name)).total


def png(width: int, height: int) -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(70, 130, 180))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, "PNG")
    buffer.close()
    return bytes(data.data())


# --- validation and saving ------------------------------------------------------------------
def test_new_editor_starts_clean_with_defaults(open_editor, asked) -> None:
    editor = open_editor()
    assert "新建学生" in editor.windowTitle()
    assert editor.form.fields["国籍/地区"].text() == "中国"
    assert editor.form.fields["民族"].text() == "汉族"
    assert editor.form.fields["姓名"].text() == ""
    assert not editor.is_dirty()
    assert not editor.banner.isVisible()
    editor.reject()  # nothing typed: closes without a question
    assert not editor.isVisible()
    assert asked[0] == []


def test_validate_shows_required_errors_beside_fields(open_editor) -> None:
    editor = open_editor()
    blocking = editor.validate()
    fields = {e.field for e in blocking}
    assert {"姓名", "出生日期", "班级", "联系电话"} <= fields
    name_error = editor.form.fields["姓名"].error
    assert name_error.isVisible()  # on the first tab, shown
    assert "必填" in name_error.text()
    phone_error = editor.form.fields["联系电话"].error
    assert not phone_error.isHidden() and "必填" in phone_error.text()  # on another tab
    assert editor.form.fields["国籍/地区"].error.isHidden()  # filled by default: no error
    assert editor.banner.isVisible()
    assert f"有 {len(blocking)} 处需要修改" in editor.banner.text()
    assert "（" in editor.tabs.tabText(0)  # the tab carries its number of problems


def test_fixing_the_row_clears_the_errors(open_editor) -> None:
    editor = open_editor()
    assert editor.validate()
    editor.form.set_row(valid_row())
    assert editor.validate() == []
    assert editor.form.fields["姓名"].error.isHidden()
    assert not editor.banner.isVisible()
    assert editor.tabs.tabText(0) == "基本信息"


def test_save_creates_the_student(qtbot, open_editor, ws: Workspace) -> None:
    editor = open_editor()
    editor.form.set_row(valid_row(name="王小明"))
    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        assert editor.save()
    assert editor.result() == QDialog.DialogCode.Accepted
    assert not editor.isVisible()
    page = search(ws, StudentQuery(text="王小明"))
    assert page.total == 1
    assert saved.args == [page.rows[0].id]
    assert page.rows[0].class_name == "三年级(2)班"
    assert page.rows[0].birth_date == BIRTH


def test_invalid_row_is_not_saved(open_editor, ws: Workspace) -> None:
    editor = open_editor()
    row = valid_row(name="王小明")
    row["身份证件号"] = row["身份证件号"][:-1] + ("0" if row["身份证件号"][-1] != "0" else "1")
    editor.form.set_row(row)
    saved: list[str] = []
    editor.saved.connect(saved.append)
    assert not editor.save()
    assert editor.isVisible()
    assert saved == []
    assert count(ws, "王小明") == 0
    assert not editor.form.fields["身份证件号"].error.isHidden()
    assert editor.banner.isVisible()


# --- possible duplicate -------------------------------------------------------------------
@pytest.fixture
def stored(ws: Workspace) -> str:
    return add_students(ws, [valid_row(name="王小明", birth=BIRTH, seq=11,
                                       class_name="三年级(2)班")]).ids[0]


def duplicate_editor(open_editor) -> StudentEditor:
    editor = open_editor()
    # same name, birth date and sex (odd seq: 男), another valid ID number, another class
    editor.form.set_row(valid_row(name="王小明", birth=BIRTH, seq=13, class_name="三年级(3)班"))
    return editor


def test_possible_duplicate_is_asked_and_no_keeps_it_unsaved(open_editor, asked, stored,
                                                             ws: Workspace) -> None:
    questions, answers = asked
    answers.append(False)
    editor = duplicate_editor(open_editor)
    assert not editor.save()
    assert len(questions) == 1
    title, text = questions[0]
    assert title == "可能重复"
    assert "三年级(2)班" in text  # the stored record's class
    assert "2017-03-05" in text and "王小明" in text
    assert count(ws, "王小明") == 1
    assert editor.isVisible()


def test_possible_duplicate_yes_saves(open_editor, asked, stored, ws: Workspace) -> None:
    questions, answers = asked
    answers.append(True)
    editor = duplicate_editor(open_editor)
    assert editor.save()
    assert len(questions) == 1
    assert count(ws, "王小明") == 2


def test_a_different_pupil_is_not_asked_about(open_editor, asked, stored, ws: Workspace) -> None:
    editor = open_editor()
    editor.form.set_row(valid_row(name="王小明", birth=BIRTH, seq=12))  # 女: another pupil
    assert editor.save()
    assert asked[0] == []
    assert count(ws, "王小明") == 2


def same_person_queries(ws: Workspace) -> Callable[[], list[str]]:
    """Records the statements that look stored students up by name (the same-person query)."""
    from sqlalchemy import event

    seen: list[str] = []

    def note(_conn, _cursor, statement: str, *_rest) -> None:  # type: ignore[no-untyped-def]
        if "FROM student " in statement and "WHERE student.name " in statement:
            seen.append(statement)

    event.listen(ws.store.engine, "before_cursor_execute", note)
    return lambda: seen


@pytest.mark.parametrize("edit_stored", [False, True], ids=["new", "edited"])
def test_a_save_looks_for_the_same_person_once(open_editor, asked, stored, ws: Workspace,
                                               edit_stored: bool) -> None:
    """The question before the save and the mark the save writes come from one query."""
    editor = open_editor(stored if edit_stored else None)
    editor.form.set_row(valid_row(name="李四", birth=BIRTH, seq=15, class_name="三年级(2)班"))
    queries = same_person_queries(ws)
    assert editor.save()
    assert len(queries()) == 1, queries()
    assert asked[0] == []


def test_a_save_asked_about_and_kept_marks_the_same_person(open_editor, asked, stored,
                                                           ws: Workspace) -> None:
    """The held-back save wrote nothing; the save the user confirmed marks the duplicate."""
    asked[1].append(True)
    editor = duplicate_editor(open_editor)
    assert editor.save()
    assert get_student(ws, editor.student_id).possible_duplicate_of == stored


# --- undo / redo ------------------------------------------------------------------------------
def test_undo_and_redo_of_one_edit(open_editor) -> None:
    editor = open_editor()
    type_into(editor, "姓名", "张三")
    assert editor.is_dirty()
    assert editor.undo_button.isEnabled() and not editor.redo_button.isEnabled()
    editor.undo_stack.undo()
    assert editor.form.fields["姓名"].text() == ""
    assert line_edit(editor, "姓名").text() == ""
    assert not editor.is_dirty()
    assert editor.redo_button.isEnabled()
    editor.undo_stack.redo()
    assert editor.form.fields["姓名"].text() == "张三"
    assert editor.is_dirty()


def test_undo_goes_back_one_edit_at_a_time(open_editor) -> None:
    editor = open_editor()
    type_into(editor, "姓名", "张三")
    type_into(editor, "姓名", "李四")
    name = editor.form.fields["姓名"]
    editor.undo_stack.undo()
    assert name.text() == "张三"  # the value before the last edit
    editor.undo_stack.redo()
    assert name.text() == "李四"
    editor.undo_stack.undo()
    editor.undo_stack.undo()
    assert name.text() == ""


def test_undo_across_two_items(open_editor) -> None:
    editor = open_editor()
    type_into(editor, "姓名", "张三")
    type_into(editor, "籍贯", "广东省佛山市")
    editor.undo_stack.undo()
    assert editor.form.fields["籍贯"].text() == ""
    assert editor.form.fields["姓名"].text() == "张三"
    editor.undo_stack.undo()
    assert editor.form.fields["姓名"].text() == ""
    editor.undo_stack.redo()
    editor.undo_stack.redo()
    assert editor.form.fields["籍贯"].text() == "广东省佛山市"


def test_the_pinyin_line_follows_undo(open_editor) -> None:
    editor = open_editor()
    type_into(editor, "姓名", "张三")
    assert editor.form.pinyin.text() == "Zhang San"
    editor.undo_stack.undo()
    assert editor.form.fields["姓名"].text() == ""
    assert editor.form.pinyin.text() == ""  # not the undone name's pinyin
    editor.undo_stack.redo()
    assert editor.form.pinyin.text() == "Zhang San"


def activate(qtbot, editor: StudentEditor) -> None:
    with qtbot.waitActive(editor):
        editor.activateWindow()


def test_ctrl_z_undoes_outside_text_inputs(qtbot, open_editor) -> None:
    editor = open_editor()
    type_into(editor, "姓名", "张三")
    activate(qtbot, editor)
    bar = editor.tabs.tabBar()
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.form.fields["姓名"].text() == ""


def test_ctrl_y_redoes(qtbot, open_editor) -> None:
    """On Windows key bindings (and on this test platform) the standard Redo key *is* Ctrl+Y:
    registering it a second time makes the shortcut ambiguous and neither fires."""
    editor = open_editor()
    type_into(editor, "姓名", "张三")
    editor.undo_stack.undo()
    activate(qtbot, editor)
    bar = editor.tabs.tabBar()
    bar.setFocus()
    qtbot.keyClick(bar, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert editor.form.fields["姓名"].text() == "张三"


def test_ctrl_z_in_an_untouched_item_undoes_the_form(qtbot, open_editor) -> None:
    """After finishing 姓名 the focus sits in the next input, whose own undo history is
    empty: Ctrl+Z there must still undo the form's last edit (the 撤销 button's action)."""
    editor = open_editor()
    type_into(editor, "姓名", "张三")
    activate(qtbot, editor)
    other = line_edit(editor, "籍贯")
    other.setFocus()
    assert not other.isUndoAvailable()
    qtbot.keyClick(other, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert editor.form.fields["姓名"].text() == ""


# --- leaving with unsaved edits -------------------------------------------------------------
def test_reject_with_edits_asks_and_no_stays_open(open_editor, asked) -> None:
    questions, answers = asked
    editor = open_editor()
    type_into(editor, "姓名", "张三")
    answers.append(False)
    editor.reject()
    assert len(questions) == 1
    assert "尚未保存" in questions[0][1]
    assert editor.isVisible()
    assert editor.form.fields["姓名"].text() == "张三"

    answers.append(True)
    editor.reject()
    assert len(questions) == 2
    assert not editor.isVisible()
    assert editor.result() == QDialog.DialogCode.Rejected


def test_closing_the_window_with_edits_asks(open_editor, asked) -> None:
    questions, answers = asked
    editor = open_editor()
    type_into(editor, "姓名", "张三")
    answers.append(False)
    editor.close()
    assert editor.isVisible()
    answers.append(True)
    editor.close()  # one question per close: "yes, discard" must not be asked again
    assert len(questions) == 2, questions
    assert not editor.isVisible()


def test_escape_with_edits_asks(qtbot, open_editor, asked) -> None:
    questions, answers = asked
    editor = open_editor()
    type_into(editor, "姓名", "张三")
    answers.append(False)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert len(questions) == 1
    assert editor.isVisible()


# --- an existing student ----------------------------------------------------------------------
def test_existing_student_loads_and_saves_a_change(qtbot, open_editor, asked, stored,
                                                   ws: Workspace) -> None:
    editor = open_editor(stored)
    assert "学生信息" in editor.windowTitle()
    fields = editor.form.fields
    row = valid_row(name="王小明", birth=BIRTH, seq=11)
    assert fields["姓名"].text() == "王小明"
    assert fields["身份证件号"].text() == row["身份证件号"]
    assert fields["出生日期"].text() == "20170305"
    assert fields["班级"].text() == "三年级(2)班"
    assert fields["性别"].text() == "男"
    assert fields["成员1姓名"].text() == "王大明"
    assert editor.form.pinyin.text() == "Wang Xiaoming"
    assert not editor.is_dirty()  # loading is not an edit
    assert editor.validate() == []

    before = get_student(ws, stored)
    type_into(editor, "联系电话", "13900139000")
    type_into(editor, "姓名", "王晓明")
    with qtbot.waitSignal(editor.saved, timeout=5000) as saved:
        assert editor.save()
    assert saved.args == [stored]
    after = get_student(ws, stored)
    assert after.values["phone"] == "13900139000"
    assert after.values["name"] == "王晓明"
    assert after.version > before.version
    assert count(ws, "王") == 1  # updated, not added
    assert asked[0] == []  # the student is not a duplicate of itself


def test_existing_student_unchanged_closes_without_asking(open_editor, asked, stored) -> None:
    editor = open_editor(stored)
    editor.reject()
    assert not editor.isVisible()
    assert asked[0] == []


# --- photo --------------------------------------------------------------------------------------
def test_imported_photo_is_a_small_jpeg_of_26_by_32(open_editor) -> None:
    editor = open_editor()
    editor.import_photo_bytes(png(400, 300))
    jpeg = editor.pending_photo
    assert jpeg is not None
    assert jpeg[:3] == b"\xff\xd8\xff"
    assert len(jpeg) <= 60 * 1024
    image = QImage.fromData(jpeg)
    assert (image.width(), image.height()) == (260, 320)
    assert editor.photo_label.pixmap() is not None and not editor.photo_label.pixmap().isNull()
    assert editor.is_dirty()
    assert not editor.banner.isVisible()


def test_photo_is_stored_with_the_student(open_editor, ws: Workspace) -> None:
    editor = open_editor()
    editor.form.set_row(valid_row(name="王小明"))
    editor.import_photo_bytes(png(300, 400))
    assert editor.save()
    stored = get_photo(ws, search(ws, StudentQuery(text="王小明")).rows[0].id)
    assert stored is not None
    assert QImage.fromData(stored).size().toTuple() == (260, 320)


def test_corrupt_photo_shows_the_banner(open_editor) -> None:
    editor = open_editor()
    editor.import_photo_bytes(b"\x89PNG\r\n\x1a\n" + b"not really an image" * 10)
    assert editor.pending_photo is None
    assert editor.banner.isVisible()
    assert "无法读取这张照片" in editor.banner.text()
    assert not editor.is_dirty()
