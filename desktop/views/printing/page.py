"""打印: pick a document, then one student, a class or a whole grade; preview it, send it to the
system printer or save it as a PDF where the registrar chooses. Nothing is written to disk
otherwise: the PDF is rendered in memory.

Before the first preview the right side says what to do instead of showing an empty grey
area. The list of documents reads like the side bar (the same text size, rows with room) and
shows every document without scrolling, at any text size."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    QSplitter,
    QStackedWidget,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.idnumber import mask
from desktop.printing.catalog import CLASS, DOCUMENTS, SCHOOL, STUDENT, Document, Selection
from desktop.printing.pdfa import archive_copy
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.students.id_policy import full_ids_allowed
from desktop.services.students.printable import printable_students
from desktop.services.students.read import StudentQuery, search
from desktop.services.students.school import ClassInfo, list_classes
from desktop.views.print_pdf import choose_printer, load_document, paint_document
from desktop.views.printing.batch import Batch, BatchCancelled
from desktop.views.widgets import dialogs
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.search_box import SearchBox
from desktop.views.wording import say, tr

SCOPES = ("一名学生", "一个班级", "整个年级")
ROW_ROOM = 8  # px above and below the text together, as in the side bar
MATCHES = 30


class PrintPage(QWidget):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.batch = Batch(self)
        self.classes: list[ClassInfo] = []
        self._build()
        self.reload()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        splitter = QSplitter()
        splitter.addWidget(self._controls())
        self.view = QPdfView()
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.hint = QLabel(self.tr(
            "还没有预览。\n\n在左边选择文书和打印范围（一名学生、一个班级或整个年级），"
            "再按“预览”查看；\n也可以直接按“打印…”或“保存为 PDF…”。"))
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setMargin(24)
        self.hint.setFrameShape(QFrame.Shape.StyledPanel)
        self.hint.setAutoFillBackground(True)  # a palette, not a style sheet: the text size follows
        colours = self.hint.palette()
        colours.setColor(QPalette.ColorRole.Window, QColor("#f4f7fb"))
        colours.setColor(QPalette.ColorRole.WindowText, QColor("#444"))
        self.hint.setPalette(colours)
        self.preview_area = QStackedWidget()
        self.preview_area.addWidget(self.hint)
        self.preview_area.addWidget(self.view)
        splitter.addWidget(self.preview_area)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([360, 800])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    def _controls(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.addWidget(QLabel(self.tr("文书")))
        self.documents = QListWidget()
        self.documents.setItemDelegate(RoomyRows(self.documents))
        for doc in DOCUMENTS.values():
            self.documents.addItem(tr(doc.title))
        self.documents.setCurrentRow(0)
        self._fit_documents()
        self.documents.installEventFilter(self)
        layout.addWidget(self.documents)
        layout.addWidget(QLabel(self.tr("打印范围")))
        layout.addLayout(self._scope_buttons())
        self.search_box = SearchBox()
        self.search_box.setPlaceholderText(self.tr("输入姓名、拼音、身份证件号或学籍号"))
        self.matches = QListWidget()
        self.klass, self.grade = QComboBox(), QComboBox()
        for widget in (self.search_box, self.matches, self.klass, self.grade):
            layout.addWidget(widget)
        self.show_ids = QCheckBox(self.tr("名册、台账显示完整身份证件号"))
        if not full_ids_allowed(self.workspace):  # the service masks them for a viewer anyway
            self.show_ids.setEnabled(False)
            self.show_ids.setToolTip(self.tr("查看账号不能打印完整的证件号"))
        layout.addWidget(self.show_ids)
        layout.addLayout(self._action_buttons())
        self.banner = MessageBanner()
        layout.addWidget(self.banner)
        layout.addStretch()
        self.search_box.search_changed.connect(self.find_students)
        self.documents.currentRowChanged.connect(lambda _row: self._show_scope())
        return box

    def _fit_documents(self) -> None:
        """Every document in view without a scroll bar, at the text size in use."""
        rows = sum(self.documents.sizeHintForRow(r) for r in range(self.documents.count()))
        self.documents.setFixedHeight(rows + 2 * self.documents.frameWidth() + 2)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.documents and event.type() == QEvent.Type.FontChange:
            self._fit_documents()  # the text size was changed in the settings
        return super().eventFilter(watched, event)

    def _scope_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.scopes = QButtonGroup(self)
        for index, label in enumerate(SCOPES):
            button = QRadioButton(tr(label))
            self.scopes.addButton(button, index)
            row.addWidget(button)
        self.scopes.button(0).setChecked(True)
        self.scopes.idToggled.connect(lambda _id, _on: self._show_scope())
        return row

    def _action_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.preview_button = QPushButton(self.tr("预览"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.save_button = QPushButton(self.tr("保存为 PDF…"))
        self.preview_button.clicked.connect(self.preview)
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save)
        for button in (self.preview_button, self.print_button, self.save_button):
            row.addWidget(button)
        return row

    def _show_scope(self) -> None:
        """Offer the scopes the chosen document can be printed for."""
        kind = self.document().scope
        self.scopes.button(0).setEnabled(kind == STUDENT)
        if kind == CLASS and self.scopes.checkedId() == 0:
            self.scopes.button(1).setChecked(True)
        scope = self.scopes.checkedId() if kind != SCHOOL else -1
        for button in self.scopes.buttons():
            button.setVisible(kind != SCHOOL)
        self.search_box.setVisible(scope == 0)
        self.matches.setVisible(scope == 0)
        self.klass.setVisible(scope == 1)
        self.grade.setVisible(scope == 2)
        self.show_ids.setVisible(kind != STUDENT)
        self.banner.clear_message()

    def reload(self) -> None:
        """Refresh the class and grade lists (after an import, a year-end promotion…)."""
        self.classes = list_classes(self.workspace)
        self.klass.clear()
        self.grade.clear()
        for info in self.classes:
            self.klass.addItem(info.name, info.id)
            if self.grade.findData(info.grade_id) < 0:
                self.grade.addItem(info.grade_name, info.grade_id)
        self._show_scope()

    # -- choosing -------------------------------------------------------------------------

    def find_students(self, text: str) -> None:
        self.matches.clear()
        if not text.strip():
            return
        for row in search(self.workspace, StudentQuery(text=text), 0, MATCHES).rows:
            item = QListWidgetItem(f"{row.name}　{row.class_name}　{mask(row.id_number or '')}")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.matches.addItem(item)
        if self.matches.count() == 1:
            self.matches.setCurrentRow(0)

    def choose_student(self, student_id: str) -> None:
        """Open the page on one student (from the roster or the editor)."""
        self.scopes.button(0).setChecked(True)
        self.matches.clear()
        detail = printable_students(self.workspace, student_id)[0]
        item = QListWidgetItem(f"{detail.row.get('姓名', '')}　{detail.row.get('班级', '')}")
        item.setData(Qt.ItemDataRole.UserRole, student_id)
        self.matches.addItem(item)
        self.matches.setCurrentRow(0)

    def document(self) -> Document:
        return list(DOCUMENTS.values())[max(self.documents.currentRow(), 0)]

    def selection(self) -> Selection:
        """What the chosen scope names; ServiceError when nothing is chosen yet."""
        scope = self.scopes.checkedId()
        show_ids = self.show_ids.isChecked()
        if self.document().scope == SCHOOL:
            return Selection(show_ids=show_ids)
        if scope == 0:
            item = self.matches.currentItem()
            if item is None:
                raise ServiceError("print.nothing_chosen")
            return Selection(student=item.data(Qt.ItemDataRole.UserRole))
        if scope == 1:
            names = [self.klass.currentText()] if self.klass.currentData() else []
        else:
            names = [c.name for c in self.classes if c.grade_id == self.grade.currentData()]
        if not names:
            raise ServiceError("print.nothing_chosen")
        return Selection(classes=tuple(names), show_ids=show_ids)

    def _scope_name(self) -> str:
        scope = self.scopes.checkedId() if self.document().scope != SCHOOL else -1
        if scope < 0:
            return ""
        if scope == 1:
            return self.klass.currentText()
        if scope == 2:
            return self.grade.currentText()
        item = self.matches.currentItem()
        return item.text().split("　")[0] if item else ""

    # -- acting ---------------------------------------------------------------------------

    def render_pdf(self) -> bytes | None:
        """The chosen document as PDF bytes, with progress; None (and a message) if it could
        not be made or the registrar cancelled."""
        self.banner.clear_message()
        doc = self.document()
        try:
            selection = self.selection()
            label = self.tr("正在生成“{title}”…").format(title=tr(doc.title))
            return self.batch.render(label, lambda: doc.make(self.workspace, selection)).data
        except ServiceError as exc:
            self.banner.show_message(say(exc.code, exc.params))
        except BatchCancelled:
            self.banner.show_message(self.tr("已取消，没有生成任何内容。"), "info")
        return None

    def preview(self) -> None:
        data = self.render_pdf()
        if data is None:
            return
        self.preview_document = load_document(data, self)
        self.view.setDocument(self.preview_document)
        self.preview_area.setCurrentWidget(self.view)
        self.banner.show_message(self.tr("预览：共 {n} 页。").format(
            n=self.preview_document.pageCount()), "info")

    def print_document(self) -> None:
        data = self.render_pdf()
        if data is None:
            return
        printer = self.choose_printer()
        if printer is None:
            return
        document = load_document(data, self)
        try:
            self.batch.render(self.tr("正在发送到打印机…"),
                              lambda: paint_document(document, printer, self.batch.step))
        except BatchCancelled:
            self.banner.show_message(self.tr("已取消打印。"), "info")
            return
        self.banner.show_message(self.tr("已发送到打印机：共 {n} 页。").format(
            n=document.pageCount()), "info")

    def save(self) -> None:
        data = self.render_pdf()
        if data is None:
            return
        name = "-".join(part for part in (tr(self.document().title), self._scope_name()) if part)
        suggested = Path.home() / f"{name}.pdf"
        path = self.ask_save_path(str(suggested))
        if path is None:
            return
        try:
            path.write_bytes(archive_copy(data))  # a saved PDF is an archive copy: PDF/A-2b
        except OSError:
            self.banner.show_message(say("file.write_failed", {"path": str(path)}))
            return
        self.banner.show_message(self.tr("已保存到 ") + str(path), "info")

    # -- seams for the system dialogs -----------------------------------------------------

    def choose_printer(self) -> QPrinter | None:
        return choose_printer(self)

    def ask_save_path(self, suggested: str) -> Path | None:
        return dialogs.save_path(self, tr("保存为 PDF"), suggested, "PDF (*.pdf)")


class RoomyRows(QStyledItemDelegate):
    """List rows with room around the text (a style sheet would pin the list's font, so it
    would no longer follow the text-size setting)."""

    def sizeHint(self, option: QStyleOptionViewItem,
                 index: QModelIndex | QPersistentModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + ROW_ROOM)
