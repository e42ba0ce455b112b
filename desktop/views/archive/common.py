"""Small pieces the archive tabs share: a write whose refusal is shown inline, a yes/no
seam, and how dates and sizes are written."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from desktop.services.errors import ServiceError, StoreError
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.dialogs import confirm  # noqa: F401  (the seam tests replace)
from desktop.views.wording import say


def attempt(banner: MessageBanner, action: Callable[[], object], done: str) -> bool:
    """Run a write; show why it was refused, or `done`. True when it went through."""
    try:
        action()
    except (ServiceError, StoreError) as exc:
        banner.show_message(say(exc.code, exc.params))
        return False
    banner.show_message(done, "info")
    return True


def day_text(day: dt.date | dt.datetime | None) -> str:
    return f"{day:%Y-%m-%d}" if day else ""


def size_text(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB" if size >= 1024 * 1024 else f"{max(1, size // 1024)} KB"
