"""The editor's draft: while the form has changes it is kept in the encrypted database (a
moment after each edit, at once when the app locks or the window closes), offered back after
the next unlock, and dropped when the form is saved or its changes deliberately discarded.
A photo imported but not saved yet is kept with it."""

from __future__ import annotations

import base64
import contextlib
from typing import TYPE_CHECKING

from desktop.services.errors import ServiceError, StoreError
from desktop.services.students.drafts import Draft, drop_draft, save_draft
from desktop.views.editor.undo import FieldEdit
from desktop.views.wording import say

DRAFT_DELAY_MS = 1500  # a draft is written this long after the last edit
DRAFT_PHOTO = "照片"  # a draft's row also keeps a photo imported but not saved yet

if TYPE_CHECKING:  # the checker sees the mixin as the dialog it is mixed into
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QDialog as _Host

    from desktop.services.context import Workspace
    from desktop.views.editor.form import EditorForm
    from desktop.views.widgets.banner import MessageBanner
else:
    _Host = object


class DraftKeeping(_Host):
    """Mixed into StudentEditor (uses its workspace, form, undo stack, photo and banner)."""

    workspace: Workspace
    student_id: str | None
    form: EditorForm
    undo_stack: QUndoStack
    banner: MessageBanner
    touched: set[str]
    pending_photo: bytes | None
    draft_key: str
    _draft_timer: QTimer

    if TYPE_CHECKING:  # StudentEditor's own
        def is_dirty(self) -> bool: ...
        def row(self) -> dict[str, str]: ...
        def _show_photo(self, jpeg: bytes) -> None: ...
        def _revalidate(self) -> None: ...

    def keep_draft(self) -> None:
        """Write the form to its draft now (or drop the draft when nothing is changed)."""
        self._draft_timer.stop()
        if not self.workspace.store.key:
            return  # locked already: the draft written at the lock stays
        try:
            if not self.is_dirty():
                drop_draft(self.workspace, self.draft_key)
            else:
                save_draft(self.workspace, self.draft_key, self.student_id, self._draft_row())
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params), "warning")

    def _draft_row(self) -> dict[str, str]:
        """The form's row, with a photo imported but not saved yet (JPEG, base64)."""
        row = self.row()
        if self.pending_photo is not None:
            row[DRAFT_PHOTO] = base64.b64encode(self.pending_photo).decode("ascii")
        return row

    def _forget_draft(self) -> None:
        self._draft_timer.stop()
        with contextlib.suppress(ServiceError, StoreError):  # a failed drop: offered again later
            drop_draft(self.workspace, self.draft_key)

    def restore_draft(self, draft: Draft) -> None:
        """Put a kept draft back into the form: each differing item is an edit (undoable)."""
        self.draft_key = draft.key
        self.form.ensure_members(draft.row)
        for header, value in draft.row.items():
            field = self.form.fields.get(header)
            if field is not None and field.text() != value:
                self.touched.add(header)
                old = field.text()
                field.set_text(value)
                self.undo_stack.push(FieldEdit(field, old, value))
        if draft.row.get(DRAFT_PHOTO):
            self.pending_photo = base64.b64decode(draft.row[DRAFT_PHOTO])
            self._show_photo(self.pending_photo)
        self._revalidate()
