"""The student editor dialog: load, edit with inline validation and undo, save through the
services; a possible duplicate is shown before saving, unsaved edits are never lost silently:
while the form has changes it is kept as a draft in the encrypted database (a moment after each
edit, and at once when the app locks), so a lock, a closed window or a crash loses nothing."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from pathlib import Path
from typing import cast

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeyEvent, QKeySequence, QPixmap, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.errors import FieldError
from desktop.domain.record import read_record
from desktop.domain.template_output import template_row
from desktop.services.changed import Changed
from desktop.services.changes.status import history
from desktop.services.chosen_file import read_chosen_file
from desktop.services.context import Workspace
from desktop.services.errors import RecordsRejected, ServiceError, StoreError
from desktop.services.students.add import add_students
from desktop.services.students.dto import AddResult, StudentDetail, StudentRow
from desktop.services.students.duplicates import PossibleDuplicates
from desktop.services.students.intake import WaitingPupil, controlled_items
from desktop.services.students.photos import MAX_SOURCE_BYTES, get_photo, normalise_photo, set_photo
from desktop.services.students.read import get_student
from desktop.services.students.school import school_info
from desktop.services.students.update import update_student
from desktop.views.changes.dialog import ChangeDialog
from desktop.views.changes.timeline import HistoryTable
from desktop.views.editor.correction_dialog import CorrectionDialog
from desktop.views.editor.drafting import DRAFT_DELAY_MS, DraftKeeping
from desktop.views.editor.form import EditorForm
from desktop.views.editor.id_number import IdNumberHelp
from desktop.views.editor.inputs import FieldInput
from desktop.views.editor.undo import FieldEdit
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.dialogs import confirm, open_path
from desktop.views.wording import say, say_field, tr

VALIDATE_DELAY_MS = 300


def ask(parent: QWidget, title: str, text: str) -> bool:
    """Yes/no question; tests replace this seam instead of clicking a real message box."""
    return confirm(parent, text, title)


class FormUndoKeys(QObject):
    """Ctrl+Z/Ctrl+Y in a text box that has nothing of its own to undo go to the form's undo."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, QLineEdit):
            return False
        key_event = cast(QKeyEvent, event)  # a ShortcutOverride event is a key event
        undo = key_event.matches(QKeySequence.StandardKey.Undo) and not watched.isUndoAvailable()
        redo = key_event.matches(QKeySequence.StandardKey.Redo) and not watched.isRedoAvailable()
        if undo or redo:
            event.ignore()  # not overridden: the dialog's shortcut takes the key
            return True
        return False


class StudentEditor(IdNumberHelp, DraftKeeping, QDialog):
    saved = Signal(str)
    changed = Signal(object)  # a Changed: what the save or the 学籍变动 changed
    open_other = Signal(str)  # the registrar chose to open the stored pupil with this ID number

    def __init__(self, workspace: Workspace, student_id: str | None,
                 parent: QWidget | None = None, start: WaitingPupil | None = None) -> None:
        """`start`: the listed pupil a new record begins from (its items filled; the preschool
        list's five locked)."""
        super().__init__(parent)
        self.workspace = workspace
        self.student_id = student_id
        self.start = start
        self.version: int | None = None
        self.school_code = school_info(workspace).code
        self.undo_stack = QUndoStack(self)
        self.form = EditorForm(workspace)
        self._form_keys = FormUndoKeys(self)
        self.banner = MessageBanner()
        self.photo_label = QLabel()
        self.pending_photo: bytes | None = None
        self._validate_timer = QTimer(self, singleShot=True, interval=VALIDATE_DELAY_MS)
        self._validate_timer.timeout.connect(self._revalidate)
        self.attempted = False  # every message shows once saving was tried…
        self.touched: set[str] = set()  # …before that, only those of items the registrar left
        self.id_notes: dict[str, str] = {}  # items that differ from the ID number
        self.id_matches: list[str] = []  # stored pupils with the ID number typed
        self.id_info = ""  # what the ID number told (filled items, not known here)
        self.open_existing = QPushButton(self.tr("打开这名学生的记录"))
        self.draft_key = student_id or f"new:{uuid.uuid4()}"
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        self._build()
        self._load()
        self.undo_stack.setClean()
        self.undo_stack.indexChanged.connect(lambda _i: self._draft_timer.start())
        self.undo_stack.indexChanged.connect(lambda _i: self.form.refresh_members())

    # --- layout ----------------------------------------------------------------------------
    def _build(self) -> None:
        title = self.tr("新建学生") if self.student_id is None else self.tr("学生信息")
        self.setWindowTitle(title)
        self.resize(1100, 680)
        self.tabs = tabs = QTabWidget()
        for name, page in self.form.pages():
            tabs.addTab(page, tr(name))
        self.timeline = HistoryTable()
        tabs.addTab(self.timeline, self.tr("变动记录"))
        self.form.undo_stack = self.undo_stack
        self._connect_fields()
        self.form.members_changed.connect(self._connect_fields)
        side = QVBoxLayout()
        self.photo_label.setFixedSize(130, 160)
        self.photo_label.setStyleSheet("border:1px solid #bbb;background:#f4f7fb;")
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setText(self.tr("照片\n26×32 mm"))
        photo_button = QPushButton(self.tr("导入照片…"))
        photo_button.clicked.connect(self._import_photo)
        side.addWidget(self.photo_label)
        side.addWidget(photo_button)
        self.change_button = QPushButton(self.tr("学籍变动…"))
        self.change_button.setEnabled(self.student_id is not None)
        self.change_button.clicked.connect(self.open_change_dialog)
        side.addWidget(self.change_button)
        side.addStretch()
        body = QHBoxLayout()
        body.addWidget(tabs, 1)
        body.addLayout(side)
        self.main_layout = layout = QVBoxLayout(self)
        self.form.legend.setStyleSheet("color:#555;")
        layout.addWidget(self.form.legend)
        layout.addLayout(body)
        layout.addLayout(self._message_area())
        layout.addLayout(self._buttons())
        redo_keys = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        bindings: list[tuple[QKeySequence | QKeySequence.StandardKey, Callable[[], object]]] = [
            (QKeySequence.StandardKey.Undo, self.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.undo_stack.redo),
            (QKeySequence.StandardKey.Save, self.save)]
        if QKeySequence("Ctrl+Y") not in redo_keys:  # Ctrl+Y everywhere, but never twice
            bindings.append((QKeySequence("Ctrl+Y"), self.undo_stack.redo))
        for keys, slot in bindings:
            QShortcut(QKeySequence(keys), self).activated.connect(slot)

    def _connect_fields(self) -> None:
        """Every input, including member groups added later, reports its edits once."""
        for field in self.form.fields.values():
            if field.property("connected"):
                continue
            field.setProperty("connected", True)
            field.edited.connect(lambda old, new, f=field: self._edited(f, old, new))
            field.left.connect(lambda f=field: self._left(f.header))
            for line_edit in field.findChildren(QLineEdit):
                line_edit.installEventFilter(self._form_keys)

    def _message_area(self) -> QHBoxLayout:
        """The banner keeps its place when empty: nothing above it moves as messages change."""
        policy = self.banner.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.banner.setSizePolicy(policy)
        self.banner.setMinimumHeight(self.banner.fontMetrics().height() * 2 + 14)
        self.open_existing.hide()
        self.open_existing.setAutoDefault(False)
        self.open_existing.clicked.connect(self._open_existing)
        row = QHBoxLayout()
        row.addWidget(self.banner, 1)
        row.addWidget(self.open_existing)
        return row

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.undo_button = QPushButton(self.tr("撤销"))
        self.redo_button = QPushButton(self.tr("重做"))
        self.undo_button.clicked.connect(self.undo_stack.undo)
        self.redo_button.clicked.connect(self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.save_button = QPushButton(self.tr("保存（Ctrl+S）"))
        self.save_button.setDefault(True)
        cancel = QPushButton(self.tr("取消"))
        self.save_button.clicked.connect(self.save)
        cancel.clicked.connect(self.reject)
        for button in (self.undo_button, self.redo_button):
            row.addWidget(button)
        row.addStretch()
        row.addWidget(self.save_button)
        row.addWidget(cancel)
        return row

    # --- data --------------------------------------------------------------------------------
    def _load(self) -> None:
        if self.student_id is None:
            self.form.set_defaults()
            self._start_from_list()
            return
        detail = get_student(self.workspace, self.student_id)
        self.version = detail.version
        self.timeline.show_entries(history(self.workspace, self.student_id))
        self.form.set_row(template_row(detail.values, list(detail.members), self.school_code))
        self._show_locked(controlled_items(self.workspace, self.student_id))
        photo = get_photo(self.workspace, self.student_id)
        if photo:
            self._show_photo(photo)

    def row(self) -> dict[str, str]:
        return {"学校标识码": self.school_code, **self.form.row()}

    def _show_locked(self, headers: tuple[str, ...]) -> None:
        """受控字段: shown, not editable, with the reason and the way to change them."""
        if not headers:
            return
        reason = self.tr("{items}是受控字段：已与学前教育匹配名单对应，只能按“更正受控字段”办理"
                         "（写明原因、附证明材料）。").format(items="、".join(tr(h) for h in headers))
        for header in headers:
            field = self.form.fields[header]
            field.editor.setEnabled(False)
            field.setToolTip(reason)
        self.form.legend.setText(self.form.legend.text() + "\n" + reason)
        self.correct_button = QPushButton(self.tr("更正受控字段…"))
        self.correct_button.clicked.connect(lambda: self.correct_locked(headers))
        self.main_layout.insertWidget(1, self.correct_button)

    def _start_from_list(self) -> None:
        """A new record begun from a list: its items filled (the preschool list's locked)."""
        if self.start is None:
            return
        for header, text in self.start.cells.items():
            self.form.fields[header].set_text(text)
        self.form.legend.setText(self.form.legend.text() + "\n" + self._start_note())
        if self.start.locked:
            for header in self.start.cells:
                self.form.fields[header].editor.setEnabled(False)
                self.form.fields[header].setToolTip(self._start_note())
        if self.start.cells.get("身份证件号"):  # 出生地 etc. from the ID number; known here?
            self._id_entered(self.start.cells["身份证件号"])

    def _start_note(self) -> str:
        assert self.start is not None
        items = "、".join(tr(h) for h in self.start.cells)
        if self.start.locked:
            return self.tr("{items}来自学前教育匹配名单（受控字段），不能在这里修改；"
                           "名单有误时请在国家学籍系统中更正名单，再重新导入。").format(items=items)
        return self.tr("{items}来自初中入学交接名单；保存后学籍号取名单上的个人标识码 {xjh}。").format(
            items=items, xjh=self.start.xjh or "")

    def correct_locked(self, headers: tuple[str, ...]) -> None:
        """The correction procedure for the locked items, then the record read again."""
        current = {header: self.form.fields[header].text() for header in headers}
        if CorrectionDialog(self.workspace, self.student_id or "", current, self).exec():
            self.reload_student()

    def _edited(self, field: FieldInput, old: str, new: str) -> None:
        self.touched.add(field.header)
        if not self.form.has_follow_ups(field.header):
            self.undo_stack.push(FieldEdit(field, old, new))
        else:  # the item and what it fills in (ID number, a parent's 关系) are one edit
            self.undo_stack.beginMacro(field.header)
            self.undo_stack.push(FieldEdit(field, old, new))
            if field.header == "身份证件号":
                self._id_entered(new)
            self.form.follow_up(field.header, new)
            self.undo_stack.endMacro()
            self._revalidate()  # what it filled in, shown at once
        self._validate_timer.start()

    def _left(self, header: str) -> None:
        self.touched.add(header)
        self._validate_timer.start()

    def is_dirty(self) -> bool:
        return not self.undo_stack.isClean() or self.pending_photo is not None

    # --- validation ------------------------------------------------------------------------
    def validate(self) -> list[FieldError]:
        """Check everything (as saving does) and show each message beside its item."""
        self.attempted = True
        record = read_record(self.row())
        self._show_errors(record.errors)
        return record.blocking

    def _revalidate(self) -> None:
        """While typing: messages of the items the registrar has left (all, once saving was
        tried); no count of problems before that."""
        self._show_errors(read_record(self.row()).errors)

    def _show_errors(self, errors: list[FieldError]) -> None:
        if not self.attempted:
            errors = [e for e in errors if e.field in self.touched]
        self.form.clear_errors()
        for header, note in self.id_notes.items():
            self.form.show_error(header, note, True)
        for error in errors:
            self.form.show_error(error.field, say_field(error), error.warning)
        blocking = [e for e in errors if not e.warning]
        self._mark_tabs({e.field for e in blocking})
        if blocking and self.attempted:
            self.banner.show_message(self.tr("有 {n} 处需要修改，见各项下方的红字。")
                                     .format(n=len(blocking)))
        elif self.id_info and not self.id_matches:
            self.banner.show_message(self.id_info, "info")
        elif not self.id_matches:
            self.banner.clear_message()

    def _mark_tabs(self, headers: set[str]) -> None:
        """Tab titles carry the number of problems on them, e.g. 联系与扩展（2）."""
        for index, (name, _page) in enumerate(self.form.pages()):
            count = sum(1 for h in headers if self.form.tab_of(h) == name)
            self.tabs.setTabText(index, tr(name) + (f"（{count}）" if count else ""))

    # --- saving ------------------------------------------------------------------------------
    def save(self) -> bool:
        if self.validate():
            return False
        try:
            result = self._write_asking_about_duplicates()
        except RecordsRejected as exc:
            self._show_errors([e for problems in exc.problems.values() for e in problems])
            return False
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return False
        if result is None:  # a possible same person, and the user kept the form open
            return False
        self.student_id = result.ids[0]
        if self.pending_photo is not None:
            set_photo(self.workspace, self.student_id, self.pending_photo)
            self.pending_photo = None
        self.undo_stack.setClean()
        self._forget_draft()
        self.changed.emit(result.changed)
        self.saved.emit(self.student_id)
        self.accept()
        return True

    def _write_asking_about_duplicates(self) -> AddResult | None:
        """The save held back when the pupil may already be stored: written after all when the
        user says it is another person, None when the user keeps the form open."""
        try:
            return self._write(hold_if_duplicate=True)
        except PossibleDuplicates as held:
            if not self._confirm_not_duplicate(held.rows[0]):
                return None
        return self._write(hold_if_duplicate=False)

    def _write(self, *, hold_if_duplicate: bool) -> AddResult:
        """Add or update; with `hold_if_duplicate` a possible same person raises
        PossibleDuplicates before anything is written (the same query also marks the record
        when the user saves it anyway)."""
        if self.student_id is None:
            return add_students(self.workspace, [self.row()],
                                hold_if_duplicate=hold_if_duplicate)
        return update_student(self.workspace, self.student_id, self.row(),
                              expected_version=self.version, hold_if_duplicate=hold_if_duplicate)

    def _confirm_not_duplicate(self, matches: tuple[StudentRow, ...]) -> bool:
        lines = ["　".join((m.name, m.sex, f"{m.birth_date:%Y-%m-%d}", m.class_name, m.xjh or "",
                            m.status)) for m in matches]
        text = (self.tr("已有姓名、出生日期、性别都相同的学生，可能是同一个人（一人只能有一个学籍）：")
                + "\n\n" + "\n".join(lines) + "\n\n" + self.tr("确定不是同一个人，仍然保存吗？"))
        return ask(self, self.tr("可能重复"), text)

    # --- status changes --------------------------------------------------------------------
    def open_change_dialog(self) -> None:
        if self.student_id is None:
            return
        dialog = ChangeDialog(self.workspace, self.student_id, self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.recorded is not None:
            self.after_status_change(dialog.recorded.changed)

    def _show_stored(self) -> StudentDetail:
        """The stored record's version and change log, read again (only a saved pupil's form
        offers the actions that call this, so student_id is set)."""
        student_id = self.student_id or ""
        detail = get_student(self.workspace, student_id)
        self.version = detail.version
        self.timeline.show_entries(history(self.workspace, student_id))
        return detail

    def reload_student(self) -> None:
        """The stored record shown again (after a correction made outside the form)."""
        detail = self._show_stored()
        self.form.set_row(template_row(detail.values, list(detail.members), self.school_code))
        self.undo_stack.setClean()

    def after_status_change(self, changed: Changed) -> None:
        self._show_stored()
        self.changed.emit(changed)

    # --- photo ---------------------------------------------------------------------------------
    def _import_photo(self) -> None:
        path = open_path(self, self.tr("选择照片"), self.tr("图片 (*.jpg *.jpeg *.png)"))
        if path is not None:
            self.import_photo_file(path)

    def import_photo_file(self, path: Path) -> None:
        """Size and kind checked before a byte is read (a FIFO or /dev/zero would hang)."""
        try:
            data = read_chosen_file(path, MAX_SOURCE_BYTES, "photo.file_too_big",
                                    max_mb=MAX_SOURCE_BYTES // (1024 * 1024))
        except ServiceError as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        except OSError:
            self.banner.show_message(say("store.io"))
            return
        self.import_photo_bytes(data)

    def import_photo_bytes(self, data: bytes) -> None:
        try:
            self.pending_photo = normalise_photo(data)
        except ServiceError as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        self._show_photo(self.pending_photo)
        self._draft_timer.start()

    def _show_photo(self, jpeg: bytes) -> None:
        pixmap = QPixmap()
        pixmap.loadFromData(jpeg, "JPEG")
        self.photo_label.setPixmap(pixmap.scaled(self.photo_label.size(),
                                                 Qt.AspectRatioMode.KeepAspectRatio,
                                                 Qt.TransformationMode.SmoothTransformation))

    # --- leaving -------------------------------------------------------------------------------
    def reject(self) -> None:
        if self.is_dirty() and not ask(self, self.tr("放弃修改"),
                                       self.tr("有尚未保存的修改，确定放弃吗？")):
            return
        self._forget_draft()
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.is_dirty() and not ask(self, self.tr("放弃修改"),
                                       self.tr("有尚未保存的修改，确定放弃吗？")):
            event.ignore()
            return
        self._forget_draft()
        self._drop_changes()  # asked once: closing must not ask again through reject()
        super().closeEvent(event)

    def _drop_changes(self) -> None:
        self.undo_stack.clear()
        self.pending_photo = None
        self.undo_stack.setClean()

    def discard_and_close(self) -> None:
        """Locking: keep the edits as a draft (offered after unlocking), then close without
        asking (the key is going away)."""
        if self.workspace.store.key:
            self.keep_draft()
        self._drop_changes()
        super().reject()

