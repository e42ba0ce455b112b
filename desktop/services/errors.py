"""Errors a use case reports to its caller: a code (worded by desktop.messages) and details."""

from __future__ import annotations

from typing import Any

from desktop.domain.errors import FieldError
from desktop.models.errors import StoreError

__all__ = ["RecordsRejected", "ServiceError", "StoreError"]


class ServiceError(Exception):
    """A use case refused: `code` says why; nothing was changed."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


class RecordsRejected(ServiceError):
    """Some records of a batch are invalid; `problems[i]` holds the errors of record i."""

    def __init__(self, problems: dict[int, list[FieldError]]) -> None:
        super().__init__("records.rejected", count=len(problems))
        self.problems = problems
