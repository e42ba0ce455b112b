"""同步: enroll this desk with the registry, sync now or in the background every few minutes
(off the GUI thread), see each student's state, decide conflicts, read the registry's
一人多籍 findings, answer transfers and guardian requests, follow approvals, and print the
list of changes still waiting for the registry. Without a network the same sync goes by USB
stick: 导出U盘数据包… and 导入回执数据包…

The HTTP client and the PDF printing behind the page are loaded when first used, not when
the window opens."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.chosen_file import read_chosen_file
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.device import DeviceInfo, device_info
from desktop.services.registry.outbox import unacknowledged_count
from desktop.services.registry.pending import pending_list
from desktop.services.registry.status import sync_counts
from desktop.sync.wire.bundle_format import MAX_BUNDLE_BYTES
from desktop.views import settings
from desktop.views.sync.cases_panel import CasesPanel
from desktop.views.sync.enroll_box import EnrollBox
from desktop.views.sync.guardian_panel import GuardianPanel
from desktop.views.sync.panels import ConflictsPanel, FindingsPanel, StatesPanel
from desktop.views.sync.worker import SyncRunner
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.dialogs import open_path, save_path
from desktop.views.widgets.long_work import LongWork, writing_to
from desktop.views.wording import say

if TYPE_CHECKING:
    from desktop.sync.client import SyncOptions, SyncReport
    from desktop.sync.usb_bundles import ImportReport

MINUTE_MS = 60_000


class SyncPage(QWidget):
    synced = Signal()  # records may have changed: the other pages reload

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.options: SyncOptions | None = None  # tests give a fast retry policy or a transport here
        self.runner = SyncRunner(self)
        self.bundle_work = LongWork(self)  # USB bundles: written and read off the GUI thread
        self.bundle_work.failed.connect(self.banner_error)
        self.timer = QTimer(self)
        self._quiet = False
        self._build()
        self.runner.finished.connect(self._on_finished)
        self.runner.failed.connect(self._on_failed)
        self.runner.progressed.connect(self._on_progress)
        self.timer.timeout.connect(self._on_timer)
        self._apply_schedule()
        self._show_device()  # the lists are read when the page is shown

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.enroll_box = EnrollBox()
        self.enroll_box.enroll_requested.connect(self.enroll)
        self.banner = MessageBanner()
        self.tabs = QTabWidget()
        self.states = StatesPanel(self.workspace)
        self.conflicts = ConflictsPanel(self.workspace)
        self.findings = FindingsPanel(self.workspace)
        self.cases = CasesPanel(self.workspace)
        self.guardian = GuardianPanel(self.workspace)
        self.conflicts.resolved.connect(self._after_resolution)
        self.cases.changed.connect(self.reload)
        self.guardian.changed.connect(self.reload)
        for panel, title in ((self.states, self.tr("学生同步状态")), (self.conflicts, self.tr("冲突")),
                             (self.findings, self.tr("一人多籍提示")), (self.cases, self.tr("转学与审批")),
                             (self.guardian, self.tr("家长申请"))):
            self.tabs.addTab(panel, title)
        layout = QVBoxLayout(self)
        layout.addWidget(self.enroll_box)
        layout.addLayout(self._sync_row())
        layout.addLayout(self._schedule_row())
        layout.addLayout(self._bundle_row())
        layout.addWidget(self.banner)
        layout.addWidget(self.tabs, 1)

    def _sync_row(self) -> QHBoxLayout:
        self.sync_button = QPushButton(self.tr("立即同步"))
        self.print_button = QPushButton(self.tr("打印待上报清单…"))
        self.last_label = QLabel()
        self.counts_label = QLabel()
        self.sync_button.clicked.connect(self._on_sync_clicked)
        self.print_button.clicked.connect(self.print_pending)
        row = QHBoxLayout()
        for widget in (self.sync_button, self.print_button, self.last_label):
            row.addWidget(widget)
        row.addStretch()
        row.addWidget(self.counts_label)
        return row

    def _schedule_row(self) -> QHBoxLayout:
        self.auto = QCheckBox(self.tr("能连接学籍中心时自动同步，每隔"))
        self.auto.setChecked(settings.SYNC_AUTO.get())
        self.interval = QSpinBox(minimum=1, maximum=24 * 60, suffix=self.tr(" 分钟"))
        self.interval.setValue(settings.SYNC_INTERVAL_MINUTES.get())
        self.auto.toggled.connect(self._on_schedule_changed)
        self.interval.valueChanged.connect(self._on_schedule_changed)
        row = QHBoxLayout()
        row.addWidget(self.auto)
        row.addWidget(self.interval)
        row.addStretch()
        return row

    def _bundle_row(self) -> QHBoxLayout:
        self.export_bundle_button = QPushButton(self.tr("导出U盘数据包…"))
        self.import_bundle_button = QPushButton(self.tr("导入回执数据包…"))
        self.export_bundle_button.clicked.connect(self.export_bundle)
        self.import_bundle_button.clicked.connect(self.import_bundle)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("没有网络时：")))
        row.addWidget(self.export_bundle_button)
        row.addWidget(self.import_bundle_button)
        row.addStretch()
        return row

    # -- showing --------------------------------------------------------------------------

    def reload(self) -> None:
        self._show_device()
        counts = sync_counts(self.workspace)
        self.counts_label.setText(self.tr("待上报 {a} 条 · 待确认 {b} 条 · 冲突 {c} 项").format(
            a=counts.to_send, b=counts.awaiting, c=counts.conflicts_open))
        self.tabs.setTabText(1, self.tr("冲突（{n}）").format(n=counts.conflicts_open))
        self.tabs.setTabText(2, self.tr("一人多籍提示（{n}）").format(n=counts.findings))
        for panel in (self.states, self.conflicts, self.findings, self.cases, self.guardian):
            panel.reload()
        waiting = sum(r.action_needed for r in self.cases.rows)
        self.tabs.setTabText(3, self.tr("转学与审批（{n} 项待答复）").format(n=waiting) if waiting
                             else self.tr("转学与审批"))
        open_requests = sum(r.state == "open" and not r.answer_queued for r in self.guardian.rows)
        self.tabs.setTabText(4, self.tr("家长申请（{n}）").format(n=open_requests) if open_requests
                             else self.tr("家长申请"))

    def _show_device(self) -> None:
        info = device_info(self.workspace)
        self.enroll_box.show_device(info)
        enrolled = bool(info and info.enrolled)
        self.sync_button.setEnabled(enrolled and not self.runner.busy)
        self.export_bundle_button.setEnabled(enrolled)
        self.import_bundle_button.setEnabled(enrolled)
        self.last_label.setText(self._last_text(info))

    def _last_text(self, info: DeviceInfo | None) -> str:
        """When the registry was last reached, and how the last attempt ended."""
        moment = info.last_sync_at if info else None
        text = self.tr("从未同步") if moment is None else self.tr("上次同步：") + \
            f"{moment.replace(tzinfo=dt.UTC).astimezone():%Y-%m-%d %H:%M}"
        result = (info.last_result if info else None) or {}
        if "error" in result:
            params = {k: v for k, v in result.items() if k != "error"}
            return text + self.tr("；最近一次未完成：") + say(str(result["error"]), params)
        if "remaining" in result:
            remaining = int(result["remaining"])
            return text + (self.tr("，全部已确认") if not remaining
                           else self.tr("，{n} 条待确认").format(n=remaining))
        return text

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self.runner.busy:
            self.reload()

    # -- acting ---------------------------------------------------------------------------

    def enroll(self, server_url: str, code: str) -> bool:
        from desktop.sync.client import enroll

        options = self._options()
        self.banner.show_message(self.tr("正在注册…"), "info")
        return self._start(lambda _stop, _progress: enroll(
            self.workspace, server_url, code, transport=options.transport,
            policy=options.policy), quiet=False)

    def sync_now(self, quiet: bool = False) -> bool:
        """Start a sync in the background; False when one is running already."""
        from desktop.sync.client import sync_once

        options = self._options()
        typed = self.enroll_box.server.text().strip()
        info = device_info(self.workspace)
        moved = typed if info and info.enrolled and typed and typed != info.server_url else None
        if not quiet:
            self.banner.show_message(self.tr("正在同步…"), "info")
        return self._start(lambda stop, progress: sync_once(
            self.workspace, moved, replace(options, stop=stop, progress=progress)), quiet)

    def _options(self) -> SyncOptions:
        from desktop.sync.client import SyncOptions

        return self.options or SyncOptions()

    def _on_sync_clicked(self) -> None:
        self.sync_now()

    def print_pending(self) -> None:
        try:
            from desktop.printing import pending_changes  # reportlab: loaded when printing

            data = pending_changes.build(pending_list(self.workspace))
        except ServiceError as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        if self.send_to_printer(data):
            self.banner.show_message(self.tr("已发送到打印机。"), "info")

    def export_bundle(self) -> None:
        """Write the request bundle where the registrar chooses (normally the USB stick)."""
        info = device_info(self.workspace)
        if self._refuse_while_busy() or info is None:
            return
        path = self.ask_save_path(str(Path.home() / f"XJB1-{info.school_code}-request.xjb"))
        if path is None:
            return
        from desktop.sync.usb_bundles import export_request

        def write() -> None:
            data, _name = export_request(self.workspace)
            path.write_bytes(data)

        self.banner.clear_message()
        self.bundle_work.start(self.tr("正在导出U盘数据包……"), writing_to(path, write),
                               lambda _none: self._exported(path))

    def _exported(self, path: Path) -> None:
        self.banner.show_message(self.tr(
            "已导出U盘数据包（含 {n} 条待确认的变更）：{path}。请交县级学籍管理部门导入，"
            "再导入带回的回执数据包。").format(n=unacknowledged_count(self.workspace), path=path), "info")
        self.reload()

    def import_bundle(self) -> None:
        """Apply the reply bundle the county station wrote."""
        if self._refuse_while_busy():
            return
        path = self.ask_open_path()
        if path is None:
            return
        from desktop.sync.usb_bundles import import_reply

        def read_and_apply() -> ImportReport:
            try:
                data = read_chosen_file(path, MAX_BUNDLE_BYTES, "file.too_big", name=path.name,
                                        max_mb=MAX_BUNDLE_BYTES // (1024 * 1024))
            except OSError as exc:
                raise ServiceError("file.bundle_unreadable", path=str(path)) from exc
            return import_reply(self.workspace, data)

        self.banner.clear_message()
        self.bundle_work.start(self.tr("正在导入回执数据包……"), read_and_apply, self._imported)

    def _imported(self, report: ImportReport) -> None:
        self.banner.show_message(self._import_text(report),
                                 "info" if report.replayed or report.settled else "warning")
        self.reload()
        self.synced.emit()

    def banner_error(self, text: str) -> None:
        self.banner.show_message(text)

    def _import_text(self, report: ImportReport) -> str:
        if report.replayed:
            return say("bundle.replayed", {})
        text = self.tr("已导入回执数据包：采用 {applied}，重复 {duplicate}，退回 {rejected}，"
                       "冲突 {conflict}，暂存 {held}，接收 {received} 条。").format(**report.to_dict())
        if not report.settled:
            text += self.tr("还有 {n} 条变更未得到中心确认。").format(n=report.remaining)
        return text

    def _refuse_while_busy(self) -> bool:
        if self.bundle_work.busy:
            return True  # a bundle is being written or read: its progress window says so
        if self.runner.busy:
            self.banner.show_message(self.tr("正在同步，请等同步结束后再操作数据包。"), "warning")
        return self.runner.busy

    def ask_save_path(self, suggested: str) -> Path | None:
        """Seam for tests: where to write the request bundle (None: cancelled)."""
        return save_path(self, self.tr("导出U盘数据包"), suggested, self.tr("学籍数据包") + " (*.xjb)")

    def ask_open_path(self) -> Path | None:
        """Seam for tests: which reply bundle to import (None: cancelled)."""
        return open_path(self, self.tr("导入回执数据包"), self.tr("学籍数据包") + " (*.xjb)")

    def send_to_printer(self, data: bytes) -> bool:
        """Seam for tests: the system print dialog, then every page to the printer."""
        from desktop.views.print_pdf import print_pdf

        return print_pdf(self, data)

    def shutdown(self) -> None:
        """Before the workspace is locked: stop the timer and wait for the running job."""
        self.timer.stop()
        self.runner.shutdown()
        self.bundle_work.shutdown()

    def _start(self, work: Callable[[threading.Event, Callable[[str, int, int], None]], object],
               quiet: bool) -> bool:
        if self.bundle_work.busy or not self.runner.start(work):
            return False
        self._quiet = quiet
        self.sync_button.setEnabled(False)
        self.enroll_box.set_busy(True)
        self.conflicts.set_busy(True)
        return True

    # -- results --------------------------------------------------------------------------

    def _on_finished(self, result: object) -> None:
        from desktop.sync.client import Enrollment, SyncReport

        self._idle()
        if isinstance(result, SyncReport):
            self.banner.show_message(self._report_text(result), "info" if result.settled else "warning")
        elif isinstance(result, Enrollment):
            self.enroll_box.code.clear()
            self.banner.show_message(self.tr("已在学籍中心注册：{school}（{code}）。").format(
                school=result.school_name, code=result.school_code), "info")
        self.reload()
        self.synced.emit()

    def _on_failed(self, code: str, params: object) -> None:
        self._idle()
        self.reload()  # the last-sync line now says why the attempt did not finish
        if not self._quiet:
            self.banner.show_message(say(code, params if isinstance(params, dict) else {}))

    def _on_progress(self, stage: str, done: int, total: int) -> None:
        if self._quiet:
            return
        if stage == "push":
            text = self.tr("正在上报：{done}/{total}").format(done=done, total=total)
        else:
            text = self.tr("正在接收中心数据：{done} 条").format(done=done)
        self.banner.show_message(text, "info")

    def _report_text(self, report: SyncReport) -> str:
        text = self.tr("同步完成：上报 {sent} 条（采用 {applied}，重复 {duplicate}，退回 {rejected}，"
                       "冲突 {conflict}，暂存 {held}），接收 {pulled} 条。").format(**report.to_dict())
        if not report.settled:
            text += self.tr("还有 {n} 条变更未得到中心确认。").format(n=report.remaining)
        return text

    def _idle(self) -> None:
        self.enroll_box.set_busy(False)
        self.conflicts.set_busy(False)

    def _after_resolution(self) -> None:
        self.reload()
        self.synced.emit()

    # -- background schedule --------------------------------------------------------------

    def _on_schedule_changed(self) -> None:
        settings.SYNC_AUTO.set(self.auto.isChecked())
        settings.SYNC_INTERVAL_MINUTES.set(self.interval.value())
        self._apply_schedule()

    def _apply_schedule(self) -> None:
        self.timer.setInterval(self.interval.value() * MINUTE_MS)
        if self.auto.isChecked():
            self.timer.start()
        else:
            self.timer.stop()

    def _on_timer(self) -> None:
        info = device_info(self.workspace)
        if info is not None and info.enrolled and not self.runner.busy:
            self.sync_now(quiet=True)
