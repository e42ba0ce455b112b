"""HTTP to the registry (httpx): JSON in and out, every request with the client version and
a timeout, every failure as one of two exceptions.

`Unreachable`: no answer (refused, reset, timed out). `HttpProblem`: an answer with an error
status and the registry's {"error": {code, message}} body. `RetryPolicy` retries what may
succeed on a second try (no answer, 5xx, 429) with exponential backoff and jitter; anything
the registry decided is never retried.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from desktop import __version__
from desktop.sync.wire.protocol import CLIENT_VERSION_HEADER

T = TypeVar("T")
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=10.0)
TRANSIENT_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


class Unreachable(Exception):
    """The registry gave no answer (connection refused or dropped, timeout)."""


class HttpProblem(Exception):
    """The registry answered with an error status."""

    def __init__(self, status: int, code: str, message: str = "") -> None:
        super().__init__(f"{status} {code}")
        self.status, self.code, self.message = status, code, message

    @property
    def transient(self) -> bool:
        return self.status in TRANSIENT_STATUSES or self.status >= 500


class BadAnswer(Exception):
    """A 2xx answer that is not the JSON the protocol says."""


@dataclass(frozen=True)
class RetryPolicy:
    attempts: int = 5
    base_seconds: float = 0.5
    cap_seconds: float = 15.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False)

    def delay(self, attempt: int) -> float:
        """2^n · base, capped, times a random factor in [0.5, 1.5)."""
        growth: int = 2 ** attempt
        return min(self.cap_seconds, self.base_seconds * growth) * random.uniform(0.5, 1.5)

    def run(self, action: Callable[[], T]) -> T:
        """`action()`, again after a pause while it fails transiently, at most `attempts` times."""
        for attempt in range(self.attempts):
            try:
                return action()
            except (Unreachable, HttpProblem) as exc:
                if not _transient(exc) or attempt == self.attempts - 1:
                    raise
                self.sleep(self.delay(attempt))
        raise AssertionError("unreachable")  # pragma: no cover


def _transient(exc: Exception) -> bool:
    return isinstance(exc, Unreachable) or (isinstance(exc, HttpProblem) and exc.transient)


class Transport:
    """One registry address; `transport` replaces httpx's network layer (tests, proxies)."""

    def __init__(self, base_url: str, *, transport: httpx.BaseTransport | None = None,
                 timeout: httpx.Timeout = DEFAULT_TIMEOUT) -> None:
        self.base_url = base_url
        headers = {CLIENT_VERSION_HEADER: __version__, "Accept": "application/json"}
        self.http = httpx.Client(base_url=base_url, transport=transport, timeout=timeout,
                                 headers=headers)

    def get(self, path: str, params: dict[str, Any] | None = None, token: str | None = None) -> Any:
        return self._send("GET", path, params=params, headers=_auth(token))

    def post(self, path: str, body: bytes, token: str | None = None) -> Any:
        headers = {"Content-Type": "application/json", **_auth(token)}
        return self._send("POST", path, content=body, headers=headers)

    def close(self) -> None:
        self.http.close()

    def __enter__(self) -> Transport:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _send(self, method: str, path: str, **kwargs: Any) -> Any:
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.TransportError as exc:
            raise Unreachable(type(exc).__name__) from exc
        if response.status_code >= 400:
            raise _problem(response)
        try:
            return response.json()
        except ValueError as exc:
            raise BadAnswer(path) from exc


def _auth(token: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"} if token else {}


def _problem(response: httpx.Response) -> HttpProblem:
    try:
        error = response.json().get("error") or {}
        return HttpProblem(response.status_code, str(error.get("code") or "http_error"),
                           str(error.get("message") or ""))
    except (ValueError, AttributeError):
        return HttpProblem(response.status_code, "http_error")
