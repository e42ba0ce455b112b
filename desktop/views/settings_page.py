"""Settings: idle lock, text size, language, the day the school year ends; the recovery key
again; change password; backups (立即备份, 备份位置, 恢复演练) and the audit log for inspections
(its dialog, and the Excel library behind its export, are loaded when it is first opened)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.grades import parse_month_day
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.services.safekeeping.accounts import change_password, recovery_key_of
from desktop.views import settings
from desktop.views.backup_section import BackupSection
from desktop.views.widgets.banner import MessageBanner
from desktop.views.wording import say

if TYPE_CHECKING:
    from desktop.views.audit_dialog import AuditDialog


class SettingsPage(QWidget):
    idle_minutes_changed = Signal(int)
    text_scale_changed = Signal(int)

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.idle = QSpinBox(minimum=1, maximum=120, suffix=self.tr(" 分钟"))
        self.idle.setValue(settings.IDLE_MINUTES.get())
        self.scale = QSpinBox(minimum=100, maximum=150, singleStep=10, suffix=" %")
        self.scale.setValue(settings.TEXT_SCALE.get())
        self.language = QComboBox()
        self.language.addItem("中文", "zh_CN")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(0, self.language.findData(settings.LANGUAGE.get())))
        month, day = parse_month_day(settings.YEAR_END.get())
        self.year_end = QDateEdit(QDate(2001, month, day))
        self.year_end.setDisplayFormat(self.tr("M月d日"))
        self.year_end.setDateRange(QDate(2001, 6, 1), QDate(2001, 8, 31))
        self.new_password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.banner = MessageBanner()
        self.key_label = QLabel()
        self.backup = BackupSection(workspace)
        self.audit_dialog: AuditDialog | None = None
        self._build()

    def _build(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("无操作自动锁定"), self.idle)
        form.addRow(self.tr("文字大小"), self.scale)
        form.addRow(self.tr("界面语言（重启后生效）"), self.language)
        form.addRow(self.tr("学年结束日期（此日起可办理学年末升级和毕业）"), self.year_end)
        form.addRow(QLabel(self.tr("修改当前账号的密码")))
        form.addRow(self.tr("新密码"), self.new_password)
        form.addRow(self.tr("再输入一次"), self.again)
        change = QPushButton(self.tr("修改密码"))
        form.addRow("", change)
        show_key = QPushButton(self.tr("显示恢复密钥"))
        show_key.setEnabled(self.workspace.actor.role is Role.REGISTRAR)
        form.addRow(self.tr("恢复密钥"), show_key)
        form.addRow("", self.key_label)
        audit = QPushButton(self.tr("查看和导出…"))
        audit.setEnabled(self.workspace.actor.role is not Role.VIEWER)
        audit.clicked.connect(self.open_audit_log)
        form.addRow(self.tr("审计日志"), audit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.banner)
        layout.addWidget(self.backup)
        layout.addStretch()
        self.idle.valueChanged.connect(self._idle_changed)
        self.scale.valueChanged.connect(self._scale_changed)
        self.language.currentIndexChanged.connect(
            lambda _i: settings.LANGUAGE.set(self.language.currentData()))
        self.year_end.dateChanged.connect(
            lambda day: settings.YEAR_END.set(f"{day.month():02d}-{day.day():02d}"))
        change.clicked.connect(self._change_password)
        show_key.clicked.connect(self._show_key)

    def _idle_changed(self, minutes: int) -> None:
        settings.IDLE_MINUTES.set(minutes)
        self.idle_minutes_changed.emit(minutes)

    def _scale_changed(self, percent: int) -> None:
        settings.TEXT_SCALE.set(percent)
        self.text_scale_changed.emit(percent)

    def _change_password(self) -> None:
        if self.new_password.text() != self.again.text():
            self.banner.show_message(say("setup.password_mismatch"))
            return
        try:
            change_password(self.workspace, self.new_password.text())
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        self.new_password.clear()
        self.again.clear()
        self.banner.show_message(self.tr("密码已修改。数据库文件没有改写。"), "info")

    def open_audit_log(self) -> None:
        """The audit-log dialog, window-modal; returns at once (open(), not exec())."""
        from desktop.views.audit_dialog import AuditDialog

        self.audit_dialog = AuditDialog(self.workspace, self)
        self.audit_dialog.open()

    def _show_key(self) -> None:
        try:
            self.key_label.setText(recovery_key_of(self.workspace))
        except ServiceError as exc:
            self.banner.show_message(say(exc.code, exc.params))
