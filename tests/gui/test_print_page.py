"""The 打印 page on a real encrypted roster: preview, print to a real QPrinter (PDF output),
save, whole class and grade batches, cancel mid-batch, and the messages for bad choices."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter

from desktop.services.context import Workspace
from desktop.views.printing.page import PrintPage
from tests.gui.conftest import SEED


@pytest.fixture
def page(qtbot, seeded: Workspace) -> PrintPage:
    widget = PrintPage(seeded)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def pick_document(page: PrintPage, title: str) -> None:
    rows = [page.documents.item(i).text() for i in range(page.documents.count())]
    page.documents.setCurrentRow(rows.index(title))


def pick_student(page: PrintPage, text: str) -> None:
    page.search_box.setText(text)
    page.search_box.flush()
    assert page.matches.count() == 1, [page.matches.item(i).text() for i in range(page.matches.count())]


def text_of(data: bytes) -> str:
    return "".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


def class_members(class_name: str) -> set[str]:
    return {name for name, _birth, _seq, klass in SEED if klass == class_name}


def test_preview_one_student(page: PrintPage) -> None:
    pick_document(page, "学生基本信息表")
    pick_student(page, "张三")
    page.preview()
    assert page.preview_document.pageCount() >= 1
    assert "预览" in page.banner.text()
    assert page.view.document() is page.preview_document


def test_whole_class_in_roster_order(page: PrintPage) -> None:
    pick_document(page, "学籍卡")
    page.scopes.button(1).setChecked(True)
    page.klass.setCurrentIndex(page.klass.findText("三年级(2)班"))
    data = page.render_pdf()
    assert data is not None
    text = text_of(data)
    members = class_members("三年级(2)班")
    assert all(name in text for name in members)
    assert not any(name in text for name in class_members("三年级(3)班"))
    assert len(PdfReader(io.BytesIO(data)).pages) >= len(members)


def test_whole_grade_takes_every_class_of_it(page: PrintPage) -> None:
    pick_document(page, "学籍证明")
    page.scopes.button(2).setChecked(True)
    page.grade.setCurrentIndex(page.grade.findText("三年级"))
    data = page.render_pdf()
    assert data is not None
    expected = class_members("三年级(2)班") | class_members("三年级(3)班")
    assert len(PdfReader(io.BytesIO(data)).pages) == len(expected)
    text = text_of(data)
    assert all(name in text for name in expected)
    assert "吴九" not in text  # 一年级


def test_print_goes_to_the_chosen_printer(page: PrintPage, tmp_path: Path, monkeypatch) -> None:
    out = tmp_path / "printed.pdf"

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        return printer

    monkeypatch.setattr(page, "choose_printer", pdf_printer)
    pick_document(page, "学籍证明")
    page.scopes.button(1).setChecked(True)
    page.klass.setCurrentIndex(page.klass.findText("一年级(1)班"))
    page.print_document()
    assert "已发送到打印机" in page.banner.text()
    assert len(PdfReader(out).pages) == len(class_members("一年级(1)班"))


def test_cancel_stops_the_batch(page: PrintPage, monkeypatch) -> None:
    monkeypatch.setattr(page, "ask_save_path", lambda _s: pytest.fail("asked where to save"))
    seen: list[int] = []

    def cancel_after_two(done: int, _total: int) -> None:
        seen.append(done)
        if done >= 2:
            page.batch.cancel()

    page.batch.progressed.connect(cancel_after_two)
    pick_document(page, "学籍卡")
    page.scopes.button(2).setChecked(True)
    page.grade.setCurrentIndex(page.grade.findText("三年级"))
    page.save()
    assert "已取消" in page.banner.text()
    assert max(seen) == 2  # stopped at the step where it was cancelled


def test_save_writes_only_where_chosen(page: PrintPage, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "out.pdf"
    suggested: list[str] = []
    monkeypatch.setattr(page, "ask_save_path", lambda s: suggested.append(s) or target)
    pick_document(page, "学籍证明")
    pick_student(page, "李四")
    page.save()
    assert target.read_bytes().startswith(b"%PDF")
    assert "李四" in text_of(target.read_bytes())
    assert suggested[0].endswith("学籍证明-李四.pdf")
    assert str(target) in page.banner.text()


def test_save_to_unwritable_place_says_so(page: PrintPage, tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "no-such-folder" / "out.pdf"
    monkeypatch.setattr(page, "ask_save_path", lambda _s: target)
    pick_student(page, "李四")
    page.save()
    assert "无法写入" in page.banner.text()
    assert page.banner.property("kind") == "error"
    assert not target.exists()


def test_nothing_chosen_says_what_to_do(page: PrintPage) -> None:
    page.preview()
    assert "请先选择" in page.banner.text()
    assert page.banner.property("kind") == "error"


def test_open_on_a_student_from_elsewhere(page: PrintPage, seeded: Workspace) -> None:
    from desktop.services.students.read import StudentQuery, search

    student = search(seeded, StudentQuery(text="王芳"), 0, 1).rows[0]
    page.choose_student(student.id)
    pick_document(page, "学籍证明")
    data = page.render_pdf()
    assert data is not None and "王芳" in text_of(data)


def test_roster_is_printed_per_class_of_a_grade(page: PrintPage) -> None:
    pick_document(page, "班级学生名册")
    assert not page.scopes.button(0).isEnabled()  # a roster is not printed for one student
    assert page.scopes.checkedId() == 1
    page.scopes.button(2).setChecked(True)
    page.grade.setCurrentIndex(page.grade.findText("三年级"))
    data = page.render_pdf()
    assert data is not None
    text = text_of(data)
    assert "三年级(2)班" in text and "三年级(3)班" in text
    assert all(name in text for name in class_members("三年级(2)班") | class_members("三年级(3)班"))


def test_whole_school_register_needs_no_selection(page: PrintPage) -> None:
    pick_document(page, "学籍核查报告")
    assert page.search_box.isHidden() and page.klass.isHidden() and page.grade.isHidden()
    data = page.render_pdf()
    assert data is not None
    assert "学籍核查" in text_of(data)
