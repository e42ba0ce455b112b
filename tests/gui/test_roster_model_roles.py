"""What the roster model answers Qt for each cell, role by role: the text of every column as
the service's row says it (ID number and 学籍号 masked until revealed), the student's id for
StudentIdRole, and nothing for any other role, across page boundaries and after eviction."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QModelIndex, Qt

from desktop.domain.idnumber import mask
from desktop.services.context import Workspace
from desktop.services.students.dto import StudentRow
from desktop.services.students.read import StudentQuery, search
from desktop.views.roster import table_model
from desktop.views.roster.table_model import COLUMNS, RosterModel, StudentIdRole
from desktop.views.wording import tr

R = Qt.ItemDataRole
OTHER_ROLES = (R.DecorationRole, R.EditRole, R.ToolTipRole, R.StatusTipRole, R.WhatsThisRole,
               R.FontRole, R.TextAlignmentRole, R.BackgroundRole, R.ForegroundRole,
               R.CheckStateRole, R.SizeHintRole, R.AccessibleTextRole, R.UserRole)


def expected_cells(row: StudentRow, reveal: bool) -> tuple[str, ...]:
    number, xjh = row.id_number or "", row.xjh or ""
    if not reveal:
        number, xjh = mask(number), (xjh[0] + mask(xjh[1:]) if xjh else "")
    pending = tr("（待确认）") if xjh and row.xjh_provisional else ""
    return (row.name, tr(row.sex), row.birth_date.isoformat(), row.grade_name, row.class_name,
            number, xjh + pending, tr(row.status), "、".join(tr(f) for f in row.flags))


@pytest.mark.parametrize("reveal", [False, True])
def test_every_cell_and_role(monkeypatch, seeded: Workspace, reveal: bool) -> None:
    monkeypatch.setattr(table_model, "PAGE_SIZE", 7)
    monkeypatch.setattr(table_model, "MAX_PAGES", 2)
    query = StudentQuery()
    rows = search(seeded, query, limit=1000).rows
    model = RosterModel(seeded)
    model.set_query(query)
    model.set_reveal_ids(reveal)
    assert model.rowCount() == len(rows) == 40
    assert any(row.flags for row in rows) and any(row.xjh for row in rows)
    for number in [*range(len(rows)), *reversed(range(len(rows)))]:  # pages evicted both ways
        row = rows[number]
        cells = expected_cells(row, reveal)
        assert len(cells) == len(COLUMNS)
        for column, text in enumerate(cells):
            index = model.index(number, column)
            assert model.data(index) == model.data(index, R.DisplayRole) == text
            assert model.data(index, StudentIdRole) == row.id
            assert all(model.data(index, role) is None for role in OTHER_ROLES)
        if not reveal and row.id_number:
            assert row.id_number not in "".join(cells)


def test_an_invalid_index_or_column_answers_nothing(seeded: Workspace) -> None:
    model = RosterModel(seeded)
    model.set_query(StudentQuery())
    for role in (R.DisplayRole, StudentIdRole, R.FontRole):
        assert model.data(QModelIndex(), role) is None
    assert model.data(model.index(0, len(COLUMNS))) is None  # no such column
    assert model.data(model.index(model.rowCount(), 0)) is None  # past the last row
