"""Long work off the GUI thread, with a progress window that appears only if the work takes
more than half a second.

`LongWork.start(label, work, done)` runs `work()` in the background lane (the same runner the
sync page uses), keeps the window painting, shows "label" with a busy bar after DELAY_MS, and
calls `done(result)` on the GUI thread; a refusal (a service's error code, or a file that could
not be written) goes to `failed(text)` as the sentence to show. One job at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from desktop.services.errors import ServiceError
from desktop.views.sync.worker import SyncRunner
from desktop.views.wording import say

T = TypeVar("T")  # what a job gives back

DELAY_MS = 500


def writing_to(path: Path, work: Callable[[], Any]) -> Callable[[], Any]:
    """`work`, with a file that cannot be written reported as file.write_failed."""
    def run() -> Any:
        try:
            return work()
        except OSError as exc:
            raise ServiceError("file.write_failed", path=str(path)) from exc
    return run


class LongWork(QObject):
    finished = Signal()  # after done() or failed() ran: the job is over
    failed = Signal(str)  # the sentence saying why it did not go through

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.runner = SyncRunner(self)
        self.runner.finished.connect(self._on_done)
        self.runner.failed.connect(self._on_failed)
        self.dialog: QProgressDialog | None = None
        self._done: Callable[[Any], None] | None = None
        self._closed = False  # shut down: late results and refusals are not handed on

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def start(self, label: str, work: Callable[[], T], done: Callable[[T], None]) -> bool:
        """Run `work` in the background; False (nothing started) while another job runs."""
        if not self.runner.start(lambda _stop, _progress: work()):
            return False
        self._done = done
        dialog = QProgressDialog(label, "", 0, 0, self.parent_widget)
        dialog.setCancelButton(None)  # the work finishes what it began: nothing half-written
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(DELAY_MS)
        dialog.setAutoClose(False)
        dialog.setValue(0)  # starts the delay: shown only if the work is still running then
        self.dialog = dialog
        return True

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block until the job is over (shutting down, or a script); True when idle."""
        return self.runner.pool.waitForDone(timeout_ms)

    def shutdown(self) -> None:
        """Wait for the running job (before the workspace is locked). Its result, which
        arrives afterwards, is not handed on: the window that wanted it is closing."""
        self._done, self._closed = None, True
        self.runner.shutdown()

    def _close_dialog(self) -> None:
        dialog, self.dialog = self.dialog, None
        if dialog is not None:
            dialog.reset()
            dialog.close()
            dialog.deleteLater()

    def _on_done(self, result: object) -> None:
        self._close_dialog()
        done, self._done = self._done, None
        if done is not None:
            done(result)
        self.finished.emit()

    def _on_failed(self, code: str, params: object) -> None:
        self._close_dialog()
        self._done = None
        if not self._closed:
            self.failed.emit(say(code, params if isinstance(params, dict) else {}))
        self.finished.emit()
