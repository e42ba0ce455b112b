"""导入: choose a workbook in the national template, see what importing it would do — each row
new, changed (with the items it changes), unchanged or refused with its reasons, and the
classes it would create — then import all or nothing, or only the valid rows when asked.
Refused rows can be saved as a copy of the workbook with an error column.

The workbook is read and planned off the GUI thread (LongWork: the window keeps painting, a
progress window appears after half a second); `planned` says when a preview is shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.grades import GradeRef, SchoolSystem
from desktop.exchange.error_report import problem_text, write_error_report
from desktop.exchange.files import Preview, apply_workbook, preview_import, read_import
from desktop.exchange.xlsx_reader import SheetData
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.services.importing.plan import PlannedRow, RowAction
from desktop.services.importing.profiles import TemplateProfile, profile_for, save_profile
from desktop.services.students.school import list_classes, school_info
from desktop.views.exchange.layout_box import LayoutBox
from desktop.views.widgets import dialogs
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.forms import ReadOnlyTable
from desktop.views.widgets.long_work import LongWork
from desktop.views.wording import say, tr

ROW_COLUMNS = ("行号", "处理", "姓名", "班级", "说明")
DIFF_COLUMNS = ("项目", "原值", "新值")
FILTERS = ("全部行", "有问题的行", "新增", "更新", "未变")
_COLOURS = {RowAction.REFUSED: QColor("#fdecec"), RowAction.CHANGED: QColor("#fff6e0"),
            RowAction.NEW: QColor("#eaf7ea")}


class ImportTab(QWidget):
    imported = Signal(object)  # a Changed: the pupils the import wrote
    planned = Signal()  # a file was read and its preview (or why it has none) is shown

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.preview: Preview | None = None
        self.sheet: SheetData | None = None
        self.profile: TemplateProfile | None = None  # what the file's own columns hold
        self.path: Path | None = None
        self.class_grades: dict[str, GradeRef] = {}  # chosen for class names without a grade
        self.shown: list[PlannedRow] = []
        self.work = LongWork(self)  # reading and planning a workbook runs off the GUI thread
        self.work.failed.connect(self._not_planned)
        self._build()
        self._update_buttons()

    def _build(self) -> None:
        self.choose_button = QPushButton(self.tr("选择 Excel 文件…"))
        self.file_label = QLabel(self.tr("按国家学籍系统的学生信息模板导入；导入前先预览，不会直接写入。"))
        self.file_label.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.filter = QComboBox()
        self.filter.addItems([tr(f) for f in FILTERS])
        self.rows = ReadOnlyTable([tr(c) for c in ROW_COLUMNS])
        self.diffs = ReadOnlyTable([tr(c) for c in DIFF_COLUMNS])
        self.skip_invalid = QCheckBox(self.tr("只导入没有问题的行（有问题的行不导入）"))
        self.import_button = QPushButton(self.tr("导入"))
        self.report_button = QPushButton(self.tr("保存错误报告…"))
        self.banner = MessageBanner()
        self.grade_box = QGroupBox(self.tr("这些班级名称看不出年级，请选择："))
        self.grade_form = QFormLayout(self.grade_box)
        self.grade_box.setVisible(False)  # shown only when a chosen file has such classes
        self.grade_combos: dict[str, QComboBox] = {}
        self.replan_button: QPushButton | None = None
        self.layout_box = LayoutBox()
        self.layout_box.applied.connect(self.apply_layout)
        self._layout()
        self.choose_button.clicked.connect(self.choose_file)
        self.filter.currentIndexChanged.connect(lambda _i: self._fill_rows())
        self.rows.itemSelectionChanged.connect(self._show_diffs)
        self.skip_invalid.toggled.connect(lambda _on: self._update_buttons())
        self.import_button.clicked.connect(self.run_import)
        self.report_button.clicked.connect(self.save_report)

    def _layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.summary, 1)
        middle.addWidget(self.filter)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.rows)
        splitter.addWidget(self.diffs)
        splitter.setSizes([400, 150])
        bottom = QHBoxLayout()
        bottom.addWidget(self.skip_invalid)
        bottom.addStretch()
        bottom.addWidget(self.report_button)
        bottom.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        for part in (top, middle):
            layout.addLayout(part)
        layout.addWidget(self.banner)
        layout.addWidget(self.layout_box)
        layout.addWidget(self.grade_box)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

    # -- reading and previewing -----------------------------------------------------------

    def choose_file(self) -> None:
        path = self.ask_open_path()
        if path is not None:
            self.load(path)

    def load(self, path: Path) -> None:
        """Read and plan the workbook; nothing is written."""
        self.path, self.class_grades, self.profile = path, {}, None
        self._plan(path)

    def replan_with_grades(self) -> None:
        """Plan the same file again with the grades chosen for the unplaced classes."""
        for name, combo in self.grade_combos.items():
            self.class_grades[name] = combo.currentData()
        if self.path is not None:
            self._plan(self.path)

    def apply_layout(self) -> None:
        """Read the file again with what the registrar said about its columns (and save that
        as a template profile when it was given a name)."""
        unanswered = self.layout_box.unanswered()
        if unanswered:
            self.banner.show_message(self.tr("请为这些列选择对应的项目或“不导入”：") + "、".join(unanswered))
            return
        profile = self.layout_box.profile()
        if self.layout_box.wants_saving():
            try:
                save_profile(self.workspace, profile)
            except (ServiceError, StoreError) as exc:
                self.banner.show_message(say(exc.code, exc.params))
                return
        self.profile = profile
        if self.path is not None:
            self._plan(self.path)

    def _plan(self, path: Path) -> None:
        """Read and plan `path` in the background; the preview is shown when it is done."""
        self.banner.clear_message()
        self.sheet = self.preview = None
        self._update_buttons()  # the earlier preview cannot be imported while this one is read
        profile, grades, codes = self.profile, dict(self.class_grades), self._class_codes()

        def work() -> tuple[SheetData, TemplateProfile | None, Preview]:
            sheet, used = self._read(path, profile)
            return sheet, used, preview_import(self.workspace, sheet, class_grades=grades,
                                               class_codes=codes)

        if self.work.start(self.tr("正在读取 {name}……").format(name=path.name), work, self._planned):
            self._set_choosing(False)

    def _planned(self, result: tuple[SheetData, TemplateProfile | None, Preview]) -> None:
        self.sheet, self.profile, self.preview = result
        self._after_plan()

    def _not_planned(self, text: str) -> None:
        self.banner.show_message(text)
        self._after_plan()

    def _after_plan(self) -> None:
        self._set_choosing(True)
        if self.path is not None:
            self.file_label.setText(str(self.path))
        codes = self.preview.unresolved_codes if self.preview else ()
        self.layout_box.show_for(self.sheet, self.profile, codes,
                                 [c.name for c in list_classes(self.workspace)])
        self._show_plan()
        self.planned.emit()

    def _set_choosing(self, enabled: bool) -> None:
        """One file at a time: choosing another waits until this one is read."""
        for widget in (self.choose_button, self.layout_box, self.grade_box):
            widget.setEnabled(enabled)

    def _read(self, path: Path, profile: TemplateProfile | None) -> tuple[SheetData, TemplateProfile | None]:
        """The sheet, read with the profile in use or the one saved for its headers."""
        sheet = read_import(path, profile)
        if profile is None and sheet.unknown:
            profile = profile_for(self.workspace, sheet.headers)
            if profile is not None:
                sheet = read_import(path, profile)
        return sheet, profile

    def _class_codes(self) -> dict[str, str]:
        return dict(self.profile.class_codes) if self.profile else {}

    def _show_plan(self) -> None:
        self.skip_invalid.setChecked(False)
        self._fill_grade_choices()
        self._fill_rows()
        self._update_buttons()
        if self.preview is None:
            self.summary.clear()
            return
        plan = self.preview.plan
        counts = "　".join(f"{tr(a.label)} {plan.count(a)}" for a in RowAction)
        classes = "、".join(f"{c.name}（{c.grade}）" for c in plan.new_classes)
        text = self.tr("共 {n} 行：").format(n=len(plan.rows)) + counts
        if classes:
            text += "\n" + self.tr("将新建班级：") + classes
        if self.profile is not None and self.profile.name:
            text += "\n" + self.tr("已按导入模板“{name}”读取。").format(name=self.profile.name)
        unknown = [header for _column, header in self.preview.sheet.unknown]
        left_out = [header for header in self.preview.sheet.ignored if header not in unknown]
        if left_out:
            text += "\n" + self.tr("不导入的列：") + "、".join(left_out)
        if unknown:
            text += "\n" + self.tr("请先在上面说明这些列，才能导入：") + "、".join(unknown)
        self.summary.setText(text)

    def _fill_grade_choices(self) -> None:
        while self.grade_form.rowCount():
            self.grade_form.removeRow(0)
        self.grade_combos = {}
        names = self.preview.plan.unplaced_classes if self.preview else ()
        info = school_info(self.workspace)
        grades = SchoolSystem.parse(info.system, ",".join(info.stages)).grades()
        for name in names:
            combo = QComboBox()
            for grade in grades:
                combo.addItem(tr(grade.name()), grade)
            self.grade_combos[name] = combo
            self.grade_form.addRow(name, combo)
        if names:
            self.replan_button = QPushButton(self.tr("按所选年级重新预览"))
            self.replan_button.clicked.connect(self.replan_with_grades)
            self.grade_form.addRow(self.replan_button)
        self.grade_box.setVisible(bool(names))

    def _fill_rows(self) -> None:
        rows = self.preview.plan.rows if self.preview else ()
        wanted = self.filter.currentIndex()
        self.shown = [row for row in rows if _passes(row, wanted)]
        self.rows.setRowCount(len(self.shown))
        for index, row in enumerate(self.shown):
            texts = (str(row.row), tr(row.action.label), row.name, row.class_name, _note(row))
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                if row.action in _COLOURS:
                    item.setBackground(QBrush(_COLOURS[row.action]))
                self.rows.setItem(index, column, item)
        self.diffs.setRowCount(0)

    def _show_diffs(self) -> None:
        selected = self.rows.currentRow()
        row = self.shown[selected] if 0 <= selected < len(self.shown) else None
        self.diffs.fill([(d.header, d.old, d.new) for d in row.diffs] if row else [])

    def _update_buttons(self) -> None:
        plan = self.preview.plan if self.preview else None
        writes = bool(plan and (plan.count(RowAction.NEW) or plan.count(RowAction.CHANGED)))
        blocked = bool(plan and plan.refused and not self.skip_invalid.isChecked())
        unseen = bool(self.sheet and self.sheet.unknown)  # columns not yet said what they hold
        self.import_button.setEnabled(writes and not blocked and not unseen)
        self.report_button.setEnabled(bool(plan and plan.problems_by_row()))
        self.skip_invalid.setEnabled(bool(plan and plan.refused))

    # -- writing --------------------------------------------------------------------------

    def run_import(self) -> None:
        if self.preview is None:
            return
        plan = self.preview.plan
        question = self.tr("将新增 {new} 名学生、更新 {changed} 名学生的信息。确定导入吗？").format(
            new=plan.count(RowAction.NEW), changed=plan.count(RowAction.CHANGED))
        if not self.confirm(question):
            return
        try:
            result = apply_workbook(self.workspace, self.preview.sheet, expected=plan,
                                    skip_invalid=self.skip_invalid.isChecked(),
                                    class_grades=self.class_grades,
                                    class_codes=self._class_codes())
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        self.preview = None
        self._show_plan()
        self.banner.show_message(self.tr("已导入：新增 {new} 名，更新 {changed} 名。").format(
            new=len(result.created), changed=len(result.updated)), "info")
        self.imported.emit(result.changed)

    def save_report(self) -> None:
        if self.preview is None:
            return
        stem = Path(self.preview.sheet.file_name).stem
        path = self.ask_save_path(str(Path.home() / f"{stem}-错误报告.xlsx"))
        if path is None:
            return
        try:
            count = write_error_report(path, self.preview.sheet, self.preview.plan)
        except OSError:
            self.banner.show_message(say("file.write_failed", {"path": str(path)}))
            return
        self.banner.show_message(self.tr("已保存错误报告（{n} 行有问题）到 ").format(n=count) + str(path),
                                 "info")

    # -- seams for the system dialogs -----------------------------------------------------

    def confirm(self, text: str) -> bool:
        return dialogs.confirm(self, text, self.tr("导入"))

    def ask_open_path(self) -> Path | None:
        return dialogs.open_path(self, self.tr("选择要导入的 Excel 文件"), "Excel (*.xlsx *.xlsm *.xls)")

    def ask_save_path(self, suggested: str) -> Path | None:
        return dialogs.save_path(self, self.tr("保存错误报告"), suggested, "Excel (*.xlsx)")


def _passes(row: PlannedRow, wanted: int) -> bool:
    if wanted == 1:
        return bool(row.problems or row.warnings)
    chosen = {2: RowAction.NEW, 3: RowAction.CHANGED, 4: RowAction.UNCHANGED}.get(wanted)
    return chosen is None or row.action is chosen


def _note(row: PlannedRow) -> str:
    if row.problems or row.warnings:
        return problem_text([*row.problems, *row.warnings])
    if row.diffs:
        return "、".join(d.header for d in row.diffs)
    return ""
