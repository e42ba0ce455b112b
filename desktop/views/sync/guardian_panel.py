"""家长申请: guardians' requests to update contact items of a pupil, received through sync.
The registrar answers every item (同意 / 不同意 with a reason the guardian will see); the
accepted items come back from the registry as an update of the record, so nothing is
written here by hand."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.registry.case_commands import answer_guardian_request
from desktop.services.registry.case_list import GuardianRow, list_guardian_requests
from desktop.services.students.id_policy import mask_xjh
from desktop.views.widgets.banner import MessageBanner
from desktop.views.widgets.forms import ReadOnlyTable, item_at
from desktop.views.wording import say, tr

REQUEST_COLUMNS = ("学生", "学籍号", "提交时间", "状态", "查询码")
ITEM_COLUMNS = ("项目", "现在登记的", "家长申请改为", "答复", "不同意的理由")
OUTCOMES = {"pending": "待答复", "accepted": "同意", "rejected": "不同意"}
ANSWER, REASON = 3, 4


class GuardianPanel(QWidget):
    changed = Signal()

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.rows: list[GuardianRow] = []
        self.requests = ReadOnlyTable([tr(c) for c in REQUEST_COLUMNS])
        self.items = ReadOnlyTable([tr(c) for c in ITEM_COLUMNS])
        self.phone_label = QLabel()
        self.submit_button = QPushButton(self.tr("提交答复"))
        self.banner = MessageBanner()
        note = QLabel(self.tr("家长通过学籍中心申请修改联系方式等信息。请核实后逐项答复；同意的项目由学籍中心"
                              "更新后同步回本机。"))
        note.setWordWrap(True)
        actions = QHBoxLayout()
        actions.addWidget(self.phone_label, 1)
        actions.addWidget(self.submit_button)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.requests, 2)
        layout.addWidget(self.items, 2)
        layout.addLayout(actions)
        layout.addWidget(self.banner)
        self.requests.itemSelectionChanged.connect(self._show_selected)
        self.submit_button.clicked.connect(self.submit)

    def reload(self) -> None:
        self.rows = list_guardian_requests(self.workspace)
        blocked = self.requests.blockSignals(True)  # one redraw of the items below, not three
        self.requests.fill([(r.student_name, mask_xjh(r.xjh) or "", r.submitted_at, self._state(r), r.code)
                            for r in self.rows])
        if self.rows:
            self.requests.selectRow(0)
        self.requests.blockSignals(blocked)
        self._show_selected()

    def _state(self, row: GuardianRow) -> str:
        if row.state != "open":
            return self.tr("已答复")
        return self.tr("已答复，待上报") if row.answer_queued else self.tr("待答复")

    def selected(self) -> GuardianRow | None:
        index = self.requests.currentRow()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def _show_selected(self) -> None:
        row = self.selected()
        answerable = bool(row and row.state == "open" and not row.answer_queued)
        self.submit_button.setEnabled(answerable)
        self.phone_label.setText(self.tr("监护人电话：{phone}").format(phone=row.guardian_phone)
                                 if row else "")
        items = row.items if row else ()
        for index in range(self.items.rowCount()):
            self.items.removeCellWidget(index, ANSWER)
        self.items.fill([(tr(i.label), i.current, i.requested, "", i.reason) for i in items])
        for index, item in enumerate(items):
            if answerable:
                choice = QComboBox()
                choice.addItem(self.tr("同意"), True)
                choice.addItem(self.tr("不同意"), False)
                self.items.setCellWidget(index, ANSWER, choice)
                editable = QTableWidgetItem("")
                editable.setFlags(editable.flags() | Qt.ItemFlag.ItemIsEditable)
                self.items.setItem(index, REASON, editable)
            else:
                self.items.setItem(index, ANSWER, QTableWidgetItem(tr(OUTCOMES[item.outcome])))
        self.items.setEditTriggers(self.items.EditTrigger.AllEditTriggers if answerable
                                   else self.items.EditTrigger.NoEditTriggers)

    def choose(self, field: str, accept: bool, reason: str = "") -> None:
        """Answer one item of the selected request, as a click in its row would."""
        row = self.selected()
        fields = [i.field for i in row.items] if row else []
        choice = self.items.cellWidget(fields.index(field), ANSWER) if field in fields else None
        if isinstance(choice, QComboBox):
            choice.setCurrentIndex(0 if accept else 1)
            item_at(self.items, fields.index(field), REASON).setText(reason)

    def submit(self) -> None:
        row = self.selected()
        if row is None:
            return
        accepted: dict[str, bool] = {}
        reasons: dict[str, str] = {}
        for index, item in enumerate(row.items):
            choice = self.items.cellWidget(index, ANSWER)
            accepted[item.field] = bool(choice.currentData()) if isinstance(choice, QComboBox) else True
            reasons[item.field] = item_at(self.items, index, REASON).text()
        try:
            answer_guardian_request(self.workspace, row.request_id, accepted, reasons)
        except ServiceError as exc:
            self.banner.show_message(say(exc.code, exc.params))
            return
        self.banner.show_message(self.tr("答复已保存，将在下次同步时上报学籍中心。"), "info")
        self.reload()
        self.changed.emit()
