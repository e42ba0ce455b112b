"""更正受控字段: the five items the preschool matched list fixed, corrected through the 学籍
change procedure — the new values, the reason and the evidence (户口簿, 出生医学证明 …) are all
asked for; the correction is audited and queued for the registry
(desktop.services.students.correction)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.services.context import Workspace
from desktop.services.errors import RecordsRejected, ServiceError, StoreError
from desktop.services.students.correction import correct_controlled
from desktop.views.widgets.banner import MessageBanner
from desktop.views.wording import say, say_field, tr


class CorrectionDialog(QDialog):
    def __init__(self, workspace: Workspace, student_id: str, current: dict[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("更正受控字段"))
        self.workspace, self.student_id, self.current = workspace, student_id, current
        self.edits = {header: QLineEdit(value) for header, value in current.items()}
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("例如：户口簿登记的姓名为王晓明"))
        self.evidence = QLineEdit()
        self.evidence.setPlaceholderText(self.tr("例如：户口簿复印件、出生医学证明"))
        self.banner = MessageBanner()
        form = QFormLayout()
        for header, edit in self.edits.items():
            form.addRow(tr(header), edit)
        form.addRow(self.tr("更正原因"), self.reason)
        form.addRow(self.tr("证明材料"), self.evidence)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(buttons)

    def apply(self) -> bool:
        changes = {h: e.text().strip() for h, e in self.edits.items()
                   if e.text().strip() != self.current[h]}
        try:
            correct_controlled(self.workspace, self.student_id, changes, self.reason.text(),
                               self.evidence.text())
        except RecordsRejected as exc:
            self.banner.show_message("；".join(say_field(e) for e in exc.problems[0]))
            return False
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return False
        self.accept()
        return True
