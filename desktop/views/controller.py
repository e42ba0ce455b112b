"""What the app shows when: the first-run wizard or the unlock dialog, then the main window;
locking (on demand or after idle time) drops the key and returns to the unlock dialog. The
main window is backed up as it closes, on lock and on exit, while the key is still there.
An editor open at a lock or at exit leaves its edits as a draft; after the next unlock the
registrar is asked whether to go on with it ("继续编辑未保存的修改？")."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from desktop.services.errors import ServiceError, StoreError
from desktop.views import error_hook, settings
from desktop.views.collector import collector_paused, thaw
from desktop.views.fonts import apply_text_scale
from desktop.views.lock import InactivityWatcher
from desktop.views.unlock_dialog import UnlockDialog
from desktop.views.widgets.dialogs import confirm
from desktop.views.window_state import remember, show_restored
from desktop.views.wording import say

if TYPE_CHECKING:
    from desktop.services.context import Workspace
    from desktop.services.safekeeping.setup_flow import KdfParams
    from desktop.services.students.drafts import Draft
    from desktop.services.students.intake import WaitingPupil
    from desktop.views.main_window import MainWindow
    from desktop.views.setup_wizard import SetupWizard

EXIT_AT_UNLOCK = "XUEJI_EXIT_AT_UNLOCK"  # =1: say when the unlock dialog is up, then quit (benchmark)


def ask_resume(parent: QWidget, text: str) -> bool:
    """继续编辑？ (是 is the safe answer); tests replace this seam."""
    title = QCoreApplication.translate("AppController", "未保存的修改")
    return confirm(parent, text, title, yes_is_safe=True)


def resume_text(draft: Draft) -> str:
    translate = QCoreApplication.translate
    who = draft.name or translate("AppController", "（未填姓名）")
    kind = (translate("AppController", "新建学生") if draft.student_id is None
            else translate("AppController", "学生信息"))
    when = f"{_local(draft.saved_at):%Y-%m-%d %H:%M}"
    return (translate("AppController", "继续编辑未保存的修改？") + "\n\n"
            + translate("AppController", "{kind}：{name}，{time} 时的内容。").format(
                kind=kind, name=who, time=when)
            + "\n\n" + translate("AppController", "选“否”将放弃这些修改。"))


def _local(utc: dt.datetime) -> dt.datetime:
    return utc.replace(tzinfo=dt.UTC).astimezone()


def load_main_window() -> None:
    """What opening the main window needs (SQLAlchemy, the models, the roster, the drafts):
    loaded while Argon2id unwraps the key in its worker thread (unlock_dialog)."""
    import desktop.services.students.drafts
    import desktop.views.main_window  # noqa: F401


class AppController(QObject):
    main_shown = Signal(object)  # MainWindow
    locked = Signal()

    def __init__(self, app: QApplication, db_path: Path, kdf: KdfParams | None = None) -> None:
        super().__init__()
        self.app = app
        self.db_path = db_path
        self.kdf = kdf
        self.workspace: Workspace | None = None
        self.window: MainWindow | None = None
        self.dialog: QDialog | None = None
        self.watcher = InactivityWatcher(settings.IDLE_MINUTES.get(), self)
        self.watcher.idle.connect(self.lock)
        self.closing_for = "exit"  # why the main window closes: "lock" or "exit"
        self.backup_failed = False
        app.installEventFilter(self.watcher)

    def start(self) -> None:
        error_hook.install()
        if self.db_path.exists():
            self.show_unlock()
        else:
            self.show_wizard()

    def show_wizard(self) -> None:
        from desktop.services.safekeeping.setup_flow import SetupFlow
        from desktop.views.setup_wizard import SetupWizard

        self.db_path.parent.mkdir(parents=True, exist_ok=True)
        wizard = SetupWizard(SetupFlow(self.db_path, self.kdf))
        wizard.finished.connect(lambda code: self._wizard_done(wizard, code))
        self._show_dialog(wizard)

    def _wizard_done(self, wizard: SetupWizard, code: int) -> None:
        workspace = wizard.flow.workspace
        if code == QDialog.DialogCode.Accepted and workspace is not None:
            self.open_main(workspace)
        elif workspace is not None:  # created but closed before confirming: unlock next time
            workspace.lock()
            self.app.quit()
        else:
            self.app.quit()

    def show_unlock(self) -> None:
        dialog = UnlockDialog(self.db_path, settings.LAST_USER.get(), prepare=load_main_window)
        dialog.finished.connect(lambda code: self._unlock_done(dialog, code))
        self._show_dialog(dialog)
        if self.backup_failed:
            dialog.banner.show_message(say("backup.auto_failed"), "warning")
        if os.environ.get(EXIT_AT_UNLOCK) == "1":
            QTimer.singleShot(0, self._quit_at_unlock)

    def _quit_at_unlock(self) -> None:
        print(f"unlock-shown {time.time():.3f}", flush=True)
        self.app.quit()

    def _unlock_done(self, dialog: UnlockDialog, code: int) -> None:
        if code == QDialog.DialogCode.Accepted and dialog.workspace is not None:
            self.open_main(dialog.workspace)
        else:
            self.app.quit()

    def _show_dialog(self, dialog: QDialog) -> None:
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def open_main(self, workspace: Workspace) -> None:
        from desktop.views.main_window import MainWindow  # after unlocking: the unlock dialog shows sooner

        self.workspace = workspace
        with collector_paused():
            window = MainWindow(workspace)
        settings.remember_unlock(str(self.db_path), workspace.actor.username, window.school.name)
        window.lock_requested.connect(self.lock)
        window.open_database_requested.connect(self.switch_database)
        window.roster.open_student.connect(self.edit_student)
        window.roster.new_student.connect(lambda: self.edit_student(None))
        window.start_record.connect(lambda pupil: self._open_editor(None, None, pupil))
        window.idle_minutes_changed.connect(self.watcher.set_minutes)
        window.text_scale_changed.connect(
            lambda percent: apply_text_scale(self.app, percent))
        self.window = window
        window.installEventFilter(self)  # its close is backed up first (eventFilter)
        self.watcher.set_minutes(settings.IDLE_MINUTES.get())
        show_restored(window)
        self.main_shown.emit(window)
        self.offer_draft()

    def offer_draft(self) -> None:
        """The newest draft this account left (lock, exit, crash): go on with it, or drop it.
        Older drafts wait for the next unlock, or for their pupil's editor to be opened."""
        if self.window is None or self.workspace is None:
            return
        from desktop.services.students.drafts import list_drafts

        drafts = list_drafts(self.workspace)
        if drafts:
            self._resume_or_drop(drafts[0])

    def _resume_or_drop(self, draft: Draft) -> bool:
        """Ask; 是 opens the editor with the draft (True), 否 drops it (False)."""
        from desktop.services.students.drafts import drop_draft

        assert self.window is not None and self.workspace is not None
        if not ask_resume(self.window, resume_text(draft)):
            drop_draft(self.workspace, draft.key)
            return False
        try:
            self._open_editor(draft.student_id, draft)
        except (ServiceError, StoreError) as exc:  # the pupil is gone: nothing to go on with
            drop_draft(self.workspace, draft.key)
            self.window.statusBar().showMessage(say(exc.code, exc.params))
        return True

    def edit_student(self, student_id: str | None, draft: Draft | None = None) -> None:
        """Open the editor; a pupil with a kept draft is asked about it first."""
        if self.window is None or self.workspace is None:
            return
        if draft is None and student_id is not None:
            from desktop.services.students.drafts import list_drafts

            kept = next((d for d in list_drafts(self.workspace) if d.key == student_id), None)
            if kept is not None and self._resume_or_drop(kept):
                return
        self._open_editor(student_id, draft)

    def _open_editor(self, student_id: str | None, draft: Draft | None,
                     start: WaitingPupil | None = None) -> None:
        from desktop.views.editor.dialog import StudentEditor  # loaded on first use

        assert self.window is not None and self.workspace is not None
        editor = StudentEditor(self.workspace, student_id, self.window, start)
        editor.changed.connect(lambda changed: self.window.refresh(changed) if self.window else None)
        editor.open_other.connect(self.edit_student)
        if draft is not None:
            editor.restore_draft(draft)
        editor.open()

    def switch_database(self, path: Path) -> None:
        """文件 → 打开其他学校数据库…: lock this one, then unlock (or set up) the one at `path`."""
        self.lock(show_unlock=False)
        self.db_path = path
        if path.exists():
            self.show_unlock()
        else:
            self.show_wizard()

    def lock(self, show_unlock: bool = True) -> None:
        """Close every window of the open database, drop its key, ask for the password again."""
        if self.workspace is None:
            return
        if self.window is not None:
            self.window.stop_background_work()  # no job holds the database while drafts are kept
        for widget in QApplication.topLevelWidgets():
            if hasattr(widget, "discard_and_close"):
                widget.discard_and_close()
        if self.window is not None:
            self.closing_for = "lock"
            self.window.close()
            self.closing_for = "exit"
            self.window.deleteLater()
            self.window = None
        self.workspace.lock()
        self.workspace = None
        thaw()  # the closed window's objects, frozen at the unlock, can be collected
        self.watcher.stop()
        self.locked.emit()
        if show_unlock:
            self.show_unlock()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The main window closing (lock or exit): back up while the key is still there."""
        if (event.type() == QEvent.Type.Close and self.window is not None
                and watched is self.window and self.workspace is not None):
            from desktop.views.close_backup import back_up_on_close

            self.window.stop_background_work()  # no job holds the database while we write
            keep_open_drafts()
            remember(self.window)
            self.backup_failed = not back_up_on_close(self.workspace, self.closing_for)
        return False


def keep_open_drafts() -> None:
    """Every open editor keeps its draft and closes (the window is closing, the key goes next)."""
    for widget in QApplication.topLevelWidgets():
        if hasattr(widget, "discard_and_close") and widget.isVisible():
            widget.discard_and_close()
