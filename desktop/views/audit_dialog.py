"""审计日志: the log read with filters (days, account, record) and exported for an inspection
as .csv or .xlsx. Shows at most SHOWN lines; the export holds every matching line. The save
dialog is a seam (`ask_save_path`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.audit_export import HEADERS, cells, write_audit
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.services.safekeeping.audit_view import AuditQuery, account_names, audit_lines, count_audit
from desktop.views.widgets.banner import MessageBanner, write_file
from desktop.views.widgets.dialogs import save_path
from desktop.views.widgets.forms import ReadOnlyTable, date_edit, picked_day
from desktop.views.wording import say, tr

SHOWN = 1000


class AuditDialog(QDialog):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setWindowTitle(self.tr("审计日志"))
        self.resize(1000, 600)
        self.use_start, self.use_end = QCheckBox(self.tr("从")), QCheckBox(self.tr("到"))
        today = dt.date.today()
        self.start, self.end = date_edit(today - dt.timedelta(days=30)), date_edit(today)
        self.user = QComboBox()
        self.record = QLineEdit(placeholderText=self.tr("记录编号、身份证件号或学籍号"))
        self.table = ReadOnlyTable([tr(h) for h in HEADERS])
        self.count = QLabel()
        self.banner = MessageBanner()
        self.search_button = QPushButton(self.tr("查询"))
        self.export_button = QPushButton(self.tr("导出…"))
        self._build()
        self.search()

    def _build(self) -> None:
        form = QFormLayout()
        days = QHBoxLayout()
        for widget in (self.use_start, self.start, self.use_end, self.end):
            days.addWidget(widget)
        days.addStretch()
        form.addRow(self.tr("日期"), days)
        form.addRow(self.tr("账号"), self.user)
        form.addRow(self.tr("记录"), self.record)
        buttons = QHBoxLayout()
        buttons.addWidget(self.search_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.user.addItem(self.tr("全部账号"), "")
        try:
            for name in account_names(self.workspace):
                self.user.addItem(name, name)
        except ServiceError as exc:
            self.banner.show_message(say(exc.code, exc.params))
        self.search_button.clicked.connect(self.search)
        self.export_button.clicked.connect(self.export)
        self.record.returnPressed.connect(self.search)

    def query(self) -> AuditQuery:
        start = picked_day(self.start) if self.use_start.isChecked() else None
        end = picked_day(self.end) if self.use_end.isChecked() else None
        return AuditQuery(start, end, self.user.currentData() or "", self.record.text())

    def search(self) -> None:
        self.banner.clear_message()
        try:
            query = self.query()
            total = count_audit(self.workspace, query)
            lines = audit_lines(self.workspace, query, max(0, total - SHOWN), SHOWN)
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        self.table.fill([[str(value) for value in cells(line)] for line in reversed(lines)])
        shown = self.tr("共 {n} 条记录，显示最新的 {m} 条。") if total > SHOWN else self.tr("共 {n} 条记录。")
        self.count.setText(shown.format(n=total, m=len(lines)))

    def export(self) -> None:
        suggested = Path.home() / f"审计日志-{dt.date.today():%Y%m%d}.xlsx"
        path = self.ask_save_path(str(suggested))
        if path is None:
            return
        count = write_file(self.banner, path,
                           lambda: write_audit(path, audit_lines(self.workspace, self.query())))
        if count is None:
            return
        self.banner.show_message(self.tr("已导出 {n} 条审计记录到 ").format(n=count) + str(path), "info")

    def ask_save_path(self, suggested: str) -> Path | None:
        return save_path(self, self.tr("导出审计日志"), suggested, "Excel (*.xlsx);;CSV (*.csv)")
