"""First-run wizard: renders the steps of services.safekeeping.setup_flow.SetupFlow and nothing more."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from desktop.services.errors import ServiceError, StoreError
from desktop.services.safekeeping.setup_flow import SetupFlow
from desktop.views.print_pdf import print_pdf, save_pdf
from desktop.views.widgets.banner import MessageBanner
from desktop.views.wording import say, tr

STEPS = ("学校信息", "管理员账号", "恢复密钥")
FIELDS = ("school_code", "school_name", "system", "stages", "username", "password", "again")
_SYSTEMS = (("6-3-3", "六三制（小学6年、初中3年、高中3年）"),
            ("5-4-3", "五四制（小学5年、初中4年、高中3年）"))


class SetupWizard(QDialog):
    def __init__(self, flow: SetupFlow, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.flow = flow
        self.setWindowTitle(self.tr("首次使用"))
        self.setMinimumWidth(560)
        self.pages = QStackedWidget()
        self.banner = MessageBanner()
        self.step_label = QLabel()
        self.step_label.setStyleSheet("font-weight: bold;")
        self.messages: dict[str, str] = {}  # field -> its message, until the field is edited
        self._school_page()
        self._account_page()
        self._recovery_page()
        self.back_button = QPushButton(self.tr("上一步"))
        self.next_button = QPushButton(self.tr("下一步"))
        self.next_button.setDefault(True)
        self.back_button.clicked.connect(self._back)
        self.next_button.clicked.connect(self._next)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.step_label)
        layout.addWidget(self.pages)
        layout.addWidget(self.banner)
        layout.addLayout(buttons)
        self._watch_fields()
        self._show_step()

    def _watch_fields(self) -> None:
        """A message goes away as soon as the field it is about is changed."""
        for name, line in (("school_code", self.school_code), ("school_name", self.school_name),
                           ("username", self.username), ("password", self.password),
                           ("again", self.again)):
            line.textEdited.connect(lambda _t, name=name: self._field_edited(name))
        self.system.currentIndexChanged.connect(lambda _i: self._field_edited("system"))
        for box in self.stage_boxes.values():
            box.toggled.connect(lambda _on: self._field_edited("stages"))
        self.password.textEdited.connect(lambda _t: self._field_edited("again"))

    def _field_edited(self, name: str) -> None:
        if self.messages.pop(name, None) is not None:
            self._show_messages()

    def _show_messages(self) -> None:
        if self.messages:
            self.banner.show_message("\n".join(self.messages.values()))
        else:
            self.banner.clear_message()

    def _school_page(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(QLabel(self.tr("欢迎使用学籍管理。先填写本校的基本信息。")))
        self.school_code = QLineEdit(placeholderText=self.tr("10位数字，见学籍系统"))
        self.school_name = QLineEdit(placeholderText=self.tr("与学校公章一致"))
        self.system = QComboBox()
        for code, label in _SYSTEMS:
            self.system.addItem(tr(label), code)
        self.stage_boxes = {stage: QCheckBox(tr(stage)) for stage in ("小学", "初中", "高中")}
        self.stage_boxes["小学"].setChecked(True)
        stages = QHBoxLayout()
        for box in self.stage_boxes.values():
            stages.addWidget(box)
        form.addRow(self.tr("学校标识码"), self.school_code)
        form.addRow(self.tr("学校名称"), self.school_name)
        form.addRow(self.tr("学制"), self.system)
        form.addRow(self.tr("本校学段"), stages)
        self.pages.addWidget(page)

    def _account_page(self) -> None:
        page = QWidget()
        form = QFormLayout(page)
        hint = QLabel(self.tr("建立第一个学籍管理员账号。密码至少8位，包含字母、数字、符号中的至少两种。"))
        hint.setWordWrap(True)
        form.addRow(hint)
        self.username = QLineEdit()
        self.password = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        self.again = QLineEdit(echoMode=QLineEdit.EchoMode.Password)
        form.addRow(self.tr("账号名"), self.username)
        form.addRow(self.tr("密码"), self.password)
        form.addRow(self.tr("再输入一次"), self.again)
        self.pages.addWidget(page)

    def _recovery_page(self) -> None:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(self.tr(
            "数据库已创建。下面是恢复密钥：忘记密码或密钥文件丢失时，只有它能打开数据库。"
            "请打印或抄写下来，放入学校保险柜。"))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key_label = QLabel()
        key_font = QFont("Monospace")
        key_font.setStyleHint(QFont.StyleHint.TypeWriter)
        key_font.setPointSizeF(key_font.pointSizeF() * 1.4)
        self.key_label.setFont(key_font)
        self.key_label.setWordWrap(True)
        layout.addWidget(self.key_label)
        row = QHBoxLayout()
        self.save_button = QPushButton(self.tr("保存为 PDF…"))
        self.print_button = QPushButton(self.tr("打印…"))
        self.save_button.clicked.connect(self._save_sheet)
        self.print_button.clicked.connect(self._print_sheet)
        row.addWidget(self.save_button)
        row.addWidget(self.print_button)
        row.addStretch()
        layout.addLayout(row)
        self.confirm = QCheckBox(self.tr("我已把恢复密钥打印或抄写下来，并放在安全的地方"))
        layout.addWidget(self.confirm)
        self.pages.addWidget(page)

    def _show_step(self) -> None:
        index = {"school": 0, "account": 1, "recovery": 2}.get(self.flow.step, 2)
        self.pages.setCurrentIndex(index)
        self.step_label.setText(self.tr("第{n}步/共{total}步：").format(n=index + 1, total=len(STEPS))
                                + tr(STEPS[index]))
        self.back_button.setEnabled(self.flow.step == "account")
        self.next_button.setText(self.tr("完成") if self.flow.step == "recovery" else self.tr("下一步"))
        if self.flow.step == "recovery":
            groups = self.flow.recovery_key.split("-")
            self.key_label.setText("-".join(groups[:7]) + "\n" + "-".join(groups[7:]))

    def _back(self) -> None:
        self.flow.back()
        self.messages = {}
        self.banner.clear_message()
        self._show_step()

    def _next(self) -> None:
        try:
            done = self._submit()
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        if self.flow.errors:
            self.messages = {name: say(code, self.flow.error_params.get(name))
                             for name, code in self.flow.errors.items()}
            self._show_messages()
            return
        self.messages = {}
        self.banner.clear_message()
        if done:
            self.accept()
        else:
            self._show_step()

    def _submit(self) -> bool:
        step = self.flow.step
        if step == "school":
            stages = [s for s, box in self.stage_boxes.items() if box.isChecked()]
            self.flow.submit_school(self.school_code.text(), self.school_name.text(),
                                    self.system.currentData(), stages)
        elif step == "account":
            done = self.flow.submit_account(self.username.text(), self.password.text(),
                                            self.again.text())
            # Typed passwords stay after a mistake elsewhere (the account name); a refused or
            # mistyped password is typed again, both times.
            if done or {"password", "again"} & set(self.flow.errors):
                self.password.clear()
                self.again.clear()
        elif step == "recovery":
            return self.flow.confirm_recovery(self.confirm.isChecked())
        return False

    def sheet_pdf(self) -> bytes:
        from desktop.printing.recovery_sheet import RecoverySheet, build  # reportlab: on demand

        school = self.flow.school
        actor = self.flow.workspace.actor if self.flow.workspace else None
        return build(RecoverySheet(school.name if school else "", school.code if school else "",
                                   actor.username if actor else "", self.flow.recovery_key,
                                   dt.date.today()))

    def _save_sheet(self) -> None:
        path = save_pdf(self, self.sheet_pdf(), str(Path.home() / "学籍恢复密钥.pdf"))
        if path:
            self.banner.show_message(self.tr("已保存到 ") + str(path) +
                                     self.tr("。打印后请删除这个文件。"), "info")

    def _print_sheet(self) -> None:
        print_pdf(self, self.sheet_pdf())
