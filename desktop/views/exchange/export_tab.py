"""导出: write students to an .xlsx (or an .xls, desktop.exchange.xls_writer) in the national
template — everyone, one class, or only the new and changed students not yet confirmed by
the registry."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.files import export_workbook
from desktop.exchange.photo_folder import export_photo_folder
from desktop.services.context import Workspace
from desktop.services.importing.profiles import preferred_export_format
from desktop.services.reports.export_selection import ExportSelection
from desktop.services.students.school import list_classes, school_info
from desktop.views.widgets import dialogs
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.long_work import LongWork, writing_to
from desktop.views.wording import tr

CHOICES = ("全部学生", "一个班级", "新增和修改过、尚未上报的学生")


class ExportTab(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.choices = QButtonGroup(self)
        self.klass = QComboBox()
        self.export_button = QPushButton(self.tr("导出…"))
        self.photos_button = QPushButton(self.tr("导出照片文件夹…"))
        self.banner = MessageBanner()
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("按国家学籍系统的学生信息模板导出：身份证件号、电话为文本格式，代码列带下拉选项。")))
        for index, label in enumerate(CHOICES):
            button = QRadioButton(tr(label))
            self.choices.addButton(button, index)
            row = QHBoxLayout()
            row.addWidget(button)
            if index == 1:
                row.addWidget(self.klass)
            row.addStretch()
            layout.addLayout(row)
        self.choices.button(0).setChecked(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addWidget(self.photos_button)
        buttons.addStretch()
        layout.addLayout(buttons)
        layout.addWidget(self.banner)
        layout.addStretch()
        self.export_button.clicked.connect(self.export)
        self.work = LongWork(self)  # the export runs off the GUI thread
        self.work.failed.connect(self.banner.show_message)
        self.work.finished.connect(lambda: self._set_exporting(False))
        self.photos_button.clicked.connect(self.export_photos)
        self.reload()

    def reload(self) -> None:
        chosen = self.klass.currentText()
        self.klass.clear()
        self.klass.addItems([info.name for info in list_classes(self.workspace)])
        self.klass.setCurrentIndex(max(self.klass.findText(chosen), 0))

    def selection(self) -> tuple[ExportSelection, str]:
        """What to export, and a name for the file."""
        choice = self.choices.checkedId()
        if choice == 1:
            return ExportSelection(class_name=self.klass.currentText()), self.klass.currentText()
        if choice == 2:
            return ExportSelection(pending_only=True), tr("待上报")
        return ExportSelection(), tr("全部学生")

    def export(self) -> None:
        selection, label = self.selection()
        school = school_info(self.workspace)
        suffix = preferred_export_format(self.workspace)
        path = self.ask_save_path(str(Path.home() / f"{school.name}-{label}.{suffix}"))
        if path is None:
            return
        if path.suffix.lower() not in (".xls", ".xlsx"):  # a name typed without its ending
            path = path.with_name(f"{path.name}.{suffix}")
        self.banner.clear_message()
        self._set_exporting(True)
        self.work.start(self.tr("正在导出……"),
                        writing_to(path, lambda: export_workbook(self.workspace, path, selection)),
                        lambda count: self.banner.show_message(
                            self.tr("已导出 {n} 名学生到 ").format(n=count) + str(path), "info"))

    def export_photos(self) -> None:
        """The photo folder of everyone, or of the chosen class (the national photo rule)."""
        class_name = self.klass.currentText() if self.choices.checkedId() == 1 else None
        folder = self.ask_folder()
        if folder is None:
            return
        self.banner.clear_message()
        self._set_exporting(True)
        self.work.start(self.tr("正在导出照片……"),
                        writing_to(folder, lambda: export_photo_folder(self.workspace, folder, class_name)),
                        lambda count: self.banner.show_message(
                            self.tr("已导出 {n} 张照片到 ").format(n=count) + str(folder), "info"))

    def _set_exporting(self, busy: bool) -> None:
        """One export at a time: both buttons wait while one runs."""
        self.export_button.setEnabled(not busy)
        self.photos_button.setEnabled(not busy)

    def ask_folder(self) -> Path | None:
        return dialogs.folder_path(self, self.tr("照片导出到"), str(Path.home()))

    def ask_save_path(self, suggested: str) -> Path | None:
        """Where to save; the suggested name's format (.xlsx, or .xls when the school's saved
        import template came as .xls) is the filter offered first."""
        filters = [self.tr("Excel 工作簿 (*.xlsx)"), self.tr("Excel 97-2003 工作簿 (*.xls)")]
        if suggested.endswith(".xls"):
            filters.reverse()
        return dialogs.save_path(self, self.tr("导出"), suggested, ";;".join(filters))
