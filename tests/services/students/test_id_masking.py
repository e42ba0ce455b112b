"""A 查看 (viewer) account never gets a whole ID number or 学籍号 from the services: not in
the roster, the student record, the CLI's JSON rows, an export, a printed form or register
(even with "show full numbers" asked for), the to-do list or the deferral register. A
registrar gets them whole (the views mask them until asked)."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from desktop.exchange.files import export_workbook
from desktop.printing.catalog import DOCUMENTS, Selection
from desktop.services.changes.deferral import DeferralInput, active_deferrals, register_deferral
from desktop.services.changes.status import ChangeRequest, apply_change
from desktop.services.changes.tasks import list_tasks
from desktop.services.context import Role, Workspace
from desktop.services.safekeeping.accounts import add_account, unlock
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, get_student, search, template_rows
from tests.conftest import FAST_KDF
from tests.factories import resident_id, valid_row

TODAY = dt.date(2026, 11, 26)
CHILD_ID = resident_id("440604", dt.date(2020, 3, 1), 21)


@pytest.fixture
def row(ws: Workspace) -> dict[str, str]:
    row = valid_row()
    student = add_students(ws, [row], today=TODAY).ids[0]
    apply_change(ws, ChangeRequest(student, "休学", TODAY, dt.date(2027, 6, 30), "因病"))
    register_deferral(ws, DeferralInput("王小小", dt.date(2020, 3, 1), "王大明", "身体原因",
                                        "县医院证明", TODAY, CHILD_ID))
    return row


@pytest.fixture
def viewer(ws: Workspace, row: dict[str, str], db_path: Path) -> Iterator[Workspace]:
    add_account(ws, "viewer1", Role.VIEWER, "viewer-pass-1", FAST_KDF)
    viewer = unlock(db_path, "viewer1", "viewer-pass-1")
    yield viewer
    viewer.lock()


def numbers(row: dict[str, str]) -> list[str]:
    """The whole numbers of the student and the family that must not reach a viewer."""
    return [row["身份证件号"], row["成员1身份证件号"], CHILD_ID]


def assert_none_whole(text: str, row: dict[str, str]) -> None:
    for number in numbers(row):
        assert number not in text, number
        assert number[:6] in text or number == CHILD_ID  # masked: the region code stays


def test_roster_record_and_json_rows(viewer: Workspace, row: dict[str, str]) -> None:
    [found] = search(viewer, StudentQuery()).rows
    assert found.id_number == row["身份证件号"][:6] + "********" + row["身份证件号"][-4:]
    assert found.xjh and found.xjh.startswith("G440604") and "*" in found.xjh
    detail = get_student(viewer, found.id)
    text = repr(detail.values) + repr(detail.members) + str(detail.xjh)
    assert_none_whole(text, row)
    assert_none_whole(repr(list(template_rows(viewer, StudentQuery()))), row)


def test_a_search_by_the_whole_number_still_finds_the_pupil(viewer: Workspace,
                                                            row: dict[str, str]) -> None:
    assert search(viewer, StudentQuery(text=row["身份证件号"])).total == 1


def test_the_export_workbook(viewer: Workspace, row: dict[str, str], tmp_path: Path) -> None:
    path = tmp_path / "out.xlsx"
    assert export_workbook(viewer, path) == 1
    sheet = load_workbook(path, read_only=True).worksheets[0]
    cells = " ".join(str(c) for r in sheet.iter_rows(values_only=True) for c in r if c)
    assert_none_whole(cells, row)


@pytest.mark.parametrize("kind", ["form", "card", "roster", "transfer"])
def test_printed_documents_even_with_full_numbers_asked(viewer: Workspace, row: dict[str, str],
                                                        kind: str) -> None:
    document = DOCUMENTS[kind]
    selection = (Selection(classes=(row["班级"],), show_ids=True) if kind == "roster"
                 else Selection(student=row["身份证件号"], show_ids=True))
    pdf = PdfReader(io.BytesIO(document.make(viewer, selection).data))
    text = "".join(page.extract_text() for page in pdf.pages).replace("\n", "")
    for number in numbers(row)[:1]:
        assert number not in text


def test_tasks_and_deferrals(viewer: Workspace, row: dict[str, str]) -> None:
    tasks = list_tasks(viewer, TODAY)
    assert tasks and all(t.id_number is None or "*" in t.id_number for t in tasks)
    [deferral] = active_deferrals(viewer)
    assert deferral.id_number != CHILD_ID and "*" in deferral.id_number
    assert row  # the pupil of the fixture is on the list


def test_a_registrar_gets_whole_numbers(ws: Workspace, row: dict[str, str]) -> None:
    [found] = search(ws, StudentQuery()).rows
    assert found.id_number == row["身份证件号"]
    assert get_student(ws, found.id).values["id_number"] == row["身份证件号"]
    assert active_deferrals(ws)[0].id_number == CHILD_ID


def test_a_registrars_printed_form_carries_the_whole_number(ws: Workspace,
                                                            row: dict[str, str]) -> None:
    """The check above would be empty if the number could not be read back from a PDF."""
    printed = DOCUMENTS["form"].make(ws, Selection(student=row["身份证件号"]))
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(printed.data)).pages)
    assert row["身份证件号"] in text.replace("\n", "")
