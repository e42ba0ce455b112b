"""待办 with many items: the kinds on the left with their counts, narrowed by kind, class,
overdue and a name or number; a pupil entered late is not overdue at once."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.changes.tasks import ARCHIVE_ITEM
from desktop.services.context import Workspace
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search
from desktop.views.changes.tasks_page import COLUMNS, TasksPage
from tests.factories import valid_row

TODAY = dt.date(2026, 12, 7)
NAME = COLUMNS.index("姓名")


@pytest.fixture
def page(qtbot, ws: Workspace) -> TasksPage:
    rows = [{**valid_row(name=name, seq=seq, birth=dt.date(2020, 3, 5), class_name=klass),
             "入学年月": "202609"} for name, seq, klass in (
        ("吴一", 21, "一年级(1)班"), ("吴二", 23, "一年级(1)班"), ("吴三", 25, "一年级(2)班"))]
    add_students(ws, rows, today=dt.date(2026, 9, 7))  # folders due 2026-11-01: overdue now
    late = {**valid_row(name="郑新", seq=27, birth=dt.date(2020, 4, 5), class_name="一年级(2)班"),
            "入学年月": "202609"}
    add_students(ws, [late], today=TODAY)  # entered today: due in February, not overdue
    number = search(ws, StudentQuery(text="吴三")).rows[0].id_number
    apply_change(ws, ChangeRequest(student=number, change="转出", effective=dt.date(2026, 12, 1)))
    widget = TasksPage(ws, today=TODAY)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def names(page: TasksPage) -> list[str]:
    return sorted(page.model.index(r, NAME).data() for r in range(page.model.rowCount()))


def group_texts(page: TasksPage) -> list[str]:
    return [page.groups.item(r).text() for r in range(page.groups.count())]


def test_kinds_are_listed_with_their_counts(page: TasksPage) -> None:
    texts = group_texts(page)
    assert texts[0] == "全部事项\n5 项，逾期 3 项"
    archive = next(t for t in texts if t.startswith(ARCHIVE_ITEM))
    assert archive.endswith("4 项，逾期 3 项")
    page.groups.setCurrentRow(texts.index(archive))
    assert names(page) == ["吴一", "吴三", "吴二", "郑新"]
    transfer = next(i for i, t in enumerate(texts) if t.startswith("办理转出"))
    page.groups.setCurrentRow(transfer)
    assert names(page) == ["吴三"]


def test_a_pupil_entered_late_is_not_overdue_at_once(page: TasksPage) -> None:
    page.overdue_only.setChecked(True)
    assert "郑新" not in names(page)
    assert names(page) == ["吴一", "吴三", "吴二"]
    assert "显示 3 项" in page.summary.text()


def test_narrowed_by_class_and_by_a_name(qtbot, page: TasksPage) -> None:
    page.klass.setCurrentIndex(page.klass.findData("一年级(2)班"))
    assert names(page) == ["吴三", "吴三", "郑新"]
    page.search.setText("郑")
    page.search.flush()
    assert names(page) == ["郑新"]
    page.klass.setCurrentIndex(0)
    page.search.setText("")
    page.search.flush()
    assert len(names(page)) == 5


def test_the_choice_is_kept_when_the_list_is_read_again(page: TasksPage) -> None:
    page.groups.setCurrentRow(1)
    chosen = page.chosen().item
    page.overdue_only.setChecked(True)
    page.reload()
    assert page.chosen().item == chosen and page.overdue_only.isChecked()
