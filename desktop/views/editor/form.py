"""The editor's fields laid out by section, plus the family-member groups; speaks template rows.

★ marks what the rules require (the form cannot be saved without it); ☆ what the national
form asks for but the rules here only recommend. Family members start empty: one group is
shown, more are added with a button, and each can be removed (its items emptied, the ones
after it moving up), so a child with one guardian is entered with one group."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from desktop.domain import names
from desktop.domain.codes import codes_for_stages
from desktop.domain.fields import ALL_STUDENT_FIELDS, MEMBER_FIELDS, FieldSpec, Need, member_header
from desktop.domain.grades import school_year_of
from desktop.domain.id_facts import id_facts
from desktop.domain.typed_dates import as_date, typical_birth_date
from desktop.services.context import Workspace
from desktop.services.students.school import ClassInfo, list_classes, school_info
from desktop.views.editor.date_input import DateInput
from desktop.views.editor.inputs import FieldInput
from desktop.views.editor.sections import DEFAULTS, SECTIONS
from desktop.views.wording import tr

_SPECS = {spec.header: spec for spec in ALL_STUDENT_FIELDS}
TOP = Qt.AlignmentFlag.AlignTop
COLUMNS = 2
MARKS = {Need.REQUIRED: "★", Need.RECOMMENDED: "☆", Need.OPTIONAL: ""}
LEGEND = "★ 必填，不填不能保存　　☆ 国家学生基本信息表要求填写，本地规则只建议填写：暂缺也能保存"
PARENTS = ("父亲", "母亲")


class EditorForm(QObject):
    """Owns every FieldInput, keyed by template header (成员N… for members)."""

    members_changed = Signal()

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.fields: dict[str, FieldInput] = {}
        self.pinyin = QLabel()
        self.grade = QLabel()
        self.legend = QLabel(tr(LEGEND))
        self.undo_stack: QUndoStack | None = None  # set by the dialog: member removal is undoable
        self.stages = school_info(workspace).stages
        self.member_groups: list[QGroupBox] = []
        self.shown_members = 1
        self._member_box = QVBoxLayout()
        self.add_member_button = QPushButton(tr("添加家庭成员"))
        self._built: list[tuple[str, QWidget]] = []
        self._classes: dict[str, ClassInfo] = {}

    @property
    def member_count(self) -> int:
        return len(self.member_groups)

    def pages(self) -> list[tuple[str, QWidget]]:
        if not self._built:
            for title, groups in SECTIONS:
                self._built.append((title, self._page(groups)))
            self._built.append(("家庭成员", self._members_page()))
            self._wire_dates()
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
            self._classes = {info.name: info for info in list_classes(self.workspace)}
            choices = list(self._classes)
        field = self._make(spec, header, choices)
        row, col = divmod(index, COLUMNS)
        grid.addWidget(_label(box_title(header) + MARKS[spec.need]), row, col * 2, TOP)
        grid.addWidget(field, row, col * 2 + 1)
        if header == "姓名":
            field.shown.connect(lambda text: self.pinyin.setText(names.display_pinyin(text)))
        if header == "班级":
            field.shown.connect(lambda text: self.grade.setText(
                self._classes[text].grade_name if text in self._classes else ""))

    def _make(self, spec: FieldSpec, header: str, choices: list[str] | None = None) -> FieldInput:
        codes = codes_for_stages(spec.table, self.stages) if spec.kind == "code" else None
        field = FieldInput(spec, header, choices=choices, codes=codes)
        self.fields[header] = field
        return field

    # --- where the calendars open --------------------------------------------------------
    def _wire_dates(self) -> None:
        birth = self.fields["出生日期"].editor
        entry = self.fields["入学年月"].editor
        if isinstance(birth, DateInput):
            birth.suggest = self.suggested_birth_date
        if isinstance(entry, DateInput):
            entry.suggest = self.suggested_entry_month

    def _chosen_class(self) -> ClassInfo | None:
        return self._classes.get(self.fields["班级"].text())

    def suggested_birth_date(self) -> dt.date | None:
        """The ID number's birth date, else the usual birth year of the chosen class's grade."""
        facts = id_facts(self.fields["身份证件号"].text())
        if facts is not None:
            return as_date(facts.values["出生日期"])
        chosen = self._chosen_class()
        if chosen is None:
            return None
        return typical_birth_date(chosen.stage, chosen.level, school_year_of(dt.date.today()))

    def suggested_entry_month(self) -> dt.date:
        """September of the year the chosen class entered its stage (this year's otherwise)."""
        year = school_year_of(dt.date.today())
        chosen = self._chosen_class()
        return dt.date(year - (chosen.level - 1 if chosen else 0), 9, 1)

    # --- family members ----------------------------------------------------------------------
    def _members_page(self) -> QWidget:
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addLayout(self._member_box)
        self._new_group()
        self.add_member_button.clicked.connect(self.add_member)
        layout.addWidget(self.add_member_button)
        layout.addStretch()
        return _scroll(inner)

    def _new_group(self) -> QGroupBox:
        slot = len(self.member_groups) + 1
        box = QGroupBox(box_title("家庭成员或监护人") + f" {slot}")
        grid = QGridLayout(box)
        for index, spec in enumerate(MEMBER_FIELDS):
            header = member_header(slot, spec)
            field = self._make(spec, header)
            row, col = divmod(index, COLUMNS)
            grid.addWidget(_label(box_title(spec.header) + MARKS[spec.need]), row, col * 2, TOP)
            grid.addWidget(field, row, col * 2 + 1)
        remove = QPushButton(tr("删除此成员"))
        remove.clicked.connect(lambda _checked=False, s=slot: self.remove_member(s))
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(remove)
        grid.addLayout(buttons, grid.rowCount(), 0, 1, COLUMNS * 2)
        self.member_groups.append(box)
        self._member_box.addWidget(box)
        return box

    def add_member(self) -> None:
        self.shown_members += 1
        while self.member_count < self.shown_members:
            self._new_group()
        self._show_groups()

    def remove_member(self, slot: int) -> None:
        """Empty member `slot`; the members after it move up one place (one undo step)."""
        if self.undo_stack is not None:
            self.undo_stack.beginMacro(tr("删除家庭成员"))
        for current in range(slot, self.member_count + 1):
            for spec in MEMBER_FIELDS:
                following = self.fields.get(member_header(current + 1, spec))
                self._edit(member_header(current, spec), following.text() if following else "")
        if self.undo_stack is not None:
            self.undo_stack.endMacro()
        self.shown_members = max(1, self.shown_members - 1)
        self._show_groups()

    @staticmethod
    def has_follow_ups(header: str) -> bool:
        """Items whose edit fills in others (one undo step with them)."""
        return header == "身份证件号" or (header.startswith("成员") and header.endswith("关系"))

    def follow_up(self, header: str, value: str) -> None:
        """A parent is the child's guardian by law: 是否监护人 = 是 unless already answered."""
        if header.startswith("成员") and header.endswith("关系") and value in PARENTS:
            guardian = header[:-2] + "是否监护人"
            if guardian in self.fields and not self.fields[guardian].text():
                self._edit(guardian, "是")

    def _edit(self, header: str, value: str) -> None:
        """Change an item as the registrar would (undoable, validated)."""
        field = self.fields[header]
        old = field.text()
        if old != value:
            field.set_text(value)
            field.edited.emit(old, value)

    def ensure_members(self, row: dict[str, str]) -> None:
        """Enough member groups shown for every filled 成员N… item of `row`."""
        slots = [int(h[2]) for h, v in row.items() if h.startswith("成员") and h[2].isdigit() and v]
        while self.member_count < max(slots, default=1):
            self._new_group()
        self.shown_members = max(self.shown_members, *slots, 1)
        self._show_groups()

    def refresh_members(self) -> None:
        """After undo/redo: every member with a filled item is shown."""
        filled = [slot for slot in range(1, self.member_count + 1)
                  if any(self.fields[member_header(slot, s)].text() for s in MEMBER_FIELDS)]
        self.shown_members = max(self.shown_members, *filled, 1)
        self._show_groups()

    def _show_groups(self) -> None:
        for slot, box in enumerate(self.member_groups, start=1):
            box.setVisible(slot <= self.shown_members)
        self.members_changed.emit()

    # --- values ------------------------------------------------------------------------------
    def row(self) -> dict[str, str]:
        return {header: field.text() for header, field in self.fields.items()}

    def set_row(self, row: dict[str, str]) -> None:
        self.ensure_members(row)
        for header, field in self.fields.items():
            field.set_text(row.get(header, ""))

    def set_defaults(self) -> None:
        for header, value in DEFAULTS.items():
            self.fields[header].set_text(value)

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


def _label(text: str) -> QLabel:
    """An item's name, level with its input (the message line below the input has no name)."""
    label = QLabel(text)
    label.setContentsMargins(0, 4, 0, 0)
    return label


def _scroll(inner: QWidget) -> QScrollArea:
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setWidget(inner)
    return area


def box_title(text: str) -> str:
    return tr(text)
