"""The first-run wizard dialog: renders the SetupFlow steps, errors in the banner, then accepts."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from desktop.services.safekeeping.setup_flow import SetupFlow
from desktop.views.setup_wizard import SetupWizard
from tests.conftest import FAST_KDF, PASSWORD
from tests.factories import SCHOOL_CODE


@pytest.fixture
def wizard(qtbot, db_path: Path) -> Iterator[SetupWizard]:
    wizard = SetupWizard(SetupFlow(db_path, kdf=FAST_KDF))
    qtbot.addWidget(wizard)
    with qtbot.waitExposed(wizard):
        wizard.show()
    yield wizard
    if wizard.flow.workspace is not None:
        wizard.flow.workspace.lock()


def click_next(qtbot, wizard: SetupWizard) -> None:
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)


def fill_school(qtbot, wizard: SetupWizard, code: str = SCHOOL_CODE) -> None:
    wizard.school_code.clear()
    qtbot.keyClicks(wizard.school_code, code)  # ASCII only: typed like a user
    wizard.school_name.setText("测试县第一小学")  # Chinese is set, never typed (platform trap)


def fill_account(qtbot, wizard: SetupWizard, password: str = PASSWORD,
                 again: str = PASSWORD) -> None:
    wizard.username.setText("registrar")
    qtbot.keyClicks(wizard.password, password)
    qtbot.keyClicks(wizard.again, again)


def test_title_and_first_page(wizard: SetupWizard) -> None:
    assert wizard.windowTitle() == "首次使用"  # Qt adds " — 学籍管理"
    assert wizard.pages.currentIndex() == 0
    assert not wizard.back_button.isEnabled()
    assert wizard.next_button.text() == "下一步"
    assert not wizard.banner.isVisible()
    assert wizard.stage_boxes["小学"].isChecked()


def test_bad_school_code_stays_on_the_page_with_the_error(qtbot, wizard: SetupWizard) -> None:
    fill_school(qtbot, wizard, code="12345")
    click_next(qtbot, wizard)
    assert wizard.pages.currentIndex() == 0
    assert wizard.flow.step == "school"
    assert wizard.banner.isVisible()
    assert "学校标识码应为10位数字" in wizard.banner.text()


def test_no_stage_and_no_name_are_both_reported(qtbot, wizard: SetupWizard) -> None:
    qtbot.keyClicks(wizard.school_code, SCHOOL_CODE)
    wizard.stage_boxes["小学"].setChecked(False)
    click_next(qtbot, wizard)
    assert wizard.pages.currentIndex() == 0
    text = wizard.banner.text()
    assert "请填写学校名称" in text
    assert "请至少选择一个学段" in text


@pytest.mark.parametrize(("step", "code", "password"), [
    ("school", "12345", PASSWORD),
    ("account", SCHOOL_CODE, "weak"),
])
def test_error_banner_has_no_unfilled_placeholders(qtbot, wizard: SetupWizard, step: str,
                                                   code: str, password: str) -> None:
    """The messages of school.code_format and password.weak carry {value} / {min_length}:
    the banner must show the value, never the raw template."""
    fill_school(qtbot, wizard, code=code)
    click_next(qtbot, wizard)
    if step == "account":
        fill_account(qtbot, wizard, password=password, again=password)
        click_next(qtbot, wizard)
    assert wizard.flow.step == step
    assert wizard.banner.isVisible()
    assert "{" not in wizard.banner.text(), wizard.banner.text()


def test_school_then_back_then_account_errors(qtbot, wizard: SetupWizard, db_path: Path) -> None:
    fill_school(qtbot, wizard)
    click_next(qtbot, wizard)
    assert wizard.pages.currentIndex() == 1
    assert wizard.back_button.isEnabled()
    assert not wizard.banner.isVisible()

    qtbot.mouseClick(wizard.back_button, Qt.MouseButton.LeftButton)
    assert wizard.pages.currentIndex() == 0
    assert wizard.school_code.text() == SCHOOL_CODE  # what was typed is still there
    click_next(qtbot, wizard)
    assert wizard.pages.currentIndex() == 1

    fill_account(qtbot, wizard, again=PASSWORD + "9")
    click_next(qtbot, wizard)
    assert wizard.pages.currentIndex() == 1
    assert wizard.banner.isVisible()
    assert "两次输入的密码不一致" in wizard.banner.text()
    assert wizard.password.text() == "" and wizard.again.text() == ""  # never kept after submit
    assert not db_path.exists()


def test_full_run_shows_the_key_and_needs_the_confirmation(qtbot, wizard: SetupWizard,
                                                           db_path: Path) -> None:
    fill_school(qtbot, wizard)
    click_next(qtbot, wizard)
    fill_account(qtbot, wizard)
    click_next(qtbot, wizard)

    assert wizard.pages.currentIndex() == 2
    assert db_path.is_file()
    assert not wizard.back_button.isEnabled()
    assert wizard.next_button.text() == "完成"
    key = wizard.flow.recovery_key
    assert len(key.split("-")) == 14
    assert wizard.key_label.text().replace("\n", "-") == key
    assert wizard.key_label.text().count("\n") == 1

    click_next(qtbot, wizard)  # not confirmed yet
    assert wizard.isVisible()
    assert wizard.pages.currentIndex() == 2
    assert "恢复密钥" in wizard.banner.text()

    wizard.confirm.setChecked(True)
    with qtbot.waitSignal(wizard.accepted, timeout=2000):
        click_next(qtbot, wizard)
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.flow.step == "done"
    assert not wizard.banner.isVisible()


def test_sheet_pdf_is_a_pdf(qtbot, wizard: SetupWizard) -> None:
    fill_school(qtbot, wizard)
    click_next(qtbot, wizard)
    fill_account(qtbot, wizard)
    click_next(qtbot, wizard)
    pdf = wizard.sheet_pdf()
    assert pdf.startswith(b"%PDF")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 1000
