"""The first-run wizard as a newcomer meets it: which step of how many, no empty brackets,
a message goes when its field is corrected, typed passwords survive a mistake elsewhere."""

from __future__ import annotations

from PySide6.QtCore import Qt

from desktop.views.setup_wizard import SetupWizard
from tests.conftest import PASSWORD
from tests.gui.test_wizard_dialog import click_next, fill_school
from tests.gui.test_wizard_dialog import wizard as wizard  # noqa: PLC0414 (the fixture)


def test_each_step_says_which_of_three(qtbot, wizard: SetupWizard) -> None:
    assert wizard.step_label.text() == "第1步/共3步：学校信息"
    fill_school(qtbot, wizard)
    click_next(qtbot, wizard)
    assert wizard.step_label.text() == "第2步/共3步：管理员账号"
    wizard.username.setText("registrar")
    qtbot.keyClicks(wizard.password, PASSWORD)
    qtbot.keyClicks(wizard.again, PASSWORD)
    click_next(qtbot, wizard)
    assert wizard.step_label.text() == "第3步/共3步：恢复密钥"


def test_an_empty_school_code_has_no_empty_brackets(qtbot, wizard: SetupWizard) -> None:
    wizard.school_name.setText("测试县第一小学")
    click_next(qtbot, wizard)
    assert "学校标识码应为10位数字" in wizard.banner.text()
    assert "（）" not in wizard.banner.text()
    qtbot.keyClicks(wizard.school_code, "12ab")
    click_next(qtbot, wizard)
    assert "（12ab）" in wizard.banner.text()  # a value typed is still quoted


def test_a_message_goes_when_its_field_is_corrected(qtbot, wizard: SetupWizard) -> None:
    click_next(qtbot, wizard)  # no code, no name
    assert "学校标识码" in wizard.banner.text() and "学校名称" in wizard.banner.text()
    qtbot.keyClicks(wizard.school_code, "4")
    assert "学校标识码" not in wizard.banner.text() and "学校名称" in wizard.banner.text()
    wizard.school_name.setFocus()
    qtbot.keyClick(wizard.school_name, Qt.Key.Key_A)
    assert wizard.banner.isHidden() or not wizard.banner.text()


def test_passwords_stay_after_a_mistake_elsewhere(qtbot, wizard: SetupWizard) -> None:
    fill_school(qtbot, wizard)
    click_next(qtbot, wizard)
    qtbot.keyClicks(wizard.password, PASSWORD)
    qtbot.keyClicks(wizard.again, PASSWORD)
    click_next(qtbot, wizard)  # the account name is missing
    assert "账号" in wizard.banner.text()
    assert wizard.password.text() == PASSWORD and wizard.again.text() == PASSWORD
    wizard.username.setText("registrar")
    qtbot.keyClicks(wizard.again, "x")  # now the repetition differs: both are typed again
    click_next(qtbot, wizard)
    assert wizard.password.text() == "" and wizard.again.text() == ""
