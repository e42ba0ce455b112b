"""Why a USB bundle (.xjb) is refused: one error type, a code per reason, a Chinese sentence.

Pure Python and shared with the central server; the sentences come from
desktop.bundle_reasons, which desktop.messages reads too.
"""

from __future__ import annotations

from typing import Any

from desktop.bundle_reasons import REASONS as BUNDLE_REASONS

REASONS = BUNDLE_REASONS

KIND_NAMES = {"request": "学校上报数据包", "reply": "中心回执数据包", "enroll": "设备注册数据包"}


class BundleError(ValueError):
    """A bundle refused before anything in it was applied; `reason` is for the registrar."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params

    @property
    def reason(self) -> str:
        return REASONS[self.code].format(**{"detail": "", **self.params})
