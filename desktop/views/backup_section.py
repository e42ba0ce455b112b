"""设置 → 备份: where backups go, the newest one, 立即备份 and 恢复演练.

Backups are also made on their own (on lock, on exit, before an import or the year-end);
this section shows where and lets the registrar choose another folder (a USB stick). The
folder dialog is a seam (`ask_folder`) so tests never open a real one.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.services.safekeeping.backup_drill import DrillReport, restore_drill
from desktop.services.safekeeping.backup_policy import (
    back_up,
    backup_folder,
    latest_backup,
    set_backup_folder,
)
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.dialogs import folder_path
from desktop.views.widgets.long_work import LongWork, writing_to
from desktop.views.wording import say

T = TypeVar("T")


@contextlib.contextmanager
def busy() -> Iterator[None]:
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        yield
    finally:
        QGuiApplication.restoreOverrideCursor()


class BackupSection(QGroupBox):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("备份"), parent)
        self.workspace = workspace
        self.folder_label = QLabel()
        self.folder_label.setWordWrap(True)
        self.latest_label = QLabel()
        self.backup_button = QPushButton(self.tr("立即备份"))
        self.folder_button = QPushButton(self.tr("备份位置…"))
        self.default_button = QPushButton(self.tr("恢复默认位置"))
        self.drill_button = QPushButton(self.tr("恢复演练"))
        self.banner = MessageBanner()
        self.work = LongWork(self)
        self.work.failed.connect(self.banner.show_message)
        self.work.finished.connect(lambda: self.backup_button.setEnabled(True))
        self._build()
        self.refresh()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("锁定、退出、导入和学年结转前会自动备份；保留最近7天每天一份、最近4周每周一份。")))
        layout.addWidget(self.folder_label)
        layout.addWidget(self.latest_label)
        buttons = QHBoxLayout()
        for button in (self.backup_button, self.folder_button, self.default_button,
                       self.drill_button):
            buttons.addWidget(button)
        buttons.addStretch()
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        registrar = self.workspace.actor.role is Role.REGISTRAR
        self.folder_button.setEnabled(registrar)
        self.default_button.setEnabled(registrar)
        self.backup_button.clicked.connect(self.back_up_now)
        self.folder_button.clicked.connect(self.choose_folder)
        self.default_button.clicked.connect(lambda: self._set_folder(None))
        self.drill_button.clicked.connect(self.drill)

    def refresh(self) -> None:
        try:
            folder, fallback = backup_folder(self.workspace)
            newest = latest_backup(self.workspace, folder)
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        note = self.tr("（所选位置不可用，暂用数据库旁的文件夹）") if fallback else ""
        self.folder_label.setText(self.tr("备份位置：") + str(folder) + note)
        if newest is None:
            self.latest_label.setText(self.tr("最近一次备份：还没有"))
        else:
            self.latest_label.setText(self.tr("最近一次备份：{time}（{name}）").format(
                time=f"{newest.made:%Y-%m-%d %H:%M}", name=newest.path.name))

    def _run(self, work: Callable[[], T]) -> tuple[bool, T | None]:
        """(done, result) of `work` under a wait cursor; a refusal is said in the banner."""
        self.banner.clear_message()
        try:
            with busy():
                return True, work()
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
        except OSError:
            folder = backup_folder(self.workspace)[0]
            self.banner.show_message(say("file.write_failed", {"path": str(folder)}))
        return False, None

    def back_up_now(self) -> None:
        """The backup (a copy checked by opening it) runs off the GUI thread."""
        self.banner.clear_message()
        folder = backup_folder(self.workspace)[0]
        self.backup_button.setEnabled(False)
        self.work.start(self.tr("正在备份……"),
                        writing_to(folder, lambda: back_up(self.workspace, "manual")), self._backed_up)

    def _backed_up(self, outcome: object) -> None:
        if outcome is None or not hasattr(outcome, "info"):
            return
        if outcome.info is None:
            self.banner.show_message(self.tr("自上次备份以来没有任何更改，最近的备份仍然有效。"), "info")
        else:
            self.banner.show_message(self.tr("已备份并校验：") + str(outcome.info.path), "info")
        self.refresh()

    def choose_folder(self) -> None:
        folder = self.ask_folder(str(backup_folder(self.workspace)[0]))
        if folder is not None:
            self._set_folder(folder)

    def _set_folder(self, folder: Path | None) -> None:
        done, _none = self._run(lambda: set_backup_folder(self.workspace, folder))
        if done:
            self.refresh()
            self.banner.show_message(self.tr("备份位置已保存，下一次备份起使用。"), "info")

    def drill(self) -> None:
        done, report = self._run(lambda: restore_drill(self.workspace))
        if done and report is not None:
            self.show_drill(report)

    def show_drill(self, report: DrillReport) -> None:
        if report.ok:
            passed = self.tr("恢复演练通过：备份 {name} 可以完整恢复并打开，完整性检查和审计链校验都通过。")
            counted = self.tr("其中有学生 {students} 名、扫描件 {scans} 份、审计记录 {rows} 条。")
            timed = self.tr("用时 {seconds} 秒，当前数据库没有被改动。")
            self.banner.show_message(
                passed.format(name=report.backup.name)
                + counted.format(students=report.students, scans=report.scans,
                                 rows=report.audit_rows)
                + timed.format(seconds=report.seconds), "info")
            return
        problems = "；".join(say(code) for code in report.problems)
        self.banner.show_message(self.tr("恢复演练没有通过：") + problems + self.tr(
            "。请立即备份一次并再做演练，仍不通过请联系技术支持。"))

    # -- seam for the system dialog --------------------------------------------------------

    def ask_folder(self, start: str) -> Path | None:
        return folder_path(self, self.tr("备份位置"), start)
