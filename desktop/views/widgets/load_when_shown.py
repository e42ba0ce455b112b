"""Pages that read their data when first shown, not when the window opens.

Mixed into a QWidget page (listed before QWidget): `load()` reads and fills the page;
`reload()` reads again now if the page is shown, otherwise when it next is; `loaded` says
whether what the page holds is current.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QShowEvent

if TYPE_CHECKING:  # the checker sees the mixin as the page it is mixed into
    from PySide6.QtWidgets import QWidget as _Host
else:
    _Host = object


class LoadWhenShown(_Host):
    loaded = False

    def load(self) -> None:
        raise NotImplementedError

    def reload(self) -> None:
        """Read the page again: now if it is shown, otherwise when it next is."""
        self.loaded = False
        if self.isVisible():
            self._load_now()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.loaded:
            self._load_now()

    def _load_now(self) -> None:
        self.load()
        self.loaded = True
