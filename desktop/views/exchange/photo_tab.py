"""照片: a folder of camera photos matched to pupils, stored by the national size rule and
zipped per class for upload (desktop.exchange.photo_workshop).

Files named by ID number or by a pupil's name are matched at once; the others are matched by
hand: select a photo (it is shown), pick the pupil from the class list (pupils still without
a photo first) and press 对应. Storing shows progress and can be cancelled; the originals are
only read. The register's photos, old and new, are exported one zip per class."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.exchange.photo_workshop import Match, match_files, photo_files, store_photos, zip_per_class
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.services.students.photo_targets import PhotoTarget, photo_targets
from desktop.services.students.school import list_classes
from desktop.views.printing.batch import Batch, BatchCancelled
from desktop.views.widgets import dialogs
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.forms import ReadOnlyTable
from desktop.views.wording import say, tr

COLUMNS = ("照片文件", "对应学生", "班级", "对应方式")
PREVIEW = (195, 240)


class PhotoTab(QWidget):
    stored = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.folder: Path | None = None
        self.matches: list[Match] = []
        self.targets: list[PhotoTarget] = []
        self.batch = Batch(self)
        self._build()

    def _build(self) -> None:
        self.choose_button = QPushButton(self.tr("选择照片文件夹…"))
        self.class_combo = QComboBox()
        self.folder_label = QLabel(self.tr("选择相机或照相馆给的照片文件夹；原照片只读取，不会改动。"))
        self.folder_label.setWordWrap(True)
        self.table = ReadOnlyTable([tr(c) for c in COLUMNS])
        self.preview = QLabel(self.tr("照片"))
        self.preview.setFixedSize(*PREVIEW)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border:1px solid #bbb;background:#f4f7fb;")
        self.pupil_combo = QComboBox()
        self.assign_button = QPushButton(self.tr("对应到这名学生"))
        self.store_button = QPushButton()
        self.zip_button = QPushButton(self.tr("按班打包导出…"))
        self.banner = MessageBanner()
        self._layout()
        self.choose_button.clicked.connect(self.choose_folder)
        self.class_combo.currentIndexChanged.connect(lambda _i: self.rematch())
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.assign_button.clicked.connect(self.assign_selected)
        self.store_button.clicked.connect(self.store)
        self.zip_button.clicked.connect(self.export_zips)
        self.reload()

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(QLabel(self.tr("班级：")))
        top.addWidget(self.class_combo)
        top.addWidget(self.folder_label, 1)
        side = QVBoxLayout()
        side.addWidget(self.preview)
        side.addWidget(QLabel(self.tr("逐个对应：选中照片，再选学生")))
        side.addWidget(self.pupil_combo)
        side.addWidget(self.assign_button)
        side.addStretch()
        middle = QHBoxLayout()
        middle.addWidget(self.table, 1)
        middle.addLayout(side)
        bottom = QHBoxLayout()
        bottom.addStretch()
        bottom.addWidget(self.zip_button)
        bottom.addWidget(self.store_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.banner)
        layout.addLayout(middle, 1)
        layout.addLayout(bottom)

    def reload(self) -> None:
        """Refill the class list (after imports)."""
        current = self.class_combo.currentData()
        self.class_combo.blockSignals(True)
        self.class_combo.clear()
        self.class_combo.addItem(self.tr("全部班级"), None)
        for info in list_classes(self.workspace):
            self.class_combo.addItem(info.name, info.name)
        self.class_combo.setCurrentIndex(max(0, self.class_combo.findData(current)))
        self.class_combo.blockSignals(False)
        self._update()

    # -- matching ------------------------------------------------------------------------

    def choose_folder(self) -> None:
        folder = dialogs.folder_path(self, self.tr("选择照片文件夹"), str(Path.home()))
        if folder is not None:
            self.load(folder)

    def load(self, folder: Path) -> None:
        self.folder = folder
        self.folder_label.setText(str(folder))
        self.rematch()

    def rematch(self) -> None:
        """Match the folder's files against the chosen class (or the whole school)."""
        self.banner.clear_message()
        try:
            self.targets = photo_targets(self.workspace, self.class_combo.currentData())
            files = photo_files(self.folder) if self.folder else []
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            files = []
        self.matches = match_files(files, self.targets)
        self._fill()

    def assign_selected(self) -> None:
        row, target = self.table.currentRow(), self.pupil_combo.currentData()
        if not 0 <= row < len(self.matches) or target is None:
            return
        self.matches[row] = Match(self.matches[row].path, target, tr("手工"))
        self._fill()
        following = next((i for i in range(row + 1, len(self.matches))
                          if self.matches[i].target is None), row)
        self.table.selectRow(following)  # on to the next photo still to be matched

    def _fill(self) -> None:
        rows = [(m.path.name, m.target.name if m.target else "",
                 m.target.class_name if m.target else "", tr(m.how) if m.target else tr("待对应"))
                for m in self.matches]
        self.table.fill(rows)
        taken = {m.target.id for m in self.matches if m.target}
        self.pupil_combo.clear()
        for target in sorted(self.targets, key=lambda t: (t.id in taken or t.has_photo)):
            mark = "✓ " if (target.id in taken or target.has_photo) else ""
            self.pupil_combo.addItem(f"{mark}{target.class_name} {target.name}", target)
        self._update()

    def _show_selected(self) -> None:
        row = self.table.currentRow()
        pixmap = QPixmap(str(self.matches[row].path)) if 0 <= row < len(self.matches) else QPixmap()
        if pixmap.isNull():
            self.preview.setText(self.tr("照片"))
            return
        self.preview.setPixmap(pixmap.scaled(*PREVIEW, Qt.AspectRatioMode.KeepAspectRatio,
                                             Qt.TransformationMode.SmoothTransformation))

    def _update(self) -> None:
        matched = sum(1 for m in self.matches if m.target)
        self.store_button.setText(self.tr("整理并保存到学籍（{n} 张）").format(n=matched))
        self.store_button.setEnabled(matched > 0)

    # -- storing and exporting -----------------------------------------------------------

    def store(self) -> None:
        pairs = [(m.path, m.target.id) for m in self.matches if m.target]
        try:
            failed = self.batch.render(self.tr("正在整理照片…"),
                                       lambda: store_photos(self.workspace, pairs, self.batch.step))
        except BatchCancelled:
            self.banner.show_message(self.tr("已停止；停止前的照片已保存。"), "info")
            return
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        self.rematch()  # the pupils who now have a photo move down the list
        text = self.tr("已保存 {n} 张照片（26×32 mm，小于 60 KB）。").format(n=len(pairs) - len(failed))
        if failed:
            text += self.tr("这些文件读不出，未保存：") + "、".join(p.name for p, _code in failed)
        self.banner.show_message(text, "warning" if failed else "info")
        self.stored.emit()

    def export_zips(self) -> None:
        folder = dialogs.folder_path(self, self.tr("选择保存压缩包的文件夹"), str(Path.home()))
        if folder is None:
            return
        try:
            zips = self.batch.render(self.tr("正在打包…"), lambda: zip_per_class(
                self.workspace, folder, self.class_combo.currentData(), self.batch.step))
        except BatchCancelled:
            self.banner.show_message(self.tr("已停止打包。"), "info")
            return
        except (ServiceError, StoreError, OSError) as exc:
            code = getattr(exc, "code", "file.write_failed")
            self.banner.show_message(say(code, getattr(exc, "params", {"path": str(folder)})))
            return
        self.banner.show_message(self.tr("已按班打包 {n} 个压缩包到 ").format(n=len(zips)) + str(folder),
                                 "info")
