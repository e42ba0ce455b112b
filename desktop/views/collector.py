"""Python's cycle collector held back while an unlock loads and builds what stays: SQLAlchemy,
the models and their mappers (the unlock dialog), then the main window (the controller). They
are hundreds of thousands of long-lived objects, which the collector would otherwise walk again
and again as they are made (about 200 collections, close to a tenth of the start's CPU). After
each, what exists is frozen (gc.freeze: left out of every later collection, so no later
keystroke pays for walking it either) and the collector runs again, before any question is
asked. A lock thaws it, so the closed window can be collected."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection inside the block; then what exists is frozen and the collector is
    as it was before (even after an error)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if enabled:
            gc.enable()


def thaw() -> None:
    """What an unlock froze can be collected again (after a lock)."""
    gc.unfreeze()
