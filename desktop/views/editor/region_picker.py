"""Region picker: province → prefecture → county from the bundled GB/T 2260 list, giving the
12-digit code the template wants (township and village digits are zero: the bundled list
stops at county level). A code can also be typed directly."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLineEdit, QWidget

from desktop.domain import regions


class RegionPicker(QWidget):
    code_changed = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.province, self.prefecture, self.county = QComboBox(), QComboBox(), QComboBox()
        self.typed = QLineEdit(placeholderText=self.tr("12位代码"))
        self.typed.setMaxLength(12)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for combo in (self.province, self.prefecture, self.county):
            layout.addWidget(combo, 1)
        layout.addWidget(self.typed, 1)
        self.province.addItem("", "")
        for code, name in regions.provinces():
            self.province.addItem(name, code)
        self.province.currentIndexChanged.connect(self._province_chosen)
        self.prefecture.currentIndexChanged.connect(self._prefecture_chosen)
        self.county.currentIndexChanged.connect(self._county_chosen)
        self.typed.editingFinished.connect(self._typed)

    def _fill(self, combo: QComboBox, items: list[tuple[str, str]]) -> None:
        combo.blockSignals(True)
        combo.clear()
        combo.addItem("", "")
        for code, name in items:
            combo.addItem(name, code)
        combo.blockSignals(False)

    def _province_chosen(self) -> None:
        code = self.province.currentData() or ""
        items = regions.prefectures(code) if code else []
        if code and not items:  # municipalities list their districts directly
            items = regions.counties(code)
        self._fill(self.prefecture, items)
        self._fill(self.county, [])
        self._set_typed(code)

    def _prefecture_chosen(self) -> None:
        code = self.prefecture.currentData() or ""
        self._fill(self.county, regions.counties(code) if code.endswith("00") else [])
        self._set_typed(code or self.province.currentData() or "")

    def _county_chosen(self) -> None:
        self._set_typed(self.county.currentData() or self.prefecture.currentData() or "")

    def _set_typed(self, code6: str) -> None:
        self.typed.setText(code6 + "000000" if code6 else "")
        self.code_changed.emit(self.code())

    def _typed(self) -> None:
        self.set_code(self.typed.text())
        self.code_changed.emit(self.code())

    def code(self) -> str:
        return self.typed.text().strip()

    def set_code(self, code: str) -> None:
        """Select the combos matching a 6- or 12-digit code and show the code."""
        code = code.strip()
        for combo in (self.province, self.prefecture, self.county):
            combo.blockSignals(True)
        self.province.setCurrentIndex(max(0, self.province.findData(code[:2] + "0000")))
        self._province_chosen_silent()
        self.prefecture.setCurrentIndex(max(0, self.prefecture.findData(code[:4] + "00")))
        if self.prefecture.currentIndex() <= 0:
            self.prefecture.setCurrentIndex(max(0, self.prefecture.findData(code[:6])))
        self._fill(self.county, regions.counties(code[:4] + "00") if len(code) >= 4 else [])
        self.county.setCurrentIndex(max(0, self.county.findData(code[:6])))
        for combo in (self.province, self.prefecture, self.county):
            combo.blockSignals(False)
        self.typed.setText(code)

    def _province_chosen_silent(self) -> None:
        code = self.province.currentData() or ""
        items = regions.prefectures(code) if code else []
        self._fill(self.prefecture, items or (regions.counties(code) if code else []))
