"""`batch_collector_paused`: Python's cyclic garbage collector held off while a large batch is
read or built (a sheet becoming rows, 10,000 records parsed, a batch of new pupils' rows). Every
object of the batch stays alive until the batch is done, so the collector would only walk them
again and again for nothing (a tenth of the CPU of creating 20,000 pupils). Standard library
only, so every layer that handles batches (the Excel reader, the services, the bulk insert)
uses this one."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def batch_collector_paused() -> Iterator[None]:
    """No cyclic collection inside the block (when the collector was on). On leaving, however
    the block ends, it is switched on again and the youngest generation collected once, which is
    what the collector would do first anyway."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
        gc.collect(0)
