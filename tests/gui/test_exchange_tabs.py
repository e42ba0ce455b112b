"""The 导入 and 导出 tabs on a real encrypted database and real .xlsx files: preview before
writing, all-or-nothing with refused rows, only the valid rows when asked, idempotent
re-import, the field diff of a changed student, the error report, a file that is no
workbook, and an export read back with openpyxl."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.exchange.xlsx_writer import write_template
from desktop.services.context import Workspace
from desktop.services.students.read import StudentQuery, search
from desktop.views.exchange.export_tab import ExportTab
from desktop.views.exchange.import_tab import ImportTab
from tests.factories import valid_row

GOOD = [valid_row(name="王小明", seq=11), valid_row(name="李小红", seq=12)]


@pytest.fixture
def tab(qtbot, ws: Workspace, monkeypatch) -> ImportTab:
    widget = ImportTab(ws)
    qtbot.addWidget(widget)
    monkeypatch.setattr(widget, "confirm", lambda _text: True)
    return widget


def workbook(tmp_path: Path, rows: list[dict[str, str]], name: str = "in.xlsx") -> Path:
    path = tmp_path / name
    write_template(path, rows)
    return path


def names(ws: Workspace) -> list[str]:
    return sorted(row.name for row in search(ws, StudentQuery(), 0, 100).rows)


def load(qtbot, tab: ImportTab, path: Path) -> None:
    """Choose `path` and wait for its preview (read off the GUI thread)."""
    with qtbot.waitSignal(tab.planned, timeout=30_000):
        tab.load(path)


def column(tab: ImportTab, index: int) -> list[str]:
    return [tab.rows.item(r, index).text() for r in range(tab.rows.rowCount())]


def test_preview_then_import_then_reimport_changes_nothing(tab, ws, tmp_path, qtbot) -> None:
    path = workbook(tmp_path, GOOD)
    load(qtbot, tab, path)
    assert names(ws) == []  # a preview writes nothing
    assert "新增 2" in tab.summary.text() and tab.import_button.isEnabled()
    with qtbot.waitSignal(tab.imported):
        tab.run_import()
    assert names(ws) == sorted(["王小明", "李小红"])
    assert "新增 2 名" in tab.banner.text()
    load(qtbot, tab, path)
    assert "未变 2" in tab.summary.text() and not tab.import_button.isEnabled()


def test_refused_row_blocks_until_valid_rows_are_chosen(qtbot, tab, ws, tmp_path) -> None:
    bad = valid_row(name="赵小燕", seq=14)
    bad["出生日期"] = "20171345"
    load(qtbot, tab, workbook(tmp_path, [*GOOD, bad]))
    assert not tab.import_button.isEnabled()
    tab.filter.setCurrentIndex(1)  # 有问题的行
    assert column(tab, 0) == ["4"]  # the Excel row: header on 1, data from 2
    assert "出生日期" in column(tab, 4)[0]
    tab.skip_invalid.setChecked(True)
    assert tab.import_button.isEnabled()
    tab.run_import()
    assert names(ws) == sorted(["王小明", "李小红"])


def test_changed_student_shows_the_items_it_changes(qtbot, tab, ws, tmp_path) -> None:
    load(qtbot, tab, workbook(tmp_path, GOOD))
    tab.run_import()
    moved = {**GOOD[0], "现住址": "广东省佛山市南海区桂城街道新路8号"}
    load(qtbot, tab, workbook(tmp_path, [moved, GOOD[1]], "moved.xlsx"))
    assert "更新 1" in tab.summary.text()
    tab.filter.setCurrentIndex(3)  # 更新
    tab.rows.selectRow(0)
    diff = [[tab.diffs.item(r, c).text() for c in range(3)] for r in range(tab.diffs.rowCount())]
    assert ["现住址", GOOD[0]["现住址"], moved["现住址"]] in diff


def test_error_report_is_the_workbook_with_an_error_column(qtbot, tab, tmp_path, monkeypatch) -> None:
    bad = valid_row(name="赵小燕", seq=14)
    bad["身份证件号"] = "123"
    load(qtbot, tab, workbook(tmp_path, [GOOD[0], bad]))
    target = tmp_path / "report.xlsx"
    monkeypatch.setattr(tab, "ask_save_path", lambda _s: target)
    tab.save_report()
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    assert header[-1] == "错误"
    assert sheet.cell(3, len(header)).value and "身份证件号" in sheet.cell(3, len(header)).value
    assert not sheet.cell(2, len(header)).value


def test_a_file_that_is_no_workbook(qtbot, tab, ws, tmp_path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("这不是表格", encoding="utf-8")
    load(qtbot, tab, path)
    assert tab.banner.property("kind") == "error" and "Excel" in tab.banner.text()
    assert not tab.import_button.isEnabled() and names(ws) == []


def test_export_one_class(qtbot, ws, tmp_path, monkeypatch) -> None:
    from desktop.services.students.add import add_students

    add_students(ws, [*GOOD, valid_row(name="张三", seq=13, class_name="四年级(1)班")])
    widget = ExportTab(ws)
    qtbot.addWidget(widget)
    widget.choices.button(1).setChecked(True)
    widget.klass.setCurrentIndex(widget.klass.findText("三年级(2)班"))
    target = tmp_path / "out.xlsx"
    monkeypatch.setattr(widget, "ask_save_path", lambda _s: target)
    with qtbot.waitSignal(widget.work.finished, timeout=30_000):
        widget.export()  # off the GUI thread
    assert "已导出 2 名学生" in widget.banner.text()
    sheet = load_workbook(target).worksheets[0]
    header = [c.value for c in sheet[1]]
    ids = [sheet.cell(r, header.index("身份证件号") + 1) for r in (2, 3)]
    assert sorted(c.value for c in ids) == sorted(r["身份证件号"] for r in GOOD)
    assert all(c.data_type == "s" for c in ids)


def test_reconcile_tab_brings_back_numbers(qtbot, ws, tmp_path, monkeypatch) -> None:
    from openpyxl import Workbook

    from desktop.services.students.add import add_students
    from desktop.services.students.read import get_student
    from desktop.views.exchange.reconcile_tab import ReconcileTab

    add_students(ws, GOOD)
    book = Workbook()
    book.active.append(["姓名", "性别", "出生日期", "身份证件类型", "身份证件号", "班级", "学籍号"])
    for row in GOOD:
        book.active.append([row["姓名"], row["性别"], row["出生日期"], row["身份证件类型"],
                            row["身份证件号"], row["班级"], "G" + row["身份证件号"]])
    path = tmp_path / "national.xlsx"
    book.save(path)
    widget = ReconcileTab(ws)
    qtbot.addWidget(widget)
    monkeypatch.setattr(widget, "confirm", lambda _text: True)
    with qtbot.waitSignal(widget.work.finished, timeout=30_000):
        widget.load(path)  # read and compared off the GUI thread
    assert widget.table.rowCount() == 2 and widget.apply_button.isEnabled()
    with qtbot.waitSignal(widget.reconciled):
        widget.apply()
    assert widget.table.rowCount() == 0 and not widget.apply_button.isEnabled()
    ids = [r.id for r in search(ws, StudentQuery(), 0, 10).rows]
    assert all(not get_student(ws, i).xjh_provisional for i in ids)


def test_grade_of_a_class_name_without_one_is_chosen_in_the_preview(qtbot, tab, ws, tmp_path) -> None:
    rows = [{**row, "班级": "阳光班"} for row in GOOD]
    load(qtbot, tab, workbook(tmp_path, rows))
    assert not tab.import_button.isEnabled()
    assert tab.grade_box.isVisibleTo(tab) and list(tab.grade_combos) == ["阳光班"]
    combo = tab.grade_combos["阳光班"]
    combo.setCurrentIndex(combo.findText("三年级"))
    with qtbot.waitSignal(tab.planned, timeout=30_000):
        tab.replan_with_grades()
    assert "新增 2" in tab.summary.text() and "阳光班（三年级）" in tab.summary.text()
    tab.run_import()
    classes = {r.class_name: r.grade_name for r in search(ws, StudentQuery(), 0, 10).rows}
    assert classes == {"阳光班": "三年级"}


def test_an_export_that_cannot_be_written_says_so(qtbot, ws, tmp_path, monkeypatch) -> None:
    from desktop.services.students.add import add_students

    add_students(ws, GOOD)
    widget = ExportTab(ws)
    qtbot.addWidget(widget)
    target = tmp_path / "no-such-folder" / "out.xlsx"
    monkeypatch.setattr(widget, "ask_save_path", lambda _s: target)
    with qtbot.waitSignal(widget.work.finished, timeout=30_000):
        widget.export()
        assert not widget.export_button.isEnabled()  # one export at a time
    assert "无法写入" in widget.banner.text() and str(target) in widget.banner.text()
    assert widget.export_button.isEnabled()


def test_reconciling_a_file_that_is_no_workbook_says_so(qtbot, ws, tmp_path) -> None:
    from desktop.views.exchange.reconcile_tab import ReconcileTab

    path = tmp_path / "national.xlsx"
    path.write_text("这不是表格", encoding="utf-8")
    widget = ReconcileTab(ws)
    qtbot.addWidget(widget)
    with qtbot.waitSignal(widget.work.finished, timeout=30_000):
        widget.load(path)
    assert widget.banner.property("kind") == "error" and widget.banner.text()
    assert widget.table.rowCount() == 0 and not widget.apply_button.isEnabled()


class Held:
    """Wraps a real function: records the thread it runs on and holds it until released, so
    a test can look at the window while the work is still running."""

    def __init__(self, real) -> None:  # type: ignore[no-untyped-def]
        import threading

        self.real, self.release, self.threads = real, threading.Event(), []

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        import threading

        self.threads.append(threading.current_thread())
        self.release.wait(10)
        return self.real(*args, **kwargs)


def test_the_import_preview_reads_the_workbook_off_the_gui_thread(qtbot, tab, ws, tmp_path,
                                                                   monkeypatch) -> None:
    import threading

    from desktop.views.exchange import import_tab

    held = Held(import_tab.read_import)
    monkeypatch.setattr(import_tab, "read_import", held)
    tab.show()
    tab.load(workbook(tmp_path, GOOD))
    qtbot.waitUntil(lambda: bool(held.threads))
    assert held.threads[0] is not threading.main_thread()
    assert tab.work.busy and not tab.choose_button.isEnabled()  # one file at a time
    qtbot.waitUntil(lambda: tab.work.dialog is not None and tab.work.dialog.isVisible(), timeout=3000)
    assert "in.xlsx" in tab.work.dialog.labelText()
    with qtbot.waitSignal(tab.planned, timeout=30_000):
        held.release.set()
    assert tab.work.dialog is None and tab.choose_button.isEnabled()
    assert "新增 2" in tab.summary.text() and tab.import_button.isEnabled()
    assert names(ws) == []


def test_the_earlier_preview_cannot_be_imported_while_a_file_is_read(qtbot, tab, ws, tmp_path,
                                                                     monkeypatch) -> None:
    """Its preview is gone the moment another file (or the same one again) is being read: the
    import button waits for the new preview instead of doing nothing when pressed."""
    from desktop.views.exchange import import_tab

    load(qtbot, tab, workbook(tmp_path, GOOD))
    assert tab.import_button.isEnabled()
    held = Held(import_tab.read_import)
    monkeypatch.setattr(import_tab, "read_import", held)
    tab.load(workbook(tmp_path, GOOD[:1], "other.xlsx"))
    qtbot.waitUntil(lambda: bool(held.threads))
    assert not tab.import_button.isEnabled() and not tab.report_button.isEnabled()
    with qtbot.waitSignal(tab.planned, timeout=30_000):
        held.release.set()
    assert "新增 1" in tab.summary.text() and tab.import_button.isEnabled()


def with_a_photo(ws: Workspace) -> None:
    """GOOD's two pupils, 王小明 with a photo."""
    import io

    from PIL import Image

    from desktop.services.students.add import add_students
    from desktop.services.students.photos import normalise_photo, set_photo

    add_students(ws, GOOD)
    out = io.BytesIO()
    Image.new("RGB", (300, 400), "blue").save(out, "JPEG")
    set_photo(ws, search(ws, StudentQuery(text="王小明"), 0, 1).rows[0].id,
              normalise_photo(out.getvalue()))


def test_the_photo_export_runs_off_the_gui_thread(qtbot, ws, tmp_path, monkeypatch) -> None:
    import threading

    from desktop.views.exchange import export_tab

    with_a_photo(ws)
    held = Held(export_tab.export_photo_folder)
    monkeypatch.setattr(export_tab, "export_photo_folder", held)
    widget = ExportTab(ws)
    qtbot.addWidget(widget)
    widget.show()
    folder = tmp_path / "photos"
    monkeypatch.setattr(widget, "ask_folder", lambda: folder)
    widget.export_photos()
    qtbot.waitUntil(lambda: bool(held.threads))
    assert held.threads[0] is not threading.main_thread()
    assert not widget.photos_button.isEnabled() and not widget.export_button.isEnabled()
    qtbot.waitUntil(lambda: widget.work.dialog is not None and widget.work.dialog.isVisible(),
                    timeout=3000)
    with qtbot.waitSignal(widget.work.finished, timeout=30_000):
        held.release.set()
    assert "已导出 1 张照片" in widget.banner.text() and str(folder) in widget.banner.text()
    assert len(list(folder.rglob("*.jpg"))) == 1
    assert widget.photos_button.isEnabled() and widget.work.dialog is None


def test_a_photo_export_that_cannot_be_written_says_so(qtbot, ws, tmp_path, monkeypatch) -> None:
    with_a_photo(ws)
    blocker = tmp_path / "a-file"
    blocker.write_text("x", encoding="utf-8")
    widget = ExportTab(ws)
    qtbot.addWidget(widget)
    monkeypatch.setattr(widget, "ask_folder", lambda: blocker / "photos")
    widget.choices.button(1).setChecked(True)
    with qtbot.waitSignal(widget.work.finished, timeout=30_000):
        widget.export_photos()
    assert widget.banner.property("kind") == "error" and "无法写入" in widget.banner.text()
    assert str(blocker / "photos") in widget.banner.text() and widget.photos_button.isEnabled()


def test_a_name_typed_without_its_ending_gets_the_formats(qtbot, ws, tmp_path, monkeypatch) -> None:
    from desktop.services.students.add import add_students

    add_students(ws, GOOD)
    widget = ExportTab(ws)
    qtbot.addWidget(widget)
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(widget, "ask_save_path", lambda _s: out / "全校名单")
    with qtbot.waitSignal(widget.work.finished, timeout=30_000):
        widget.export()
    assert [p.name for p in out.iterdir()] == ["全校名单.xlsx"]
    assert load_workbook(out / "全校名单.xlsx").worksheets[0].max_row == 3
