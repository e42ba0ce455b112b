"""列对应: what the columns of a file in another layout hold, shown in the import preview.

Each column the template does not know is listed with a choice: one of our items, or 不导入
(left out on purpose); nothing is dropped before the registrar has seen it. Each 班号 the
file uses without a known class is listed once (not once per row) with the class it stands
for. The answers can be saved as a named template profile, which is offered the next time a
file with the same headers comes.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.fields import template_headers
from desktop.domain.header_aliases import CLASS_PARTS, LEAVE_OUT, fold_header
from desktop.exchange.xlsx_reader import SheetData
from desktop.services.importing.profiles import MAX_NAME, TemplateProfile, layout_of
from desktop.views.wording import tr

CHOOSE = "请选择…"
LEAVE_OUT_LABEL = "不导入（有意不要这一列）"
PART_LABELS = {"#年级": "年级（与班级号一起组成班级）", "#班级号": "班级号（年级内的班号）",
               "#班号": "班号（班级代码）", "#校区号": "校区号"}


class LayoutBox(QGroupBox):
    """The unknown columns and unanswered 班号 of the file being previewed."""

    applied = Signal()  # the choices are made: read and preview the file again

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("这个文件的列与国家模板不同，请说明："), parent)
        self.column_combos: dict[str, QComboBox] = {}
        self.code_combos: dict[str, QComboBox] = {}
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(MAX_NAME)
        self.name_edit.setPlaceholderText(self.tr("填写名称即保存为导入模板，下次同样表头的文件自动套用"))
        self.apply_button = QPushButton(self.tr("按所选重新预览"))
        self.apply_button.clicked.connect(self.applied)
        self.holder = QWidget()
        controls = QHBoxLayout()
        controls.addWidget(QLabel(self.tr("导入模板名称：")))
        controls.addWidget(self.name_edit, 1)
        controls.addWidget(self.apply_button)
        self.box = QVBoxLayout(self)
        self.box.addWidget(self.holder)
        self.box.addLayout(controls)
        self.headers: tuple[str, ...] = ()
        self.file_format = "xlsx"
        self.base: TemplateProfile | None = None
        self.setVisible(False)

    def show_for(self, sheet: SheetData | None, profile: TemplateProfile | None,
                 codes: tuple[str, ...], classes: list[str]) -> None:
        """List what is still to be said about `sheet` (hidden when nothing is). The rows are
        rebuilt in a new holder; the old one goes once control is back in the event loop
        (this may run inside the button's own click)."""
        self.holder.hide()
        self.holder.deleteLater()
        self.holder = QWidget()
        form = QFormLayout(self.holder)
        form.setContentsMargins(0, 0, 0, 0)
        self.box.insertWidget(0, self.holder)
        self.column_combos, self.code_combos = {}, {}
        self.headers, self.base = (sheet.headers if sheet else ()), profile
        self.file_format = file_format_of(sheet.file_name) if sheet else "xlsx"
        unknown = [header for _column, header in sheet.unknown] if sheet else []
        for header in unknown:
            self.column_combos[header] = combo = _item_combo()
            form.addRow(self.tr("列“{header}”").format(header=header), combo)
        for code in codes:
            self.code_combos[code] = combo = QComboBox()
            combo.setEditable(True)
            combo.addItems(classes)
            combo.setCurrentText("")
            form.addRow(self.tr("班号“{code}”是").format(code=code), combo)
        self.name_edit.setText(profile.name if profile else "")
        self.setTitle(self.tr("这个文件的列与国家模板不同，请说明：") if unknown else
                      self.tr("这个文件用班号写班级，请说明各是本校哪个班："))
        self.setVisible(bool(unknown or codes))

    def choose(self, header: str, target: str) -> None:
        combo = self.column_combos[header]
        combo.setCurrentIndex(combo.findData(target))

    def unanswered(self) -> list[str]:
        """Unknown columns without a choice yet."""
        return [h for h, combo in self.column_combos.items() if combo.currentData() is None]

    def profile(self) -> TemplateProfile:
        """The profile the choices make (the one in use, extended)."""
        base = self.base
        mapping = dict(base.mapping) if base else {}
        mapping.update({fold_header(h): combo.currentData()
                        for h, combo in self.column_combos.items() if combo.currentData()})
        codes = dict(base.class_codes) if base else {}
        codes.update({code: combo.currentText().strip()
                      for code, combo in self.code_combos.items() if combo.currentText().strip()})
        name = self.name_edit.text().strip() or (base.name if base else "")
        return TemplateProfile(name, layout_of(self.headers), mapping, codes, self.file_format)

    def wants_saving(self) -> bool:
        return bool(self.name_edit.text().strip())


def file_format_of(file_name: str) -> str:
    """The format a file of this name is in: "xls" for Excel 97-2003, else "xlsx"."""
    return "xls" if file_name.lower().endswith(".xls") else "xlsx"


def _item_combo() -> QComboBox:
    combo = QComboBox()
    combo.addItem(tr(CHOOSE), None)
    combo.addItem(tr(LEAVE_OUT_LABEL), LEAVE_OUT)
    for part in CLASS_PARTS:
        combo.addItem(tr(PART_LABELS[part]), part)
    for header in template_headers():
        combo.addItem(tr(header), header)
    return combo
