"""Sync work off the GUI thread: one lane (a QThreadPool with one thread), one job at a time.

A job is a plain function that gets a stop event and a progress callback; it runs in the
pool's thread and uses the store through the services, each unit of work on its own pooled
connection (SQLite WAL: the window keeps reading and writing meanwhile). Its result or its
error code comes back to the GUI thread by queued signal; no widget code runs in the worker.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from desktop.logsafe import log_unexpected
from desktop.services.errors import ServiceError, StoreError

Work = Callable[[threading.Event, Callable[[str, int, int], None]], Any]


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(str, object)
    progressed = Signal(str, int, int)


class _Job(QRunnable):
    def __init__(self, work: Work, stop: threading.Event, signals: _Signals) -> None:
        super().__init__()
        self.work, self.stop, self.signals = work, stop, signals

    def run(self) -> None:
        try:
            result = self.work(self.stop, self.signals.progressed.emit)
        except (ServiceError, StoreError) as exc:
            self.signals.failed.emit(exc.code, dict(exc.params))
        except Exception as exc:  # a bug: logged without student data, reported as unknown
            log_unexpected(exc)
            self.signals.failed.emit("unknown", {})
        else:
            self.signals.done.emit(result)


class SyncRunner(QObject):
    """Starts jobs in the background lane and reports back on the GUI thread."""

    finished = Signal(object)
    failed = Signal(str, object)
    progressed = Signal(str, int, int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self.stop_event = threading.Event()
        self._signals = _Signals(self)
        self._signals.done.connect(self._on_done)
        self._signals.failed.connect(self._on_failed)
        self._signals.progressed.connect(self.progressed)
        self._job: _Job | None = None
        self._closed = False

    @property
    def busy(self) -> bool:
        return self._job is not None

    def start(self, work: Work) -> bool:
        """Run `work` in the background; False (and nothing started) while a job runs or
        after shutdown."""
        if self._job is not None or self._closed:
            return False
        self.stop_event.clear()
        self._job = _Job(work, self.stop_event, self._signals)
        self._job.setAutoDelete(False)
        self.pool.start(self._job)
        return True

    def shutdown(self, timeout_ms: int = 60_000) -> bool:
        """Ask the running job to stop at its next step and wait for it; True when idle.
        No job starts afterwards: one started by a timer after the window closed would be
        left to the pool's destructor, which on PySide6 6.9 waits for it holding the GIL
        the job needs, and never returns."""
        self._closed = True
        self.stop_event.set()
        return self.pool.waitForDone(timeout_ms)

    def _on_done(self, result: object) -> None:
        self._job = None
        self.finished.emit(result)

    def _on_failed(self, code: str, params: object) -> None:
        self._job = None
        self.failed.emit(code, params)
