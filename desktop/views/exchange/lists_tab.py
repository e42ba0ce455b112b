"""名单: the short lists exchanged with the national system. The preschool matched list
(its five items become 受控字段 of the pupils' records) and the entrance handover list of
pupils admitted here are imported all or nothing, every refused row listed with its reason;
the handover list of this school's leaving pupils is exported as .xlsx. The listed pupils
without a record yet are shown, and each record is started from here: the preschool list's
five items filled and locked, the handover list's name and ID number filled (the record
takes the list's 个人标识码 when saved)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from desktop.domain.paper import paper_text
from desktop.exchange.intake_lists import HANDOVER_COLUMNS, PRESCHOOL_COLUMNS, read_list, write_list
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.services.reports.entrance_handover import handover_rows
from desktop.services.students.intake import (
    ListResult,
    WaitingPupil,
    import_handover,
    import_preschool,
    waiting_pupils,
)
from desktop.views.widgets import dialogs
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.forms import ReadOnlyTable
from desktop.views.wording import say, tr

PROBLEM_COLUMNS = ("行号", "列", "原因")
WAITING_COLUMNS = ("名单", "姓名", "性别", "出生日期", "身份证件号", "个人标识码")



class ListsTab(QWidget):
    imported = Signal()
    start_record = Signal(object)  # WaitingPupil: the listed pupil whose record is to begin

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.preschool_button = QPushButton(self.tr("导入学前教育匹配名单…"))
        self.handover_button = QPushButton(self.tr("导入初中入学交接名单…"))
        self.export_button = QPushButton(self.tr("导出本校小学毕业生交接名单…"))
        self.to_school = QLineEdit()
        self.to_school.setPlaceholderText(self.tr("录取学校标识码（可不填）"))
        self.to_school.setMaxLength(10)
        self.banner = MessageBanner()
        self.problems = ReadOnlyTable([tr(c) for c in PROBLEM_COLUMNS])
        note = QLabel(self.tr("学前教育匹配名单中的姓名、性别、出生日期、身份证件类型、身份证件号"
                              "导入后成为受控字段，只能按“更正受控字段”办理。"
                              "名单有一行有问题就整份不导入。"))
        note.setWordWrap(True)
        row = QHBoxLayout()
        for widget in (self.preschool_button, self.handover_button, self.export_button, self.to_school):
            row.addWidget(widget)
        row.addStretch()
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(note)
        layout.addWidget(self.banner)
        layout.addWidget(self.problems, 1)
        self.problems.hide()  # shown when a list has refused rows
        layout.addLayout(self._waiting_area())
        self.preschool_button.clicked.connect(lambda: self._choose(True))
        self.handover_button.clicked.connect(lambda: self._choose(False))
        self.export_button.clicked.connect(self.export_handover)

    def _waiting_area(self) -> QVBoxLayout:
        """The listed pupils without a record yet, and the button that starts one."""
        self.waiting: tuple[WaitingPupil, ...] = ()
        self.waiting_label = QLabel()
        self.waiting_table = ReadOnlyTable([tr(c) for c in WAITING_COLUMNS])
        self.start_button = QPushButton(self.tr("为所选学生建立学籍…"))
        self.start_button.setEnabled(False)
        self.waiting_table.itemSelectionChanged.connect(
            lambda: self.start_button.setEnabled(bool(self.waiting_table.selectedItems())))
        self.waiting_table.doubleClicked.connect(lambda _index: self.start_selected())
        self.start_button.clicked.connect(self.start_selected)
        heading = QHBoxLayout()
        heading.addWidget(self.waiting_label, 1)
        heading.addWidget(self.start_button)
        area = QVBoxLayout()
        area.addLayout(heading)
        area.addWidget(self.waiting_table, 1)
        self.reload()
        return area

    def reload(self) -> None:
        """The waiting pupils read again (after a list import or any saved record)."""
        self.waiting = waiting_pupils(self.workspace)
        self.waiting_label.setText(self.tr("名单中还没有建立学籍的学生：{n} 名"
                                           "（选中后点“为所选学生建立学籍”，名单上的项目已填好）").format(
            n=len(self.waiting)))
        self.waiting_table.fill([_waiting_row(pupil) for pupil in self.waiting])
        self.start_button.setEnabled(False)
        self.waiting_table.setVisible(bool(self.waiting))
        self.start_button.setVisible(bool(self.waiting))

    def start_selected(self) -> None:
        row = self.waiting_table.currentRow()
        if 0 <= row < len(self.waiting):
            self.start_record.emit(self.waiting[row])

    def _choose(self, preschool: bool) -> None:
        path = dialogs.open_path(self, self.tr("选择名单文件"), "Excel (*.xlsx *.xlsm *.xls)")
        if path is not None:
            self.load(path, preschool)

    def load(self, path: Path, preschool: bool) -> ListResult | None:
        """Import one list; shows what came of it."""
        columns = PRESCHOOL_COLUMNS if preschool else HANDOVER_COLUMNS
        read = import_preschool if preschool else import_handover
        self.problems.fill([])
        self.problems.hide()
        try:
            listing = read_list(path, columns)
            result = read(self.workspace, listing.rows, listing.file_name)
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return None
        self.problems.fill([(str(p.row), tr(p.column), say(p.code, dict(p.params)))
                            for p in result.refused])
        self.problems.setVisible(bool(result.refused))
        counts = self.tr("新增 {a} 名，与已有学生对应 {b} 名，已导入过 {c} 名。").format(
            a=result.added, b=result.linked, c=result.unchanged)
        if result.refused:
            self.banner.show_message(self.tr("名单有问题，没有导入任何记录：") + counts)
        else:
            self.banner.show_message(self.tr("已导入：") + counts, "info")
            self.reload()
            self.imported.emit()
        return result

    def export_handover(self) -> None:
        path = dialogs.save_path(self, self.tr("保存交接名单"),
                                 str(Path.home() / "初中入学交接名单.xlsx"), "Excel (*.xlsx)")
        if path is None:
            return
        try:
            count = write_list(path, HANDOVER_COLUMNS,
                               handover_rows(self.workspace, self.to_school.text().strip()))
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        except OSError:
            self.banner.show_message(say("file.write_failed", {"path": str(path)}))
            return
        self.banner.show_message(self.tr("已导出 {n} 名学生的交接名单到 ").format(n=count) + str(path),
                                 "info")


def _waiting_row(pupil: WaitingPupil) -> list[str]:
    values = {**pupil.cells, "名单": tr(pupil.list_name), "个人标识码": pupil.xjh or ""}
    return [paper_text(column, values.get(column, "")) for column in WAITING_COLUMNS]
