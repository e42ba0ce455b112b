"""What every request works with: the engine, the clock (tests move it), the scope of the
device that sent it, how times are written in messages, and how a command's arguments are read."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from fastapi import Request
from sqlalchemy import Engine

Clock = Callable[[], float]


@dataclass(frozen=True)
class Context:
    engine: Engine
    clock: Clock = time.time

    def now(self) -> int:
        return int(self.clock())


@dataclass(frozen=True)
class DeviceScope:
    """The enrolled device a request comes from, and the only school it may see."""

    device_id: str
    school_id: str


def get_context(request: Request) -> Context:
    context: Context = request.app.state.context
    return context


def iso(timestamp: int) -> str:
    """ISO 8601 in UTC, as every time in a message is written."""
    return dt.datetime.fromtimestamp(timestamp, dt.UTC).isoformat()


def json_object(value: Any) -> dict[str, Any]:
    """The value when it is a JSON object (a command's `args`, say), else an empty one."""
    return value if isinstance(value, dict) else {}


def json_text(value: Any) -> str:
    """The value when it is a JSON string, else "" (which names no command, status or answer).
    A word from a message is looked up through this: a list in its place cannot be hashed."""
    return value if isinstance(value, str) else ""
