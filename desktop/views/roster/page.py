"""The roster page: search as you type, filters by grade, class, status and flags, the table.

Keyboard: Ctrl+F focuses the search; in it, ↓ moves to the first result and Enter opens the
only match or moves to the first of several; arrows move, Enter opens the student, Ctrl+N adds
one.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.status import Status
from desktop.services.context import Workspace
from desktop.services.students.id_policy import full_ids_allowed
from desktop.services.students.read import FLAG_CONDITIONS, StudentQuery
from desktop.services.students.school import list_classes
from desktop.views.roster.table_model import RosterModel, StudentIdRole
from desktop.views.widgets.search_box import SearchBox
from desktop.views.wording import tr


class RosterTable(QTableView):
    open_requested = Signal(str)
    print_requested = Signal(str)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        """打开 / 打印… for the row under the pointer."""
        index = self.indexAt(event.pos())
        if not index.isValid():
            return
        student_id = index.data(StudentIdRole)
        menu = QMenu(self)
        menu.addAction(self.tr("打开"), lambda: self.open_requested.emit(student_id))
        menu.addAction(self.tr("打印…"), lambda: self.print_requested.emit(student_id))
        menu.exec(event.globalPos())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex().data(StudentIdRole))
            return
        super().keyPressEvent(event)


class RosterPage(QWidget):
    open_student = Signal(str)
    print_student = Signal(str)
    new_student = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.model = RosterModel(workspace, self)
        self.search = SearchBox()
        self.search.setPlaceholderText(
            self.tr("姓名、拼音、首字母、身份证件号或学籍号（Ctrl+F 查找，Esc 清除）"))
        self.grade = QComboBox()
        self.klass = QComboBox()
        self.status = QComboBox()
        self.flags = {flag: QCheckBox(tr(flag)) for flag in FLAG_CONDITIONS}
        self.count = QLabel()
        self.table = RosterTable()
        self.reveal = QCheckBox(self.tr("显示完整证件号"))
        if not full_ids_allowed(workspace):  # the service masks them for a viewer anyway
            self.reveal.setEnabled(False)
            self.reveal.setToolTip(self.tr("查看账号不能显示完整的证件号"))
        self.add_button = QPushButton(self.tr("新建学生（Ctrl+N）"))
        self._build()
        self._fill_filters()
        self.apply_filters()

    def _build(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.search, 3)
        top.addWidget(self.add_button)
        filters = QHBoxLayout()
        for label, combo in ((self.tr("年级"), self.grade), (self.tr("班级"), self.klass),
                             (self.tr("状态"), self.status)):
            filters.addWidget(QLabel(label))
            filters.addWidget(combo)
        for box in self.flags.values():
            filters.addWidget(box)
        filters.addStretch()
        filters.addWidget(self.reveal)
        self.table.setModel(self.model)
        # A reset lays the rows out on a zero timer, after the first paint, and paints them all
        # again: laid out at once, a search paints the table once.
        self.model.modelReset.connect(self.table.doItemsLayout)
        self.table.setWordWrap(False)  # single-line cells paint without a wrapping text layout
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        rows = self.table.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # O(1) layout for 20,000 rows
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self._size_columns()
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table)
        # A changing count must not re-lay out (and repaint) the whole page on every keystroke.
        self.count.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        layout.addWidget(self.count)
        self.search.search_changed.connect(lambda _t: self.apply_filters())
        self.search.returnPressed.connect(self._search_entered)
        self.search.down_pressed.connect(self.focus_results)
        for combo in (self.grade, self.klass, self.status):
            combo.currentIndexChanged.connect(lambda _i: self.apply_filters())
        for box in self.flags.values():
            box.toggled.connect(lambda _on: self.apply_filters())
        self.reveal.toggled.connect(self.model.set_reveal_ids)
        self.table.doubleClicked.connect(
            lambda index: self.open_student.emit(index.data(StudentIdRole)))
        self.table.open_requested.connect(self.open_student)
        self.table.print_requested.connect(self.print_student)
        self.add_button.clicked.connect(self.new_student)

    def changeEvent(self, event: QEvent) -> None:
        """The text size changed (设置): the columns and rows fit the new size at once."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._size_columns()
            self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)

    def _size_columns(self) -> None:
        """Widths from what each column holds, so IDs and 学籍号 are never cut off."""
        metrics = self.table.fontMetrics()
        samples = ("欧阳某某某", "男", "2015-09-01", "六年级", "六年级(10)班", "440604201509011234",
                   "G440604201509011234（待确认）", "在籍在读", "留守、随迁")
        for column, sample in enumerate(samples):
            self.table.setColumnWidth(column, metrics.horizontalAdvance(sample) + 24)

    def _fill_filters(self) -> None:
        chosen_grade, chosen_class = self.grade.currentData(), self.klass.currentData()
        classes = list_classes(self.workspace)
        self.grade.blockSignals(True)
        self.klass.blockSignals(True)
        self.grade.clear()
        self.klass.clear()
        self.grade.addItem(self.tr("全部"), None)
        self.klass.addItem(self.tr("全部"), None)
        seen: set[str] = set()
        for info in classes:
            if info.grade_id not in seen:
                seen.add(info.grade_id)
                self.grade.addItem(info.grade_name, info.grade_id)
            self.klass.addItem(info.name, info.id)
        self.grade.setCurrentIndex(max(0, self.grade.findData(chosen_grade)))
        self.klass.setCurrentIndex(max(0, self.klass.findData(chosen_class)))
        self.grade.blockSignals(False)
        self.klass.blockSignals(False)
        if self.status.count() == 0:  # quietly: its first item would search before the page is up
            self.status.blockSignals(True)
            self.status.addItem(self.tr("全部"), None)
            for status in Status:
                self.status.addItem(tr(status.label), status.name)
            self.status.blockSignals(False)

    def current_query(self) -> StudentQuery:
        flags = tuple(flag for flag, box in self.flags.items() if box.isChecked())
        return StudentQuery(text=self.search.text(), grade_id=self.grade.currentData(),
                            class_id=self.klass.currentData(), status=self.status.currentData(),
                            flags=flags)

    def apply_filters(self) -> None:
        self.model.set_query(self.current_query())
        self.count.setText(self.tr("共 {n} 名学生").format(n=self.model.total))

    def reload(self) -> None:
        """After a change elsewhere: refresh the class list and the rows."""
        self._fill_filters()
        self.apply_filters()

    def refresh_rows(self) -> None:
        """After a change to some pupils' records: their rows are shown again; the class
        lists and the filters are left as they are."""
        self.model.refresh_rows()
        self.count.setText(self.tr("共 {n} 名学生").format(n=self.model.total))

    def _search_entered(self) -> None:
        """Enter in the search box: the only match opens; with several, the first is chosen."""
        self.search.flush()
        if self.model.total == 1:
            self.open_student.emit(self.model.index(0, 0).data(StudentIdRole))
        else:
            self.focus_results()

    def focus_results(self) -> None:
        """Move from the search box to the first result (nothing happens without one)."""
        if self.model.total == 0:
            return
        self.table.setFocus()
        self.table.selectRow(0)
        self.table.setCurrentIndex(self.model.index(0, 0))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()
