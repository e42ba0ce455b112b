"""Every printed document type reads like the original and embeds every font it names:
regions as names (辽宁省阜新市彰武县, not 210922000000), dates as 2017-03-05, 入学年月 as
2024年09月; `pdffonts` (poppler) lists no font that is not embedded, in any document."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.domain.paper import paper_row
from desktop.printing import deferral_form, pending_changes, recovery_sheet
from desktop.printing.catalog import DOCUMENTS, STUDENT, Selection
from desktop.printing.pdfa import archive_copy, archive_findings
from desktop.services.changes.deferral import DeferralInput, register_deferral
from desktop.services.registry.pending import pending_list
from desktop.services.reports.registers import printable_deferral
from desktop.services.students.add import add_students
from tests.factories import valid_row

REGION = "210922"
SHOWS_REGION = ("form", "card", "transfer", "check-sheet")
SHOWS_BIRTH = ("form", "card", "roster", "transfer", "certificate", "archive-index", "suspend",
               "resume", "withdraw", "enrolment-proof", "check-sheet")
SHOWS_ENTRY = ("form", "card", "archive-index", "enrolment-proof", "check-sheet")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """Every document type, printed for a pupil from 彰武县 born 2017-03-05, entered 202409."""
    from desktop.services.safekeeping.accounts import NewSchool, create_database
    from tests.conftest import FAST_KDF, PASSWORD
    folder = tmp_path_factory.mktemp("paper")
    school = NewSchool(code="4406040001", name="测试县第一小学", stages="小学,初中")
    ws, key = create_database(folder / "p.db", school, "registrar", PASSWORD, FAST_KDF)
    try:
        row = valid_row(region=REGION)
        add_students(ws, [row, valid_row(name="李四", seq=13)])
        out = {}
        for kind, document in DOCUMENTS.items():
            selection = (Selection(student=row["身份证件号"]) if document.scope == STUDENT
                         else Selection(classes=("三年级(2)班",)))
            out[kind] = document.make(ws, selection).data
        deferral = register_deferral(ws, DeferralInput(
            name="陈小缓", birth_date=dt.date(2019, 4, 2), guardian="陈大", reason="术后休养",
            certificate="县人民医院证明", start=dt.date(2026, 9, 1), phone="13800000000"))
        out["deferral"] = deferral_form.build([printable_deferral(ws, deferral.id)])
        out["pending"] = pending_changes.build(pending_list(ws), dt.datetime(2026, 11, 26, 9))
        out["recovery"] = recovery_sheet.build(recovery_sheet.RecoverySheet(
            school.name, school.code, "registrar", key, dt.date(2026, 11, 26)))
        return out
    finally:
        ws.lock()


def text_of(data: bytes) -> str:
    return "".join("".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def unembedded(data: bytes, tmp_path: Path) -> list[str]:
    """Rows of `pdffonts` whose 'emb' column is not 'yes'."""
    path = tmp_path / "doc.pdf"
    path.write_bytes(data)
    lines = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True,
                           check=True).stdout.splitlines()[2:]
    assert lines, "pdffonts lists no font"
    return [line for line in lines if line.split()[-5] != "yes"]


@pytest.mark.parametrize("kind", [*DOCUMENTS, "deferral", "pending", "recovery"])
def test_every_font_is_embedded(printed, kind, tmp_path) -> None:
    assert unembedded(printed[kind], tmp_path) == []


@pytest.mark.parametrize("kind", SHOWS_REGION)
def test_regions_print_as_names(printed, kind) -> None:
    text = text_of(printed[kind])
    assert "辽宁省阜新市彰武县" in text and REGION + "000000" not in text


@pytest.mark.parametrize("kind", SHOWS_BIRTH)
def test_birth_dates_print_with_dashes(printed, kind) -> None:
    text = text_of(printed[kind])
    assert "2017-03-05" in text and not re.search(r"(?<!\d)20170305(?!\d)", text)


@pytest.mark.parametrize("kind", SHOWS_ENTRY)
def test_entry_month_prints_in_years_and_months(printed, kind) -> None:
    assert "2024年09月" in text_of(printed[kind])


def test_deferral_dates_print_with_dashes(printed) -> None:
    assert "2019-04-02" in text_of(printed["deferral"])


def test_paper_row_turns_codes_and_digits_into_paper_text() -> None:
    row = paper_row({"出生地": "210922000000", "成员2户口所在地": "110101", "出生日期": "20181001",
                     "入学年月": "202409", "姓名": "20181001", "户口所在地": "999999000000"})
    assert row == {"出生地": "辽宁省阜新市彰武县", "成员2户口所在地": "北京市东城区",
                   "出生日期": "2018-10-01", "入学年月": "2024年09月", "姓名": "20181001",
                   "户口所在地": "999999000000"}


@pytest.mark.parametrize("kind", [*DOCUMENTS, "deferral", "pending", "recovery"])
def test_archive_copies_are_pdfa_2b_as_far_as_checkable(printed, kind, tmp_path) -> None:
    """XMP (PDF/A-2, level B, the title of the document information), an sRGB output intent,
    a document ID and embedded fonts; a full validation needs veraPDF, which is not here."""
    assert "no XMP metadata" in archive_findings(printed[kind])  # what reportlab writes alone
    copy = archive_copy(printed[kind], dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC))
    assert archive_findings(copy) == []
    assert unembedded(copy, tmp_path) == []
    assert text_of(copy) == text_of(printed[kind])
    assert copy == archive_copy(printed[kind], dt.datetime(2026, 11, 26, 9, tzinfo=dt.UTC))
