"""The audit log for inspections (services.safekeeping.audit_view, exchange.audit_export): filters by
day, account and record, ID numbers masked in what is shown and exported, CSV and XLSX
exports whose cells Excel cannot take for formulas, and no reading for a viewer."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.exchange.audit_export import HEADERS, write_audit
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError
from desktop.services.safekeeping.accounts import add_account, unlock
from desktop.services.safekeeping.audit_view import AuditQuery, account_names, audit_lines, count_audit
from desktop.services.students.add import add_students
from tests.conftest import FAST_KDF
from tests.factories import valid_row

TODAY = dt.date.today()
HOSTILE = "=HYPERLINK(\"http://x\",\"点我\")"


@pytest.fixture
def logged(ws: Workspace) -> dict[str, str]:
    """A student added, a second one added by another registrar, a change with a reason
    that starts like a formula."""
    row = valid_row()
    add_students(ws, [row])
    apply_change(ws, ChangeRequest(row["身份证件号"], "休学", TODAY, TODAY + dt.timedelta(days=90),
                                   HOSTILE))
    add_account(ws, "clerk", Role.REGISTRAR, "clerk-pass-1", FAST_KDF)
    clerk = unlock(ws.store.path, "clerk", "clerk-pass-1")
    try:
        add_students(clerk, [valid_row(name="李小红", seq=12)])
    finally:
        clerk.lock()
    return row


def test_all_lines_in_order_with_names(ws: Workspace, logged: dict[str, str]) -> None:
    lines = audit_lines(ws, AuditQuery())
    assert [line.seq for line in lines] == sorted(line.seq for line in lines)
    assert {line.user for line in lines} == {"registrar", "clerk"}
    assert count_audit(ws, AuditQuery()) == len(lines)
    assert account_names(ws) == ["clerk", "registrar"]


def test_filters(ws: Workspace, logged: dict[str, str]) -> None:
    by_clerk = audit_lines(ws, AuditQuery(user="clerk"))
    assert [line.action for line in by_clerk] == ["student.create"]
    pupil = audit_lines(ws, AuditQuery(record=logged["身份证件号"]))
    assert [line.action for line in pupil] == ["student.create", "student.status_change"]
    everything = audit_lines(ws, AuditQuery())
    # the days the entries were written on, as the registrar's calendar has them (a run may cross midnight)
    first, last = (_local_day(everything[0].at), _local_day(everything[-1].at))
    assert audit_lines(ws, AuditQuery(start=first, end=last)) == everything
    assert audit_lines(ws, AuditQuery(start=last + dt.timedelta(days=1))) == []
    assert audit_lines(ws, AuditQuery(end=first - dt.timedelta(days=1))) == []


def _local_day(at: dt.datetime) -> dt.date:
    """The local date of an audit entry's time (stored in UTC)."""
    return at.replace(tzinfo=dt.UTC).astimezone().date()


def test_refusals(ws: Workspace, logged: dict[str, str]) -> None:
    for query, code in ((AuditQuery(start=TODAY, end=TODAY - dt.timedelta(days=1)), "audit.range"),
                        (AuditQuery(user="nobody"), "audit.user_unknown")):
        with pytest.raises(ServiceError) as caught:
            audit_lines(ws, query)
        assert caught.value.code == code
    add_account(ws, "viewer1", Role.VIEWER, "viewer-pass-1", FAST_KDF)
    viewer = unlock(ws.store.path, "viewer1", "viewer-pass-1")
    try:
        with pytest.raises(ServiceError) as caught:
            audit_lines(viewer, AuditQuery())
        assert caught.value.code == "permission.denied"
    finally:
        viewer.lock()


def test_id_numbers_are_masked(ws: Workspace, logged: dict[str, str]) -> None:
    content = " ".join(line.content for line in audit_lines(ws, AuditQuery()))
    assert "王小明" in content  # an inspector sees who
    for number in (logged["身份证件号"], logged["成员1身份证件号"]):
        assert number not in content
        assert number[:6] + "********" + number[-4:] in content


def test_csv_export_opens_in_excel_without_formulas(ws: Workspace, logged: dict[str, str],
                                                    tmp_path: Path) -> None:
    path = tmp_path / "审计.csv"
    count = write_audit(path, audit_lines(ws, AuditQuery()))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == HEADERS and len(rows) == count + 1
    assert all(not cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert any(HOSTILE.replace('"', '""')[1:] in ",".join(row) or "点我" in ",".join(row)
               for row in rows)


def test_xlsx_export_holds_text_cells(ws: Workspace, logged: dict[str, str],
                                      tmp_path: Path) -> None:
    path = tmp_path / "审计.xlsx"
    count = write_audit(path, audit_lines(ws, AuditQuery()))
    sheet = load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows())
    assert len(rows) == count + 1
    assert all(cell.data_type != "f" for row in rows for cell in row)


def test_other_file_types_are_refused(ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(ServiceError) as caught:
        write_audit(folder / "审计.txt", audit_lines(ws, AuditQuery()))
    assert caught.value.code == "audit.export_format"
    assert list(folder.iterdir()) == []
