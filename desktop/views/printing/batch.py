"""A long print job with a progress dialog and a cancel button: rendering reports each
document as it starts, printing reports each page; cancelling stops at the next step."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QPushButton, QWidget

from desktop.printing.layout import reporting

T = TypeVar("T")


class BatchCancelled(Exception):
    """The registrar pressed 取消: nothing more is rendered or printed."""


class Batch(QObject):
    """Runs one job at a time in the GUI thread, keeping the window responsive between steps."""

    progressed = Signal(int, int)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.dialog: QProgressDialog | None = None
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True

    def render(self, label: str, work: Callable[[], T]) -> T:
        """Run `work` (a PDF builder) inside a progress dialog; raises BatchCancelled."""
        with self._dialog(label), reporting(self.step):
            return work()

    def step(self, done: int, total: int) -> None:
        """One step done: update the dialog, let the window breathe, stop if cancelled."""
        self.progressed.emit(done, total)
        if self.dialog is not None:
            self.dialog.setMaximum(max(total, 1))
            self.dialog.setValue(done)
        QCoreApplication.processEvents()
        if self.cancelled or (self.dialog is not None and self.dialog.wasCanceled()):
            raise BatchCancelled

    def _dialog(self, label: str) -> _Open:
        return _Open(self, label)


def _not_default(text: str) -> QPushButton:
    """The cancel button: a click or Esc cancels, Enter (meant for something else) does not."""
    button = QPushButton(text)
    button.setAutoDefault(False)
    button.setDefault(False)
    return button


class _Open:
    """Context manager showing the progress dialog for the duration of a job."""

    def __init__(self, batch: Batch, label: str) -> None:
        self.batch, self.label = batch, label

    def __enter__(self) -> None:
        batch = self.batch
        batch.cancelled = False
        dialog = QProgressDialog(self.label, "", 0, 0, batch.parent_widget)
        dialog.setCancelButton(_not_default(QCoreApplication.translate("", "取消")))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        batch.dialog = dialog

    def __exit__(self, *_exc: object) -> None:
        dialog, self.batch.dialog = self.batch.dialog, None
        if dialog is not None:
            dialog.close()
            dialog.deleteLater()
