"""The editor's fields laid out by section, plus the family-member groups; speaks template rows."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import names
from desktop.domain.fields import ALL_STUDENT_FIELDS, MEMBER_FIELDS, member_header
from desktop.services.context import Workspace
from desktop.services.school_info import list_classes
from desktop.views.editor.inputs import FieldInput
from desktop.views.editor.sections import DEFAULTS, MEMBER_DEFAULTS, SECTIONS
from desktop.views.wording import tr

_SPECS = {spec.header: spec for spec in ALL_STUDENT_FIELDS}
COLUMNS = 2


class EditorForm:
    """Owns every FieldInput, keyed by template header (成员N… for members)."""

    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace
        self.fields: dict[str, FieldInput] = {}
        self.pinyin = QLabel()
        self.grade = QLabel()
        self.member_count = 2
        self._member_box = QVBoxLayout()
        self._built: list[tuple[str, QWidget]] = []
        self._grades: dict[str, str] = {}

    def pages(self) -> list[tuple[str, QWidget]]:
        if not self._built:
            for title, groups in SECTIONS:
                self._built.append((title, self._page(groups)))
            self._built.append(("家庭成员", self._members_page()))
        return self._built

    def _page(self, groups: tuple[tuple[str, tuple[str, ...]], ...]) -> QWidget:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        for title, headers in groups:
            box = QGroupBox(box_title(title))
            grid = QGridLayout(box)
            for index, header in enumerate(headers):
                self._place(grid, index, header)
            if title == "学生个人辅助信息":
                grid.addWidget(QLabel(box_title("姓名拼音")), len(headers), 0)
                grid.addWidget(self.pinyin, len(headers), 1)
            if title == "学生学籍基本信息":
                grid.addWidget(QLabel(box_title("年级")), len(headers), 0)
                grid.addWidget(self.grade, len(headers), 1)
            layout.addWidget(box)
        layout.addStretch()
        return _scroll(inner)

    def _place(self, grid: QGridLayout, index: int, header: str) -> None:
        spec = _SPECS[header]
        choices = None
        if header == "班级":
            classes = list_classes(self.workspace)
            self._grades = {info.name: info.grade_name for info in classes}
            choices = [info.name for info in classes]
        field = FieldInput(spec, header, choices=choices)
        self.fields[header] = field
        row, col = divmod(index, COLUMNS)
        need = "★" if spec.need.value != "optional" else ""
        grid.addWidget(QLabel(box_title(header) + need), row, col * 2)
        grid.addWidget(field, row, col * 2 + 1)
        if header == "姓名":
            field.shown.connect(lambda text: self.pinyin.setText(names.display_pinyin(text)))
        if header == "班级":
            field.shown.connect(lambda text: self.grade.setText(self._grades.get(text, "")))

    def _members_page(self) -> QWidget:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addLayout(self._member_box)
        for slot in range(1, self.member_count + 1):
            self._member_box.addWidget(self._member_group(slot))
        add = QPushButton(box_title("添加家庭成员"))
        add.clicked.connect(self.add_member)
        layout.addWidget(add)
        layout.addStretch()
        return _scroll(inner)

    def _member_group(self, slot: int) -> QGroupBox:
        box = QGroupBox(box_title("家庭成员或监护人") + f" {slot}")
        form = QFormLayout(box)
        grid = QGridLayout()
        for index, spec in enumerate(MEMBER_FIELDS):
            header = member_header(slot, spec)
            field = FieldInput(spec, header)
            self.fields[header] = field
            row, col = divmod(index, COLUMNS)
            need = "★" if spec.need.value != "optional" else ""
            grid.addWidget(QLabel(box_title(spec.header) + need), row, col * 2)
            grid.addWidget(field, row, col * 2 + 1)
        form.addRow(grid)
        return box

    def add_member(self) -> None:
        self.member_count += 1
        self._member_box.addWidget(self._member_group(self.member_count))

    # --- values ------------------------------------------------------------------------------
    def row(self) -> dict[str, str]:
        return {header: field.text() for header, field in self.fields.items()}

    def ensure_members(self, row: dict[str, str]) -> None:
        """Enough member groups for every 成员N… item of `row`."""
        slots = [int(h[2]) for h in row if h.startswith("成员") and h[2].isdigit()]
        while slots and self.member_count < max(slots):
            self.add_member()

    def set_row(self, row: dict[str, str]) -> None:
        self.ensure_members(row)
        for header, field in self.fields.items():
            field.set_text(row.get(header, ""))

    def set_defaults(self) -> None:
        for header, value in DEFAULTS.items():
            self.fields[header].set_text(value)
        for slot in (1, 2):
            for key, value in MEMBER_DEFAULTS.items():
                self.fields[f"成员{slot}{key}"].set_text(value)

    def tab_of(self, header: str) -> str:
        if header.startswith("成员"):
            return "家庭成员"
        for title, groups in SECTIONS:
            if any(header in headers for _group, headers in groups):
                return title
        return ""

    def clear_errors(self) -> None:
        for field in self.fields.values():
            field.set_error(None)

    def show_error(self, header: str, message: str, warning: bool) -> None:
        field = self.fields.get(header)
        if field is not None:
            field.set_error(message, warning)


def _scroll(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(inner)
    return area


def box_title(text: str) -> str:
    return tr(text)
