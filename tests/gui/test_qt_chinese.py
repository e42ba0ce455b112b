"""Qt's own dialogs and buttons in Chinese: the file dialog Qt draws (labels, the type, size and
date columns), every standard button, the progress and input dialogs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt, QTranslator
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTreeView,
    QWidget,
)

from desktop.views.i18n import install_translators
from desktop.views.widgets import file_dialog
from desktop.views.widgets.file_dialog import readable_size

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


@pytest.fixture
def chinese(qapp) -> Iterator[list[QTranslator]]:
    installed = install_translators(qapp, "zh_CN")
    yield installed
    for translator in installed:
        QCoreApplication.removeTranslator(translator)


def english(widget: QWidget) -> list[str]:
    texts = [w.text() for kind in (QLabel, QPushButton) for w in widget.findChildren(kind)]
    texts += [w.toolTip() for w in widget.findChildren(QWidget)]
    return [t for t in texts if LATIN_WORD.search(t.replace("&", ""))]


def test_the_file_dialog_qt_draws_is_chinese(qtbot, chinese, tmp_path: Path) -> None:
    folder = tmp_path / "files"
    (folder / "班级").mkdir(parents=True)
    (folder / "名单.xlsx").write_bytes(b"x" * 3000)
    dialog = file_dialog._dialog(None, "导入", str(folder), "Excel (*.xlsx)")
    qtbot.addWidget(dialog)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.show()
    # Qt 6.10+ adds the access keys (&L, &T); Qt 6.9 (the glibc 2.28 build's) has none
    labels = {re.sub(r"\(&\w\)", "", label.text()) for label in dialog.findChildren(QLabel)}
    assert {"查找范围：", "文件类型："} <= labels
    assert english(dialog) == []
    view = dialog.findChild(QTreeView)
    model, root = view.model(), view.rootIndex()
    qtbot.waitUntil(lambda: model.rowCount(view.rootIndex()) == 2)
    root = view.rootIndex()
    rows = {model.index(r, 0, root).data(): [model.index(r, c, root).data() for c in range(1, 4)]
            for r in range(model.rowCount(root))}
    assert rows["班级"][0] == "" and rows["班级"][1] == "文件夹"
    assert rows["名单.xlsx"][0] == "2.9 KB"
    assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", rows["名单.xlsx"][2])


@pytest.mark.parametrize(("size", "text"), [(12, "12 字节"), (1536, "1.5 KB"),
                                            (5 * 1024 ** 2, "5.0 MB"), (3 * 1024 ** 3, "3.0 GB")])
def test_sizes_read_the_chinese_way(size: int, text: str) -> None:
    assert readable_size(size) == text


def test_every_standard_button_is_chinese(qtbot, chinese) -> None:
    box = QDialogButtonBox()
    qtbot.addWidget(box)
    for button in QDialogButtonBox.StandardButton:
        if button not in (QDialogButtonBox.StandardButton.NoButton,
                          QDialogButtonBox.StandardButton.FirstButton,
                          QDialogButtonBox.StandardButton.LastButton):
            box.addButton(button)
    assert len(box.buttons()) >= 16
    assert english(box) == []
    message = QMessageBox(QMessageBox.Icon.Question, "学籍管理", "确定吗？",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(message)
    assert sorted(b.text() for b in message.buttons()) == ["否(&N)", "是(&Y)"]


def test_progress_and_input_dialogs_are_chinese(qtbot, chinese) -> None:
    progress, text = QProgressDialog(), QInputDialog()
    for dialog in (progress, text):
        qtbot.addWidget(dialog)
        dialog.show()
        assert english(dialog) == []
    assert [b.text() for b in progress.findChildren(QPushButton)] == ["取消"]


def test_file_choices_go_through_the_chinese_dialog(monkeypatch, tmp_path: Path) -> None:
    shown: list[QFileDialog] = []

    def accept(dialog: QFileDialog) -> int:
        shown.append(dialog)
        dialog.selectFile(str(tmp_path / "备份"))
        return QFileDialog.DialogCode.Accepted

    monkeypatch.setattr(file_dialog, "NATIVE", False)
    monkeypatch.setattr(QFileDialog, "exec", accept)
    assert file_dialog.choose_folder(None, "备份位置", str(tmp_path)) == tmp_path / "备份"
    assert file_dialog.save_file(None, "导出", str(tmp_path / "a.xlsx"), "Excel (*.xlsx)")
    assert all(isinstance(d.proxyModel(), file_dialog.ChineseColumns) for d in shown)
    assert shown[1].acceptMode() == QFileDialog.AcceptMode.AcceptSave


def test_the_app_s_own_strings_stay_as_written(chinese) -> None:
    """The extra translator has nothing for the app's strings: they must come back unchanged,
    not blank (a blank would empty every label of the Chinese UI)."""
    assert QCoreApplication.translate("StudentEditor", "学生信息") == "学生信息"
    assert QCoreApplication.translate("", "姓名") == "姓名"
    assert QCoreApplication.translate("QFileDialog", "Look in:") != "Look in:"
    label = QLabel(QCoreApplication.translate("AppController", "继续编辑未保存的修改？"))
    assert label.text() == "继续编辑未保存的修改？"


def test_the_date_column_shows_whole_dates(qtbot, chinese, tmp_path: Path) -> None:
    dialog = file_dialog._dialog(None, "导入", str(tmp_path), "")
    qtbot.addWidget(dialog)
    view = dialog.findChild(QTreeView)
    needed = view.fontMetrics().horizontalAdvance("2026-12-07 14:34")
    assert view.header().sectionSize(file_dialog.DATE) > needed


def test_the_type_column_shows_a_workbook_s_whole_type(qtbot, chinese, tmp_path: Path) -> None:
    dialog = file_dialog._dialog(None, "导入", str(tmp_path), "")
    qtbot.addWidget(dialog)
    view = dialog.findChild(QTreeView)
    needed = view.fontMetrics().horizontalAdvance(file_dialog.WIDEST_TYPE)
    assert view.header().sectionSize(file_dialog.TYPE) > needed


def test_the_size_column_is_headed_da_xiao(qtbot, chinese, tmp_path: Path) -> None:
    dialog = file_dialog._dialog(None, "导入", str(tmp_path), "")
    qtbot.addWidget(dialog)
    view = dialog.findChild(QTreeView)
    heading = view.model().headerData(file_dialog.SIZE, Qt.Orientation.Horizontal)
    assert heading == "大小"
