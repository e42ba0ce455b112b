"""核对: compare the records with a student list exported from the national 学籍 system, list
every difference, and bring back the official 学籍号 and flags after confirmation."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from desktop.exchange.national_list import NationalList, read_national_list
from desktop.exchange.reconcile_report import COLUMNS, write_reconcile_report
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.services.importing.reconcile import (
    FLAG_BACK,
    KINDS,
    NUMBER_BACK,
    Reconciliation,
    apply_reconciliation,
    plan_reconciliation,
)
from desktop.views.widgets import dialogs
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.forms import ReadOnlyTable
from desktop.views.widgets.long_work import LongWork
from desktop.views.wording import say, tr


class ReconcileTab(QWidget):
    reconciled = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.national: NationalList | None = None
        self.result: Reconciliation | None = None
        self.choose_button = QPushButton(self.tr("选择国家系统导出的名单…"))
        self.summary = QLabel(self.tr(
            "用国家学籍系统导出的学生名单核对：带回正式学籍号和标志，列出两边所有不一致之处。"))
        self.summary.setWordWrap(True)
        self.kind = QComboBox()
        self.kind.addItem(self.tr("全部"), None)
        for kind in KINDS:
            self.kind.addItem(tr(kind), kind)
        self.table = ReadOnlyTable([tr(c) for c in COLUMNS])
        self.apply_button = QPushButton(self.tr("带回学籍号和标志"))
        self.report_button = QPushButton(self.tr("保存差异清单…"))
        self.banner = MessageBanner()
        self.work = LongWork(self)  # reading and comparing a long list: off the GUI thread
        self.work.failed.connect(self._refused)
        self._layout()
        self.choose_button.clicked.connect(self.choose_file)
        self.kind.currentIndexChanged.connect(lambda _i: self._fill())
        self.apply_button.clicked.connect(self.apply)
        self.report_button.clicked.connect(self.save_report)
        self._update_buttons()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.summary, 1)
        top.addWidget(self.kind)
        bottom = QHBoxLayout()
        bottom.addStretch()
        bottom.addWidget(self.report_button)
        bottom.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)

    def choose_file(self) -> None:
        path = self.ask_open_path()
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        """Read the national list and compare it, off the GUI thread."""
        self.banner.clear_message()

        def compare() -> tuple[NationalList, Reconciliation]:
            national = read_national_list(path)
            return national, plan_reconciliation(self.workspace, national.entries)

        self.work.start(self.tr("正在核对……"), compare, self._compared)

    def _compared(self, outcome: tuple[NationalList, Reconciliation]) -> None:
        self.national, self.result = outcome
        self._show()

    def _refused(self, text: str) -> None:
        self.national = self.result = None
        self.banner.show_message(text)
        self._show()

    def _show(self) -> None:
        self._fill()
        self._update_buttons()
        if self.result is None or self.national is None:
            return
        counts = "　".join(f"{tr(kind)} {self.result.count(kind)}" for kind in KINDS)
        self.summary.setText(self.tr("{file}：{rows} 行，匹配 {matched} 名。").format(
            file=self.national.file_name, rows=len(self.national.entries),
            matched=self.result.matched) + counts)

    def _fill(self) -> None:
        wanted = self.kind.currentData()
        rows = [d for d in (self.result.differences if self.result else ()) if wanted in (None, d.kind)]
        self.table.fill([(tr(d.kind), str(d.row or ""), d.name, d.class_name, d.header, d.local,
                          d.national) for d in rows])

    def _update_buttons(self) -> None:
        result = self.result
        self.apply_button.setEnabled(bool(result and result.updates))
        self.report_button.setEnabled(bool(result and result.differences))

    def apply(self) -> None:
        if self.national is None or self.result is None:
            return
        question = self.tr(
            "将带回 {numbers} 个学籍号、{flags} 项标志，写入 {n} 名学生的记录。确定吗？").format(
            numbers=self.result.count(NUMBER_BACK), flags=self.result.count(FLAG_BACK),
            n=len(self.result.updates))
        if not self.confirm(question):
            return
        try:
            done = apply_reconciliation(self.workspace, self.national.entries)
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        self.result = plan_reconciliation(self.workspace, self.national.entries)
        self._show()
        self.banner.show_message(self.tr("已写入 {n} 名学生的学籍号和标志。").format(n=len(done.updates)),
                                 "info")
        self.reconciled.emit()

    def save_report(self) -> None:
        if self.result is None:
            return
        path = self.ask_save_path(str(Path.home() / "学籍核对差异.xlsx"))
        if path is None:
            return
        try:
            write_reconcile_report(path, self.result)
        except OSError:
            self.banner.show_message(say("file.write_failed", {"path": str(path)}))
            return
        self.banner.show_message(self.tr("已保存到 ") + str(path), "info")

    def confirm(self, text: str) -> bool:
        return dialogs.confirm(self, text, self.tr("核对"))

    def ask_open_path(self) -> Path | None:
        return dialogs.open_path(self, self.tr("选择国家系统导出的名单"), "Excel (*.xlsx *.xlsm)")

    def ask_save_path(self, suggested: str) -> Path | None:
        return dialogs.save_path(self, self.tr("保存差异清单"), suggested, "Excel (*.xlsx)")
