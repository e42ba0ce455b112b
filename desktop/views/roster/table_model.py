"""The roster table model: rows are fetched a page at a time from the search service and
cached; the model never holds more than a few pages of the school's students.

Sorting and filtering happen in SQL (services.students.read); the model only knows the total
count of the current query and the pages it has been asked to show.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, QPersistentModelIndex, Qt

from desktop.domain.idnumber import mask
from desktop.services.context import Workspace
from desktop.services.students.dto import StudentRow
from desktop.services.students.read import StudentQuery, search
from desktop.views.widgets.headed_model import HeadedTableModel
from desktop.views.wording import tr

# A search reads one page at once: a window's worth of rows (about 25 on a 768-pixel screen,
# 45 on a tall one), not more, since every row read is a row built. Scrolling reads the next.
PAGE_SIZE = 50
MAX_PAGES = 40
COLUMNS = ("姓名", "性别", "出生日期", "年级", "班级", "身份证件号", "学籍号", "学籍状态", "标记")
StudentIdRole = Qt.ItemDataRole.UserRole + 1
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_STUDENT_ID = int(StudentIdRole)
Index = QModelIndex | QPersistentModelIndex


class RosterModel(HeadedTableModel):
    columns = COLUMNS

    def __init__(self, workspace: Workspace, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.query = StudentQuery()
        self.total = 0
        self.reveal_ids = False
        self._pages: OrderedDict[int, tuple[StudentRow, ...]] = OrderedDict()
        self._cells: dict[int, tuple[str, ...]] = {}  # row -> display texts, for painted rows
        self._pending = tr("（待确认）")

    # --- queries -------------------------------------------------------------------------
    def set_query(self, query: StudentQuery) -> None:
        """Show the students matching `query` (first page fetched at once)."""
        self.beginResetModel()
        self.query = query
        self._pages.clear()
        self._cells.clear()
        first = search(self.workspace, query, offset=0, limit=PAGE_SIZE)
        self.total = first.total
        self._pages[0] = first.rows
        self.endResetModel()

    def refresh_rows(self) -> None:
        """Some pupils' records changed: count the query again and forget the fetched rows, so
        the rows on screen are read again as they are painted. Selection and scroll position
        stay unless the number of matches changed (then the model starts over)."""
        total = search(self.workspace, self.query, offset=0, limit=0).total
        if total != self.total:
            self.set_query(self.query)
            return
        self._pages.clear()
        self._cells.clear()
        if self.total:
            self.dataChanged.emit(self.index(0, 0), self.index(self.total - 1, len(COLUMNS) - 1))

    def set_reveal_ids(self, reveal: bool) -> None:
        self.reveal_ids = reveal
        self._cells.clear()
        if self.total:  # both the ID number and the 学籍号 (a G number holds the ID) change
            first, last = COLUMNS.index("身份证件号"), COLUMNS.index("学籍号")
            self.dataChanged.emit(self.index(0, first), self.index(self.total - 1, last))

    def row_at(self, row: int) -> StudentRow | None:
        if not 0 <= row < self.total:
            return None
        page = row // PAGE_SIZE
        if page not in self._pages:
            fetched = search(self.workspace, self.query, offset=page * PAGE_SIZE, limit=PAGE_SIZE)
            self._pages[page] = fetched.rows
            while len(self._pages) > MAX_PAGES:
                evicted, _rows = self._pages.popitem(last=False)
                for key in range(evicted * PAGE_SIZE, (evicted + 1) * PAGE_SIZE):
                    self._cells.pop(key, None)
        self._pages.move_to_end(page)
        rows = self._pages[page]
        offset = row - page * PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    # --- Qt model interface ---------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.total

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # Asked seven times for every painted cell (font, alignment, colours, check state,
        # decoration, text, background): the text comes from the row's formatted cells, every
        # other role but the id is answered None at once.
        if role == _DISPLAY:
            row = index.row()
            cells = self._cells.get(row)
            if cells is None:
                if not index.isValid() or (student := self.row_at(row)) is None:
                    return None
                cells = self._cells[row] = self._format(student)
            column = index.column()
            return cells[column] if 0 <= column < len(cells) else None
        if role == _STUDENT_ID and index.isValid():
            student = self.row_at(index.row())
            return student.id if student else None
        return None

    def _format(self, row: StudentRow) -> tuple[str, ...]:
        number, xjh = row.id_number or "", row.xjh or ""
        if not self.reveal_ids:  # a G 学籍号 carries the ID number: masked alike
            number, xjh = mask(number), (xjh[:1] + mask(xjh[1:]) if xjh else "")
        return (
            row.name, tr(row.sex), f"{row.birth_date:%Y-%m-%d}", row.grade_name, row.class_name,
            number, xjh + (self._pending if xjh and row.xjh_provisional else ""),
            tr(row.status), "、".join(tr(flag) for flag in row.flags),
        )
