"""The 学年末升级和毕业 confirmation: what will happen, class by class, in a scrolling list that
fits a 1366×768 screen at any text size; a plain warning when the school year has not ended
yet (the day it ends is a setting); the whole-school backup made first, named; and a tick
the registrar must set before 开始 can be pressed. 取消 is the default button."""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.domain.grades import parse_month_day, school_year_end, year_end_in_season
from desktop.services.changes.year_end import YearEndPlan, run_year_end, year_end_backup_folder
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.views import settings
from desktop.views.widgets.banner import MessageBanner
from desktop.views.wording import say

SCREEN_MARGIN = 80  # room left for the window frame and the taskbar


def plan_lines(plan: YearEndPlan) -> list[str]:
    lines = [f"{old} → {new}（{n} 人）" for old, new, n in plan.promotions]
    return lines + [f"{name}：毕业（{n} 人）" for name, n in plan.graduations]


class YearEndDialog(QDialog):
    def __init__(self, workspace: Workspace, plan: YearEndPlan, today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace, self.plan = workspace, plan
        self.today = today or dt.date.today()
        self.result_plan: YearEndPlan | None = None
        self.setWindowTitle(self.tr("学年末升级和毕业"))
        self.season = MessageBanner()
        self.list = QPlainTextEdit("\n".join(plan_lines(plan)))
        self.list.setReadOnly(True)
        self.list.setMinimumHeight(80)
        self.tick = QCheckBox(self.tr("我已核对上面的名单，确认为全校办理升级和毕业（办理后不能撤销）"))
        self.start = QPushButton(self.tr("开始升级和毕业"))
        self.cancel = QPushButton(self.tr("取消"))
        self.banner = MessageBanner()
        self._build()
        self._fit_screen()

    def _build(self) -> None:
        self._warn_out_of_season()
        promoted = sum(n for _o, _n, n in self.plan.promotions)
        graduating = sum(n for _c, n in self.plan.graduations)
        summary = QLabel(self.tr("将一次完成：{a} 个班升入高一年级（{p} 人），{b} 个班毕业（{g} 人）。")
                         .format(a=len(self.plan.promotions), p=promoted,
                                 b=len(self.plan.graduations), g=graduating))
        summary.setWordWrap(True)
        folder = year_end_backup_folder(self.workspace)
        self.backup_label = QLabel(self.tr("开始前会先把整个学校的数据库完整备份一份"
                                           "（文件名以 -year-end.xjbak 结尾），保存在：{folder}")
                                   .format(folder=folder))
        self.backup_label.setWordWrap(True)
        self.start.setEnabled(False)
        self.start.setAutoDefault(False)
        self.cancel.setDefault(True)
        self.tick.toggled.connect(self.start.setEnabled)
        self.start.clicked.connect(self.run)
        self.cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.start)
        buttons.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        for widget in (self.season, summary):
            layout.addWidget(widget)
        layout.addWidget(self.list, 1)
        for part in (self.backup_label, self.tick, self.banner):
            layout.addWidget(part)
        layout.addLayout(buttons)

    def _warn_out_of_season(self) -> None:
        month, day = parse_month_day(settings.YEAR_END.get())
        if year_end_in_season(self.today, month, day):
            return
        end = school_year_end(self.today, month, day)
        self.season.show_message(
            self.tr("本学年还没有结束：今天是 {today}，按设置本学年 {end} 结束。"
                    "学年末升级和毕业应在学年结束后办理；提前办理会让全校学生提前升级、毕业班提前毕业。"
                    "（学年结束日期可在“设置”中修改。）").format(
                today=f"{self.today:%Y-%m-%d}", end=f"{end:%Y-%m-%d}"), "warning")

    def _fit_screen(self) -> None:
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        height = min(self.sizeHint().height() + 200, screen.height() - SCREEN_MARGIN)
        self.setMaximumHeight(screen.height() - SCREEN_MARGIN)
        self.resize(min(760, screen.width() - SCREEN_MARGIN), height)

    def run(self) -> None:
        if not self.tick.isChecked():
            return
        try:
            self.result_plan = run_year_end(self.workspace, self.today)
        except (ServiceError, StoreError) as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        backup = self.result_plan.backup
        self.banner.show_message(self.tr("已完成。开始前的备份：{path}").format(
            path=backup if backup else self.tr("（没有变化，沿用最近的备份）")), "info")
        self.start.setEnabled(False)
        self.tick.setEnabled(False)
        self.cancel.setText(self.tr("关闭"))

    def reject(self) -> None:
        """取消, Esc or the window's close button; after a run it is 关闭 and means done."""
        if self.result_plan is not None:
            super().accept()
        else:
            super().reject()
