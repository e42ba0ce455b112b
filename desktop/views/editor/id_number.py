"""The editor's help with the ID number: a complete, valid resident ID number fills the empty
items it already answers (出生日期, 性别, 出生地), notes the filled ones that say otherwise
(never overwriting them), and says at once whether the school already has this person,
offering to open that record instead of creating a second one."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog

from desktop.domain.id_facts import conflicts, fills, id_facts
from desktop.services.students.read import same_id_number
from desktop.views.editor.undo import FieldEdit

RESIDENT_ID = "居民身份证"

if TYPE_CHECKING:  # the checker sees the mixin as the dialog it is mixed into
    from PySide6.QtCore import Signal
    from PySide6.QtGui import QUndoStack
    from PySide6.QtWidgets import QPushButton

    from desktop.services.context import Workspace
    from desktop.views.editor.form import EditorForm
    from desktop.views.widgets.banner import MessageBanner

    _Host = QDialog
else:
    _Host = object


def _tr(text: str) -> str:
    return QCoreApplication.translate("StudentEditor", text)


class IdNumberHelp(_Host):
    """Mixed into StudentEditor (uses its form, undo stack, banner and open_existing)."""

    workspace: Workspace
    student_id: str | None
    form: EditorForm
    undo_stack: QUndoStack
    banner: MessageBanner
    open_existing: QPushButton
    id_notes: dict[str, str]
    id_matches: list[str]
    id_info: str
    open_other: ClassVar[Signal]

    if TYPE_CHECKING:  # StudentEditor's own, and DraftKeeping's
        def _forget_draft(self) -> None: ...
        def _drop_changes(self) -> None: ...

    def _id_entered(self, number: str) -> None:
        """Called inside the undo macro of the ID number's edit: the fills undo with it."""
        self.id_notes, self.id_matches, self.id_info = {}, [], ""
        self.open_existing.hide()
        id_type = self.form.fields["身份证件类型"].text()
        facts = id_facts(number) if id_type in ("", RESIDENT_ID) else None
        if facts is None:
            return
        row = self.form.row()
        filled = fills(facts, row)
        for header, value in filled.items():
            self.form.fields[header].set_text(value)
            self.undo_stack.push(FieldEdit(self.form.fields[header], row.get(header, ""), value))
        for header, value in conflicts(facts, row).items():
            self.id_notes[header] = QCoreApplication.translate(
                "StudentEditor", "与证件号不一致：证件号中为 {value}").format(
                    value=readable(header, value))
        self._say_if_known(facts.number, list(filled))

    def _say_if_known(self, number: str, filled: list[str]) -> None:
        matches = same_id_number(self.workspace, number, exclude_id=self.student_id)
        self.id_matches = [m.id for m in matches]
        if matches:
            who = "；".join(f"{m.name}，{m.class_name}，{m.status}" for m in matches)
            self.banner.show_message(QCoreApplication.translate(
                "StudentEditor", "本校已有这个证件号的学生：{who}。一人只能有一个学籍，"
                "请打开那条记录，不要再新建。").format(who=who), "warning")
            self.open_existing.show()
            return
        self.id_info = QCoreApplication.translate("StudentEditor", "本校还没有这个证件号的学生。")
        if filled:
            self.id_info += QCoreApplication.translate(
                "StudentEditor", "已按证件号填写：{items}。").format(items="、".join(filled))
        self.banner.show_message(self.id_info, "info")

    def _open_existing(self) -> None:
        if not self.id_matches:
            return
        other = self.id_matches[0]
        self._forget_draft()
        self._drop_changes()
        QDialog.reject(self)  # the editor's own reject asks 放弃修改？; here the registrar chose to leave
        self.open_other.emit(other)


def readable(header: str, value: str) -> str:
    if header == "出生日期" and len(value) == 8:
        return f"{value[:4]}-{value[4:6]}-{value[6:]}"
    return value
