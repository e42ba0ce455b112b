"""`xueji-central serve` that kills itself (SIGKILL) at a chosen point, counted from its start:

    python -m tests.sync.dying_server decide:N serve --db-url URL --port PORT
        about to decide its Nth change: inside a push batch's open transaction
    python -m tests.sync.dying_server commit:N serve --db-url URL --port PORT
        right after its Nth push batch committed, before the answer is sent
"""

from __future__ import annotations

import os
import signal
import sys
from typing import Any

from central import cli
from central.api import push


def _dying(function: Any, kill_at: int, after: bool) -> Any:
    calls = 0

    def wrapped(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if calls == kill_at and not after:
            os.kill(os.getpid(), signal.SIGKILL)
        result = function(*args, **kwargs)
        if calls == kill_at and after:
            os.kill(os.getpid(), signal.SIGKILL)
        return result

    return wrapped


def main() -> int:
    point, count = sys.argv[1].split(":")
    if point == "decide":
        push.decide = _dying(push.decide, int(count), after=False)
    elif point == "commit":
        push.receive_batch = _dying(push.receive_batch, int(count), after=True)
    else:
        raise SystemExit(f"unknown point {point}")
    return cli.main(sys.argv[2:])


if __name__ == "__main__":
    sys.exit(main())
