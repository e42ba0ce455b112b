"""No background job starts once the window is closed. The overdue count is started by a timer
two seconds after the window opens; if it started after the window had closed, the job would
be left to the thread pool's destructor, which on PySide6 6.9 (the line the glibc 2.28 build
uses) waits for it while holding the GIL the job needs: the program never ended."""

from __future__ import annotations

import threading

from desktop.services.context import Workspace
from desktop.views.main_window import MainWindow
from desktop.views.sync.worker import SyncRunner


def test_a_runner_starts_nothing_after_shutdown(qtbot) -> None:
    runner = SyncRunner()
    ran = threading.Event()
    assert runner.shutdown()
    assert runner.start(lambda _stop, _progress: ran.set()) is False
    qtbot.wait(100)
    assert not ran.is_set() and not runner.busy


def test_a_runner_still_runs_jobs_before_shutdown(qtbot) -> None:
    runner = SyncRunner()
    with qtbot.waitSignal(runner.finished, timeout=5000) as done:
        assert runner.start(lambda _stop, _progress: 42)
    assert done.args == [42]
    assert runner.shutdown()


def test_the_overdue_count_does_not_start_after_the_window_closed(qtbot, ws: Workspace) -> None:
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    window.close()
    window.refresh_task_badge()  # what the two-second timer does if it fires after closing
    assert not window.counter.busy
