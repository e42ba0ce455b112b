"""The registers under 学籍变动: semester verification, the dropout ledger, deferrals, and the
year-end run (a preview dialog that runs it only after a deliberate tick)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import PRODUCT_NAME
from desktop.domain.errors import DomainError
from desktop.services.changes.data_quality import quality_findings
from desktop.services.changes.deferral import (
    DeferralInput,
    active_deferrals,
    mark_enrolled,
    reapply,
    register_deferral,
)
from desktop.services.changes.dropout_ledger import add_visit, ledger
from desktop.services.changes.verification import (
    CONCLUSIONS,
    Mark,
    class_summaries,
    record_mark,
    semester_round,
)
from desktop.services.changes.year_end import plan_year_end
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.forms import ReadOnlyTable, date_edit, picked_day
from desktop.views.wording import say, tr

SUMMARY_COLUMNS = ("班级", "应在籍", "已核查", "人籍一致", "差异")
FINDING_COLUMNS = ("班级", "姓名", "检查项", "说明")
LEDGER_COLUMNS = ("姓名", "班级", "离校日期", "原因", "劝返次数", "销号日期", "结果")
DEFERRAL_COLUMNS = ("姓名", "身份证件号", "缓学开始", "缓学期满")
CHECKS = ("证件号", "必填项", "疑似重复", "临时学籍号", "休学逾期", "年龄")


VISIT_METHODS = ("家访", "电话", "联合劝返")
VISIT_FIELDS = ("学生", "日期", "方式", "参与人", "结果")
DEFERRAL_FIELDS = ("儿童姓名", "身份证件号", "监护人", "联系电话", "缓学原因", "医院证明", "出生日期",
                   "缓学开始")


class VerificationTab(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.summary = ReadOnlyTable([tr(c) for c in SUMMARY_COLUMNS])
        self.findings = ReadOnlyTable([tr(c) for c in FINDING_COLUMNS])
        self.student, self.action = QLineEdit(), QLineEdit()
        self.student.setPlaceholderText(self.tr("身份证件号或学籍号；在校不在籍的写姓名"))
        self.conclusion = QComboBox()
        for name in CONCLUSIONS:
            self.conclusion.addItem(tr(name), name)
        self.banner = MessageBanner()
        self._build()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("学生"), self.student)
        form.addRow(self.tr("核查结论"), self.conclusion)
        form.addRow(self.tr("处理措施"), self.action)
        mark, check = QPushButton(self.tr("记录核查结论")), QPushButton(self.tr("运行数据质量检查"))
        mark.clicked.connect(self.mark)
        check.clicked.connect(self.run_checks)
        buttons = QHBoxLayout()
        buttons.addWidget(mark)
        buttons.addWidget(check)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        self.round_label = QLabel()
        layout.addWidget(self.round_label)
        layout.addWidget(self.summary, 2)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        layout.addWidget(self.findings, 3)

    def reload(self) -> None:
        self.round_label.setText(self.tr("核查学期：") + semester_round(dt.date.today()))
        self.summary.fill([(s.class_name, str(s.on_roll), str(s.checked), str(s.consistent),
                            "、".join(f"{tr(k)} {v}" for k, v in s.different.items()))
                           for s in class_summaries(self.workspace)])

    def mark(self) -> None:
        text = self.student.text().strip()
        is_ref = text.upper().startswith(("G", "L", "J")) or text[:1].isdigit()
        mark = Mark(self.conclusion.currentData(), student=text if is_ref else "",
                    name="" if is_ref else text, action=self.action.text().strip())
        try:
            record_mark(self.workspace, mark)
        except (DomainError, ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        self.banner.show_message(self.tr("已记录。"), "info")
        self.student.clear()
        self.action.clear()
        self.reload()

    def run_checks(self) -> None:
        found = quality_findings(self.workspace)
        self.findings.fill([(f.class_name, f.name, tr(f.check), f.detail) for f in found])
        self.banner.show_message(self.tr("发现 {n} 个问题。").format(n=len(found)) if found
                                 else self.tr("未发现数据质量问题。"), "info")


class LedgerTab(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.table = ReadOnlyTable([tr(c) for c in LEDGER_COLUMNS])
        self.student, self.people, self.result = QLineEdit(), QLineEdit(), QLineEdit()
        self.student.setPlaceholderText(self.tr("身份证件号或学籍号"))
        self.method = QComboBox()
        for method in VISIT_METHODS:
            self.method.addItem(tr(method), method)
        self.day = date_edit()
        self.banner = MessageBanner()
        form = QFormLayout()
        widgets = (self.student, self.day, self.method, self.people, self.result)
        for label, widget in zip(VISIT_FIELDS, widgets, strict=True):
            form.addRow(tr(label), widget)
        add = QPushButton(self.tr("记录劝返"))
        add.clicked.connect(self.add_visit)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("办理“辍学登记”即建档，“劝返复学”即销号。")))
        layout.addWidget(self.table, 2)
        layout.addLayout(form)
        layout.addWidget(add)
        layout.addWidget(self.banner)

    def add_visit(self) -> None:
        try:
            add_visit(self.workspace, self.student.text().strip(), picked_day(self.day),
                      self.method.currentData(), self.people.text().strip(),
                      self.result.text().strip())
        except (DomainError, ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        self.banner.show_message(self.tr("已记录。"), "info")
        self.reload()

    def reload(self) -> None:
        self.table.fill([(e.name, e.class_name, f"{e.left_on:%Y-%m-%d}", e.reason, str(e.visits),
                          f"{e.closed_on:%Y-%m-%d}" if e.closed_on else "", e.outcome)
                         for e in ledger(self.workspace)])


class DeferralTab(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.entries: list = []
        self.table = ReadOnlyTable([tr(c) for c in DEFERRAL_COLUMNS])
        self.fields = {label: QLineEdit() for label in DEFERRAL_FIELDS[:6]}
        self.birth, self.start = date_edit(dt.date(2020, 9, 1)), date_edit()
        self.banner = MessageBanner()
        form = QFormLayout()
        for label, widget in self.fields.items():
            form.addRow(tr(label), widget)
        form.addRow(tr("出生日期"), self.birth)
        form.addRow(tr("缓学开始"), self.start)
        buttons = QHBoxLayout()
        for text, slot in ((self.tr("登记缓学"), self.register),
                           (self.tr("所选重新申请"), self.reapply_selected),
                           (self.tr("所选已入学"), self.enrolled_selected)):
            button = QPushButton(text)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("缓学儿童暂不注册学籍；期满仍不能入学的须重新申请。")))
        layout.addWidget(self.table, 2)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)

    def reload(self) -> None:
        self.entries = active_deferrals(self.workspace)
        self.table.fill([(d.name, d.id_number, f"{d.start:%Y-%m-%d}", f"{d.until:%Y-%m-%d}")
                         for d in self.entries])

    def _do(self, action: Callable[[], object]) -> None:
        try:
            action()
        except (DomainError, ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        self.banner.show_message(self.tr("已记录。"), "info")
        self.reload()

    def register(self) -> None:
        text = {label: field.text().strip() for label, field in self.fields.items()}
        self._do(lambda: register_deferral(self.workspace, DeferralInput(
            text["儿童姓名"], picked_day(self.birth), text["监护人"], text["缓学原因"],
            text["医院证明"], picked_day(self.start), text["身份证件号"], text["联系电话"])))

    def _selected(self) -> str | None:
        row = self.table.currentRow()
        return self.entries[row].id if 0 <= row < len(self.entries) else None

    def reapply_selected(self) -> None:
        chosen = self._selected()
        if chosen:
            certificate = self.fields["医院证明"].text().strip() or "—"
            self._do(lambda: reapply(self.workspace, chosen, certificate,
                                     self.fields["缓学原因"].text().strip()))

    def enrolled_selected(self) -> None:
        chosen = self._selected()
        if chosen:
            self._do(lambda: mark_enrolled(self.workspace, chosen))


def show_year_end(dialog: QDialog) -> int:
    """Run the year-end dialog modally; tests replace this seam and drive the dialog."""
    return dialog.exec()


def run_year_end_with_preview(parent: QWidget, workspace: Workspace) -> bool:
    """Show what the year-end will do; it runs only from the dialog, after a deliberate tick."""
    from desktop.views.changes.year_end_dialog import YearEndDialog

    plan = plan_year_end(workspace)
    if plan.already_done:
        QMessageBox.information(parent, PRODUCT_NAME, tr("本学年的升级和毕业已经办理过。"))
        return False
    dialog = YearEndDialog(workspace, plan, parent=parent)
    return show_year_end(dialog) == QDialog.DialogCode.Accepted
