"""The file dialogs in Chinese on every system.

Windows and macOS show their own (native, in the system's language). Elsewhere Qt draws the
dialog, and Qt's shipped zh_CN catalogue misses a few of its strings (the labels with an
accelerator, "Folder"); those come from resources/translations/qt_zh_CN_extra.csv, and the
size and date columns are written as a Chinese registrar reads them (12.3 KB, 2026-12-07 13:41).
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QIdentityProxyModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QTranslator
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QTreeView, QWidget

from desktop.domain.data import resource_dir

NATIVE = sys.platform in ("win32", "darwin")
SIZE, TYPE, DATE = 1, 2, 3  # QFileSystemModel's columns
WIDEST_TYPE = "Excel 2007 电子表格"  # the type of a workbook, as the system names it in Chinese
Index = QModelIndex | QPersistentModelIndex


class ExtraQtTranslator(QTranslator):
    """Qt's own strings missing from qtbase_zh_CN (installed before it, so asked after it)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        with (resource_dir() / "translations" / "qt_zh_CN_extra.csv").open(encoding="utf-8") as f:
            self.texts = {(row["context"], row["source"]): row["translation"] for row in csv.DictReader(f)}
        self.contexts = {context for context, _source in self.texts}

    def translate(self, context: str, source: str, disambiguation: str | None = None,  # noqa: ARG002
                  n: int = -1) -> str | None:  # noqa: ARG002 (Qt's signature)
        """None (a null QString) when there is nothing to add: an empty string would be taken
        as the translation and blank every app string."""
        if context not in self.contexts:  # the app's own strings: nothing to do, quickly
            return None
        return self.texts.get((context, source))

    def isEmpty(self) -> bool:
        return False


def readable_size(size: int) -> str:
    """12 字节, 1.5 KB, 3.2 MB, 1.1 GB (1 KB = 1024 字节, as Windows counts)."""
    if size < 1024:
        return f"{size} 字节"
    for unit in ("KB", "MB", "GB"):
        size_f = size / 1024
        if size_f < 1024 or unit == "GB":
            return f"{size_f:.1f} {unit}"
        size = int(size_f)
    return ""  # pragma: no cover (the loop always returns)


class ChineseColumns(QIdentityProxyModel):
    """The file list with sizes and dates written the Chinese way."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and index.column() in (SIZE, DATE):
            model = self.sourceModel()
            source = self.mapToSource(index)
            if isinstance(model, QFileSystemModel):
                if index.column() == DATE:
                    return model.lastModified(source).toString("yyyy-MM-dd HH:mm")
                return "" if model.isDir(source) else readable_size(model.size(source))
        return super().data(index, role)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """大小, not Qt's 体积 (a volume, in the zh_CN catalogue)."""
        if (role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal
                and section == SIZE):
            return self.tr("大小")
        return super().headerData(section, orientation, role)


def _dialog(parent: QWidget | None, title: str, start: str, filters: str) -> QFileDialog:
    dialog = QFileDialog(parent, title, start, filters)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    dialog.setProxyModel(ChineseColumns(dialog))
    view = dialog.findChild(QTreeView)
    if view is not None:  # whole dates and types: 2026-12-07 14:34, not "2026-1…" or "Ex…表格"
        width = view.fontMetrics().horizontalAdvance
        view.header().resizeSection(TYPE, width(WIDEST_TYPE) + 24)
        view.header().resizeSection(DATE, width("2026-12-07 14:34") + 24)
    return dialog


def _chosen(dialog: QFileDialog) -> Path | None:
    files = dialog.selectedFiles() if dialog.exec() == QFileDialog.DialogCode.Accepted else []
    return Path(files[0]) if files else None


def open_file(parent: QWidget | None, title: str, start: str, filters: str) -> Path | None:
    if NATIVE:
        name, _filter = QFileDialog.getOpenFileName(parent, title, start, filters)
        return Path(name) if name else None
    dialog = _dialog(parent, title, start, filters)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    return _chosen(dialog)


def save_file(parent: QWidget | None, title: str, suggested: str, filters: str) -> Path | None:
    if NATIVE:
        name, _filter = QFileDialog.getSaveFileName(parent, title, suggested, filters)
        return Path(name) if name else None
    dialog = _dialog(parent, title, suggested, filters)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    return _chosen(dialog)


def choose_folder(parent: QWidget | None, title: str, start: str) -> Path | None:
    if NATIVE:
        name = QFileDialog.getExistingDirectory(parent, title, start)
        return Path(name) if name else None
    dialog = _dialog(parent, title, start, "")
    dialog.setFileMode(QFileDialog.FileMode.Directory)
    dialog.setOption(QFileDialog.Option.ShowDirsOnly)
    return _chosen(dialog)
