"""Confirmations default to the safe answer: Enter on 放弃修改？ keeps the edits, Enter in a
batch print's progress dialog does not cancel the batch."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton, QWidget

from desktop.views.printing.batch import Batch, BatchCancelled
from desktop.views.widgets.dialogs import confirm


def test_enter_on_a_confirmation_answers_no(qtbot, monkeypatch) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    seen: list[QMessageBox] = []

    def real_box(parent, title, text, buttons, default):  # what QMessageBox.question shows
        box = QMessageBox(QMessageBox.Icon.Question, title, text, buttons, parent)
        box.setDefaultButton(default)
        seen.append(box)
        QTimer.singleShot(0, lambda: qtbot.keyClick(box, Qt.Key.Key_Return))
        return QMessageBox.StandardButton(box.exec())

    monkeypatch.setattr(QMessageBox, "question", real_box)
    assert confirm(parent, "有尚未保存的修改，确定放弃吗？", "放弃修改") is False
    assert seen[0].defaultButton() is seen[0].button(QMessageBox.StandardButton.No)


def test_enter_does_not_cancel_a_batch(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    batch = Batch(parent)
    pressed: list[bool] = []

    def work() -> str:
        dialog = batch.dialog
        assert dialog is not None
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        qtbot.keyClick(dialog, Qt.Key.Key_Enter)
        QApplication.processEvents()
        pressed.append(dialog.wasCanceled())
        batch.step(1, 2)  # raises BatchCancelled if Enter had cancelled
        batch.step(2, 2)
        return "done"

    assert batch.render("正在生成…", work) == "done"
    assert pressed == [False]


def test_the_cancel_button_still_cancels_a_batch(qtbot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    batch = Batch(parent)

    def work() -> None:
        dialog = batch.dialog
        assert dialog is not None
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.mouseClick(dialog.findChild(QPushButton), Qt.MouseButton.LeftButton)
        batch.step(1, 2)

    with pytest.raises(BatchCancelled):
        batch.render("正在生成…", work)
