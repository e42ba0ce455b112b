"""Unexpected errors in the app (a slot that raised) go to the error log without data.

An exception's message and its local values can hold names or ID numbers, so only what
desktop.logsafe writes is kept: the exception's class and the file:line of each frame. The
hook then hands the error on to the one installed before it (Qt's own printing, or the
test runner's capture)."""

from __future__ import annotations

import sys
from types import TracebackType

from desktop.logsafe import log_unexpected


def install() -> None:
    """Log every uncaught exception data-free, then pass it on. Installing twice is harmless."""
    previous = sys.excepthook
    if getattr(previous, "logs_data_free", False):
        return

    def hook(kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log_unexpected(exc)
        previous(kind, exc, tb)

    hook.logs_data_free = True  # type: ignore[attr-defined]  # a mark on the function, read back by getattr above
    sys.excepthook = hook
