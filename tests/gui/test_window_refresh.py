"""After a write the main window shows again what the write changed, and only that: a pupil's
save re-reads the roster's rows without reloading the roster's lists or the other pages; a new
pupil reloads the lists of pupils; a 学籍变动 (through the editor's dialog) reloads the 学籍变动
page; an archive tick reloads only 待办."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.services.students.add import add_students
from desktop.views.changes.dialog import ChangeDialog
from desktop.views.controller import AppController
from desktop.views.editor.dialog import StudentEditor
from desktop.views.main_window import MainWindow
from tests.factories import valid_row
from tests.gui import test_controller as base

existing_db, make_controller, unlocked = base.existing_db, base.make_controller, base.unlocked


@pytest.fixture
def window(unlocked: AppController) -> MainWindow:
    """The real window with three pupils, every page built once."""
    assert unlocked.window is not None and unlocked.workspace is not None
    add_students(unlocked.workspace, [valid_row(name="王小明", seq=11), valid_row(name="李小红", seq=12),
                                      valid_row(name="张小刚", seq=13, class_name="三年级(3)班")])
    window = unlocked.window
    window.refresh_after_change()
    for page_id in ("archive", "print", "exchange"):
        window.page(page_id)
    return window


@pytest.fixture
def reloads(window: MainWindow, monkeypatch) -> Counter[str]:
    """How often each page reloads (the pages' own reload runs as before)."""
    counted: Counter[str] = Counter()
    pages: dict[str, QWidget] = {"roster": window.roster, "changes": window.changes_page,
                                 "tasks": window.tasks_page, **window.lazy}
    for name, page in pages.items():
        monkeypatch.setattr(page, "reload", counting(counted, name, page.reload))  # type: ignore[attr-defined]
    monkeypatch.setattr(window.roster, "refresh_rows",
                        counting(counted, "roster rows", window.roster.refresh_rows))
    return counted


def counting(counted: Counter[str], name: str, reload: Callable[[], None]) -> Callable[[], None]:
    def counted_reload() -> None:
        counted[name] += 1
        reload()
    return counted_reload


def edit(controller: AppController, name: str) -> StudentEditor:
    row = next(r for r in rows(controller.window) if r.name == name)  # type: ignore[arg-type]
    controller.edit_student(row.id)
    return next(w for w in QApplication.topLevelWidgets()
                if isinstance(w, StudentEditor) and w.isVisible())


def rows(window: MainWindow) -> list:  # type: ignore[type-arg]  # the roster's StudentRows
    model = window.roster.model
    return [model.row_at(i) for i in range(model.total)]


def type_into(editor: StudentEditor, header: str, text: str) -> None:
    widget = editor.form.fields[header].editor
    widget.setText(text)  # type: ignore[attr-defined]
    widget.editingFinished.emit()  # type: ignore[attr-defined]


def test_a_pupils_save_shows_the_pupil_again_and_reloads_no_other_page(
        unlocked: AppController, window: MainWindow, reloads: Counter[str]) -> None:
    editor = edit(unlocked, "李小红")
    type_into(editor, "姓名", "李晓红")
    assert editor.save()
    assert reloads == {"roster rows": 1, "tasks": 1, "archive": 1}  # the 学籍档案 list names her
    assert "李晓红" in [r.name for r in rows(window)] and "李小红" not in [r.name for r in rows(window)]
    assert window.roster.count.text() == "共 3 名学生"
    archive = window.lazy["archive"]
    assert "李晓红" in [r.name for r in archive.rows]  # type: ignore[attr-defined]


def test_a_pupil_moved_to_another_class_reloads_the_lists_by_class(
        unlocked: AppController, window: MainWindow, reloads: Counter[str]) -> None:
    """The classes' counts change (统计 by class, 核查's 应在籍, the roster's class filter):
    every list of pupils is read again, as for a new pupil."""
    editor = edit(unlocked, "李小红")
    editor.form.fields["班级"].set_text("三年级(3)班")
    assert editor.save()
    assert reloads == {"roster": 1, "tasks": 1, "archive": 1, "print": 1, "exchange": 1,
                       "changes": 1}


def test_a_new_pupil_reloads_the_lists_of_pupils_and_the_changes_page(
        unlocked: AppController, window: MainWindow, reloads: Counter[str]) -> None:
    """学籍变动 too: its 核查 tab counts each class's pupils (应在籍), one more now; never 同步
    or 设置, which show no records."""
    unlocked.edit_student(None)
    editor = next(w for w in QApplication.topLevelWidgets()
                  if isinstance(w, StudentEditor) and w.isVisible())
    editor.form.set_row(valid_row(name="赵小军", seq=15))
    assert editor.save()
    assert reloads == {"roster": 1, "tasks": 1, "archive": 1, "print": 1, "exchange": 1,
                       "changes": 1}
    assert "赵小军" in [r.name for r in rows(window)]
    assert window.roster.count.text() == "共 4 名学生"


def test_a_status_change_reloads_the_changes_page_and_the_pupils_row(
        unlocked: AppController, window: MainWindow, reloads: Counter[str]) -> None:
    editor = edit(unlocked, "张小刚")

    def suspend() -> None:  # in the editor's 学籍变动… dialog, once it is open
        dialog = next(w for w in QApplication.topLevelWidgets()
                      if isinstance(w, ChangeDialog) and w.isVisible())
        dialog.kind.setCurrentIndex(dialog.kind.findData("休学"))
        dialog.reason.setText("因病")
        dialog.submit()

    QTimer.singleShot(0, suspend)
    editor.open_change_dialog()
    assert reloads == {"roster rows": 1, "changes": 1, "tasks": 1, "archive": 1, "exchange": 1}
    assert next(r for r in rows(window) if r.name == "张小刚").status == "休学"


def test_an_archive_tick_reloads_only_what_is_due(qtbot, window: MainWindow,
                                                 reloads: Counter[str]) -> None:
    page = window.lazy["archive"]
    window.nav.setCurrentRow(window.stack.indexOf(window.holders["archive"]))
    with qtbot.waitSignal(page.changed):  # type: ignore[attr-defined]  # ArchivePage's
        page.checklist.set_present(0, True)  # type: ignore[attr-defined]
    assert reloads == {"archive": 1, "tasks": 1}  # the 学籍档案 page shows its own tick once


def test_an_id_number_corrected_to_a_listed_pupils_takes_them_off_the_waiting_list(
        unlocked: AppController, window: MainWindow, reloads: Counter[str], tmp_path) -> None:
    """The 名单 tab lists the listed pupils with no record yet, matched by ID number: when a
    stored pupil's mistyped number is corrected to the one on the entrance handover list, the
    tab shows it at once."""
    from desktop.exchange.intake_lists import HANDOVER_COLUMNS, write_list
    from tests.factories import SCHOOL_CODE

    number = valid_row(seq=14)["身份证件号"]  # her sex and birth date, the right number
    path = tmp_path / "交接.xlsx"
    write_list(path, HANDOVER_COLUMNS, [{"个人标识码": "G" + number, "学生姓名": "李小红",
                                         "身份证号": number, "毕业学校标识码": "4406040098",
                                         "录取学校标识码": SCHOOL_CODE, "教育阶段": "小学"}])
    lists = window.lazy["exchange"].lists  # type: ignore[attr-defined]  # ExchangePage's
    lists.load(path, preschool=False)
    assert len(lists.waiting) == 1
    reloads.clear()
    editor = edit(unlocked, "李小红")
    type_into(editor, "身份证件号", number)
    assert editor.save(), editor.banner.text()
    assert lists.waiting == () and "0 名" in lists.waiting_label.text()
    assert reloads == {"roster rows": 1, "tasks": 1, "archive": 1}  # no page reloaded whole
