"""A page whose feature is not built yet: says so plainly and what it will do."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from desktop.views.wording import tr

PLANNED = {
    "学籍变动": "办理休学、复学、转学、死亡注销等学籍变动，按工作日计算期限。",
    "待办": "列出到期和逾期的事项：转学每方10个工作日、死亡注销60个工作日、建档2个月等。",
    "学籍档案": "登记纸质学籍档案的存放位置、缺件、借阅和移交。",
    "打印": "打印学生基本信息表、学籍卡、转学联系表、休学申请表和各类证明。",
    "数据交换": "按国家学籍系统模板导入、导出 Excel，核对学籍号，统计。",
    "同步": "与上级学籍中心联网同步，或用U盘交换加密数据包。",
}


class PlaceholderPage(QWidget):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        label = QLabel(self.tr("“{title}”功能尚未开放。").format(title=tr(title)) + "\n\n"
                       + self.tr("开放后可以：") + tr(PLANNED.get(title, "")))
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setWordWrap(True)
        label.setObjectName("placeholderText")
        layout = QVBoxLayout(self)
        layout.addStretch()
        layout.addWidget(label)
        layout.addStretch()
