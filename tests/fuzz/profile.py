"""How many cases each fuzz target runs, and what a refusal must look like.

The quick profile (every `make test`) is derandomised so the same cases run each time; the
long profile (`make test-long`, XUEJI_LONG=1) draws fresh cases, many more of them.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, event, settings
from hypothesis.errors import InvalidArgument

from desktop.domain.errors import DomainError
from desktop.messages import TEXT, describe
from desktop.services.errors import ServiceError, StoreError

LONG = os.environ.get("XUEJI_LONG") == "1"
LONG_TIMEOUT = 3600  # seconds for one long target (the suite default is 300)
REFUSALS = (ServiceError, DomainError, StoreError)
CJK = re.compile(r"[\u4e00-\u9fff]")
_SUPPRESS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow,
             HealthCheck.data_too_large, HealthCheck.filter_too_much]


def quick(examples: int) -> Callable[[Any], Any]:
    return settings(max_examples=examples, deadline=None, database=None, derandomize=True,
                    suppress_health_check=_SUPPRESS)


def long(examples: int) -> Callable[[Any], Any]:
    """Settings plus the `slow` mark; skipped unless XUEJI_LONG=1."""
    def mark(test: Any) -> Any:
        test = settings(max_examples=examples, deadline=None, database=None,
                        suppress_health_check=_SUPPRESS)(test)
        test = pytest.mark.skipif(not LONG, reason="long profile: make test-long")(test)
        test = pytest.mark.timeout(LONG_TIMEOUT)(test)
        return pytest.mark.slow(test)
    return mark


def note(text: str) -> None:
    """Count an outcome in Hypothesis's statistics (ignored outside a Hypothesis test)."""
    with contextlib.suppress(InvalidArgument):
        event(text)


def assert_refusal(exc: BaseException) -> None:
    """A refusal the user can read: the project's own error with a Chinese sentence."""
    assert isinstance(exc, REFUSALS), f"{type(exc).__name__}: {exc!r}"
    code = exc.code  # type: ignore[attr-defined]
    note(f"refused: {code}")
    assert code in TEXT, f"no sentence for {code}"
    assert CJK.search(describe(code, getattr(exc, "params", {})))
