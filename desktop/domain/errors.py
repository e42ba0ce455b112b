"""Domain errors: a machine code plus parameters; the wording lives in desktop.messages."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any


class DomainError(ValueError):
    """A rule of the domain was broken; `code` names which, `params` says with what."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class FieldError:
    """One problem with one field of one record (`field` is the template header)."""

    field: str
    code: str
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    warning: bool = False
