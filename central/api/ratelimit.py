"""Per-address request limits for the endpoints anyone can call (public lookups, guardian
requests, the console's login, device enrollment and sign-in): a fixed window per (bucket,
client address), on the server's clock. Past the limit: 429 `rate_limited` with Retry-After."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from fastapi import Request

from central.context import Clock
from central.errors import ApiProblem

LIMITS: dict[str, tuple[int, int]] = {  # bucket -> (requests, window seconds)
    "case_lookup": (30, 60),
    "guardian_submit": (10, 60),
    "guardian_lookup": (30, 60),
    "bureau_login": (10, 60),
    "enroll": (60, 60),  # devices enrolling from one address (a county station enrols many)
    "auth": (600, 60),  # challenges and tokens
}
MAX_KEYS = 50_000  # windows kept in memory before old ones are dropped


class RateLimiter:
    def __init__(self, clock: Clock, limits: dict[str, tuple[int, int]] | None = None) -> None:
        self.clock, self.limits = clock, limits or LIMITS
        self.counts: dict[tuple[str, str, int], int] = {}
        self.lock = threading.Lock()

    def retry_after(self, bucket: str, key: str) -> int | None:
        """Count one request; None when allowed, else the seconds until the next window."""
        allowed, window = self.limits[bucket]
        now = int(self.clock())
        slot = now // window
        with self.lock:
            if len(self.counts) > MAX_KEYS:
                self.counts = {k: v for k, v in self.counts.items() if k[2] >= slot}
            count = self.counts.get((bucket, key, slot), 0) + 1
            self.counts[(bucket, key, slot)] = count
        return None if count <= allowed else (slot + 1) * window - now


def limiter_of(request: Request) -> RateLimiter:
    state = request.app.state
    if getattr(state, "limiter", None) is None:
        state.limiter = RateLimiter(state.context.clock)
    limiter: RateLimiter = state.limiter
    return limiter


def limit(bucket: str) -> Callable[[Request], Any]:
    """A dependency that counts the request against `bucket` for its client address."""

    def check(request: Request) -> None:
        address = request.client.host if request.client else "unknown"
        wait = limiter_of(request).retry_after(bucket, address)
        if wait is not None:
            raise ApiProblem(429, "rate_limited", "请求过于频繁，请稍后再试。",
                             headers={"Retry-After": str(max(wait, 1))})

    return check
