"""A registrar enters one complete new pupil through the real editor (pytest-qt), the way a
person would: click an item, type or pick, go on. Every keystroke and click is counted; an
attempt that does not take (a typed date refused, a save that fails on something the pupil
does not have) is a dead end and is counted too, with the detour it costs.

Run by `benchmarks/bench_entry.py`, which prints the figures; the pupil:
one guardian (the father), a resident ID number, born 2019-03-05, entering 一年级 in 2025-09.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QDateEdit, QLineEdit, QWidget

from desktop.domain import names
from desktop.models.keyslots import KdfParams
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.services.students.read import StudentQuery, search
from desktop.views.editor import dialog as editor_dialog
from desktop.views.editor.dialog import StudentEditor
from tests.factories import SCHOOL_CODE, resident_id

BIRTH = dt.date(2019, 3, 5)
REGION = "440604"
ADDRESS = "广东省佛山市禅城区祖庙街道人民路1号"
PUPIL: dict[str, str] = {
    "姓名": "黄小文", "身份证件类型": "居民身份证", "身份证件号": resident_id(REGION, BIRTH, 11),
    "性别": "男", "出生日期": f"{BIRTH:%Y%m%d}", "出生地": REGION + "000000", "籍贯": "广东省佛山市",
    "民族": "汉族", "国籍/地区": "中国", "港澳台侨外": "否", "健康状况": "健康或良好",
    "政治面貌": "群众", "户口性质": "非农业户口", "户口所在地": REGION + "000000",
    "班级": "一年级(1)班", "入学年月": "202509", "入学方式": "就近入学", "就读方式": "走读",
    "现住址": ADDRESS, "通信地址": ADDRESS, "家庭地址": ADDRESS, "联系电话": "13800138000",
    "邮政编码": "528000", "是否独生子女": "否", "是否受过学前教育": "是",
    "是否留守儿童": "非留守儿童", "是否进城务工人员随迁子女": "否", "是否孤儿": "否",
    "是否烈士或优抚子女": "否", "是否需要申请资助": "否", "是否享受一补": "否",
    "成员1姓名": "黄大文", "成员1关系": "父亲", "成员1现住址": ADDRESS,
    "成员1户口所在地": REGION + "000000", "成员1联系电话": "13800138001", "成员1是否监护人": "是",
    "成员1身份证件类型": "居民身份证",
    "成员1身份证件号": resident_id(REGION, dt.date(1988, 6, 1), 13),
}
CALENDAR_CLICKS, CALENDAR_KEYS = 5, 5  # open, year box (type 4 digits + Enter), month menu x2, day
KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


class Registrar:
    """Drives the editor and counts what a person would press."""

    def __init__(self, qtbot, editor: StudentEditor) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.editor = qtbot, editor
        self.keys = self.clicks = 0
        self.dead_ends: list[str] = []

    # --- primitive actions --------------------------------------------------------------
    def click(self, widget: QWidget) -> None:
        self.clicks += 1
        self.qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)
        widget.setFocus()

    def type(self, widget: QWidget, text: str) -> None:
        """One key per character (an input method's commit of a Chinese name counts as
        typing its characters: the same measure before and after)."""
        self.keys += len(text)
        for char in text:
            if char.isascii():
                QTest.keyClicks(widget, char)
                continue
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier,
                                                         char))

    def press(self, widget: QWidget, key: Qt.Key,
              modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.keys += 1
        QTest.keyClick(widget, key, modifier)

    def pick(self, combo: QComboBox, text: str) -> bool:
        """Open the list and click the entry: two clicks."""
        index = combo.findText(text)
        if index < 0:
            return False
        self.clicks += 2
        combo.setCurrentIndex(index)
        return True

    # --- one item -----------------------------------------------------------------------
    def show_tab_of(self, header: str) -> None:
        tabs = self.editor.tabs
        title = self.editor.form.tab_of(header)
        for index in range(tabs.count()):
            if tabs.tabText(index).startswith(title) and tabs.currentIndex() != index:
                self.clicks += 1
                bar = tabs.tabBar()
                self.qtbot.mouseClick(bar, Qt.MouseButton.LeftButton,
                                      pos=bar.tabRect(index).center())

    def fill(self, header: str, value: str) -> None:
        field = self.editor.form.fields[header]
        if field.text() == value:
            return  # a default, or filled from the ID number: nothing to do
        self.show_tab_of(header)
        editor = field.editor
        if isinstance(editor, QDateEdit):
            self.date_edit(field, editor, value)
        elif hasattr(editor, "line") and hasattr(editor, "calendar_button"):
            self.typed_date(field, editor.line, value)  # type: ignore[attr-defined]
        elif hasattr(editor, "province"):
            self.region(editor, value)
        elif isinstance(editor, QComboBox):
            if not self.pick(editor, value):
                self.click(editor)
                self.type(editor, value)
        else:
            assert isinstance(editor, QLineEdit), header
            self.click(editor)
            self.type(editor, value)
            editor.editingFinished.emit()  # the next click would finish it
        assert field.text() == value, (header, field.text(), value)

    def date_edit(self, field, editor: QDateEdit, value: str) -> None:  # type: ignore[no-untyped-def]
        self.click(editor)
        self.type(editor, _dashed(value))
        self.press(editor, Qt.Key.Key_Tab)
        if field.text() != value:
            self.dead_ends.append(f"{field.header}: typed date not taken ({field.text()!r})")
            self.clicks += CALENDAR_CLICKS
            self.keys += CALENDAR_KEYS
            editor.setDate(dt.date(int(value[:4]), int(value[4:6]), int(value[6:8] or 1)))

    def typed_date(self, field, line: QLineEdit, value: str) -> None:  # type: ignore[no-untyped-def]
        self.click(line)
        self.type(line, _dashed(value))
        self.press(line, Qt.Key.Key_Tab)
        if field.text() != value:
            self.dead_ends.append(f"{field.header}: typed date not taken ({field.text()!r})")

    def region(self, picker, code: str) -> None:  # type: ignore[no-untyped-def]
        for combo, data in ((picker.province, code[:2] + "0000"),
                            (picker.prefecture, code[:4] + "00"), (picker.county, code[:6])):
            index = combo.findData(data)
            if index > 0 and combo.currentIndex() != index:
                self.clicks += 2
                combo.setCurrentIndex(index)

    def add_member_if_needed(self, slot: int) -> None:
        if f"成员{slot}姓名" in self.editor.form.fields:
            return
        self.show_tab_of("成员1姓名")
        self.click(self.editor.form.add_member_button)

    def save(self) -> bool:
        self.press(self.editor, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
        return self.editor.result() == 1


def _dashed(value: str) -> str:
    return f"{value[:4]}-{value[4:6]}-{value[6:]}" if len(value) == 8 else f"{value[:4]}-{value[4:]}"


def clear_unused_members(registrar: Registrar) -> None:
    """The detour when the form insists on a member the pupil does not have: empty its
    prefilled choices (two picks each) so the member counts as absent."""
    fields = registrar.editor.form.fields
    for header, field in fields.items():
        if header.startswith("成员2") and field.text():
            registrar.show_tab_of(header)
            assert isinstance(field.editor, QComboBox)
            registrar.pick(field.editor, "")


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    school = NewSchool(code=SCHOOL_CODE, name="测试县第一小学", stages="小学")
    workspace, _recovery = create_database(tmp_path / "school.db", school, "registrar",
                                           "correct-horse-7", KDF)
    yield workspace
    workspace.lock()


def test_enter_one_pupil(qtbot, ws: Workspace, monkeypatch) -> None:
    monkeypatch.setattr(editor_dialog, "ask", lambda *_a: True)  # no duplicate in an empty school
    names.display_pinyin("黄")  # the pinyin dictionary loads once per process: not timed
    editor = StudentEditor(ws, None)
    with qtbot.waitExposed(editor):
        editor.show()
    with qtbot.waitActive(editor):
        editor.activateWindow()
    registrar = Registrar(qtbot, editor)
    start = time.perf_counter()
    order = [h for h in editor.form.fields if not h.startswith("成员")]
    for header in order:
        if header in PUPIL:
            registrar.fill(header, PUPIL[header])
    registrar.add_member_if_needed(1)
    for header, value in PUPIL.items():
        if header.startswith("成员"):
            registrar.fill(header, value)
    saved = registrar.save()
    if not saved:
        problems = sorted(e.field for e in editor.validate())
        registrar.dead_ends.append("保存被拒：" + "、".join(problems))
        clear_unused_members(registrar)
        saved = registrar.save()
    elapsed = time.perf_counter() - start
    assert saved, [e.field for e in editor.validate()]
    assert search(ws, StudentQuery(text="黄小文")).total == 1
    result = {"keys": registrar.keys, "clicks": registrar.clicks,
              "dead_ends": registrar.dead_ends, "seconds": round(elapsed, 3)}
    out = os.environ.get("ENTRY_RESULT")
    if out:
        Path(out).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    editor.deleteLater()
