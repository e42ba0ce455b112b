"""扫描件 of one student's folder: add a JPG, PNG or PDF scan to a document of the checklist,
and save a copy of an attached scan where the registrar chooses (nothing else is written to
disk: scans live in the encrypted database)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from desktop.services.archive.scans import MAX_BYTES, attach_scan, scan_bytes
from desktop.services.archive.shapes import CHECKLIST, KINDS, ArchiveRegister, Scan
from desktop.services.chosen_file import read_chosen_file
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.views.archive.common import attempt, day_text, size_text
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.dialogs import open_path, save_path
from desktop.views.widgets.forms import ReadOnlyTable
from desktop.views.wording import say, tr

COLUMNS = ("材料", "文件名", "类型", "大小", "添加日期")
TYPES = {"image/jpeg": "JPG", "image/png": "PNG", "application/pdf": "PDF"}


class ScansTab(QWidget):
    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.register: ArchiveRegister | None = None
        self.kind = QComboBox()
        for kind in CHECKLIST:
            self.kind.addItem(tr(kind.label), kind.code)
        self.table = ReadOnlyTable([tr(c) for c in COLUMNS])
        self.add_button = QPushButton(self.tr("添加扫描件…"))
        self.save_button = QPushButton(self.tr("另存为…"))
        self.banner = MessageBanner()
        self.add_button.clicked.connect(self.add_scan)
        self.save_button.clicked.connect(self.save_selected)
        top = QHBoxLayout()
        top.addWidget(self.kind, 1)
        top.addWidget(self.add_button)
        top.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.banner)

    def set_writable(self, writable: bool) -> None:
        self.add_button.setEnabled(writable)

    def show_register(self, register: ArchiveRegister | None) -> None:
        self.register = register
        scans = register.scans if register else ()
        self.table.fill([(tr(KINDS[s.kind].label), s.file_name, TYPES.get(s.mime, s.mime),
                          size_text(s.size), day_text(s.added_at)) for s in scans])

    def selected_scan(self) -> Scan | None:
        row = self.table.currentRow()
        scans = self.register.scans if self.register else ()
        return scans[row] if 0 <= row < len(scans) else None

    # -- adding ---------------------------------------------------------------------------

    def add_scan(self) -> None:
        path = self.ask_scan_path()
        if path is not None:
            self.add_scan_file(path)

    def add_scan_file(self, path: Path) -> bool:
        """Attach the file at `path` to the document chosen above; True if it was added."""
        if self.register is None:
            return False
        try:
            data = read_chosen_file(path, MAX_BYTES, "archive.scan_too_big",
                                    max_mb=MAX_BYTES // (1024 * 1024))
        except ServiceError as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return False
        except OSError:
            self.banner.show_message(say("store.io"))
            return False
        student, kind = self.register.student_id, self.kind.currentData()
        added = attempt(self.banner, lambda: attach_scan(self.workspace, student, kind, data,
                                                         path.name), self.tr("已添加扫描件。"))
        if added:
            self.changed.emit()
        return added

    # -- saving a copy --------------------------------------------------------------------

    def save_selected(self) -> None:
        scan = self.selected_scan()
        if scan is None:
            self.banner.show_message(self.tr("请先在列表中选择一份扫描件。"), "warning")
            return
        target = self.ask_save_path(scan.file_name)
        if target is not None:
            self.save_scan_to(scan, target)

    def save_scan_to(self, scan: Scan, target: Path) -> None:
        done = self.tr("已保存到 {path}").format(path=str(target))
        try:
            attempt(self.banner, lambda: target.write_bytes(scan_bytes(self.workspace, scan.id)[1]),
                    done)
        except OSError:
            self.banner.show_message(say("store.io"))

    # -- seams for the system dialogs -----------------------------------------------------

    def ask_scan_path(self) -> Path | None:
        return open_path(self, self.tr("选择扫描件"), self.tr("扫描件 (*.jpg *.jpeg *.png *.pdf)"))

    def ask_save_path(self, suggested: str) -> Path | None:
        return save_path(self, self.tr("扫描件另存为"), suggested, "")
