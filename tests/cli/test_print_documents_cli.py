"""`xueji print transfer|suspend|roster` run as real subprocesses (production KDF): each writes
a PDF with the pupils' names and says how many pupils it holds; a roster asked for one
student and a document not yet provided are refused with a Chinese sentence and exit 1.

One database is built once for the module (init + add + three prints: five subprocesses);
the refusals happen before the database is opened and run in-process."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from desktop.cli.main import main as cli_main
from desktop.domain.idnumber import mask
from desktop.messages import TEXT
from tests.cli.test_cli import Run, write_json, xueji
from tests.factories import SCHOOL_CODE, valid_row

USER = "registrar"
CLASS = "三年级(2)班"
PUPILS = [valid_row(name="欧阳𠮷祥", seq=11), valid_row(name="李四", seq=13, birth=dt.date(2017, 6, 1))]


@dataclass
class School:
    tmp: Path
    setup: list[Run]
    transfer: Run
    suspend: Run
    roster: Run


def _pdf_pages(path: Path) -> list[str]:
    return ["".join(page.extract_text().split())
            for page in PdfReader(io.BytesIO(path.read_bytes())).pages]


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> School:
    tmp = tmp_path_factory.mktemp("print_cli")
    db = tmp / "school.db"
    common = ("--db", str(db), "--user", USER)
    init = xueji(tmp, "init", "--db", db, "--school-code", SCHOOL_CODE, "--school-name",
                 "测试县第一小学", "--user", USER, "--stages", "小学,初中")
    add = xueji(tmp, "student", "add", *common, "--json", write_json(tmp / "pupils.json", PUPILS))
    transfer = xueji(tmp, "print", "transfer", *common, "--student", PUPILS[0]["身份证件号"],
                     "--out", tmp / "transfer.pdf")
    suspend = xueji(tmp, "print", "suspend", *common, "--class", CLASS, "--out", tmp / "suspend.pdf")
    roster = xueji(tmp, "print", "roster", *common, "--class", CLASS, "--out", tmp / "roster.pdf")
    return School(tmp, [init, add], transfer, suspend, roster)


def test_setup_succeeded(school: School) -> None:
    assert [run.code for run in school.setup] == [0, 0], [run.err for run in school.setup]


def test_transfer_form_for_one_student(school: School) -> None:
    run = school.transfer
    assert run.code == 0, run.err
    assert "1 名学生" in run.out
    [page] = _pdf_pages(school.tmp / "transfer.pdf")
    assert "转学联系表" in page and "欧阳𠮷祥" in page and PUPILS[0]["身份证件号"] in page


def test_suspension_forms_for_a_class(school: School) -> None:
    run = school.suspend
    assert run.code == 0, run.err
    assert "2 名学生" in run.out
    pages = _pdf_pages(school.tmp / "suspend.pdf")
    assert len(pages) == 2
    assert all("休学申请（审批）表" in page for page in pages)
    assert "李四" in pages[0] and "欧阳𠮷祥" in pages[1]


def test_roster_of_a_class_masks_ids(school: School) -> None:
    run = school.roster
    assert run.code == 0, run.err
    assert CLASS in run.out and "2 名学生" in run.out
    [page] = _pdf_pages(school.tmp / "roster.pdf")
    assert "班级学生名册" in page and "欧阳𠮷祥" in page and "李四" in page
    for pupil in PUPILS:
        assert pupil["身份证件号"] not in page and mask(pupil["身份证件号"]) in page


def test_roster_for_one_student_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "roster.pdf"
    code = cli_main(["print", "roster", "--db", str(tmp_path / "none.db"), "--user", USER,
                     "--student", PUPILS[0]["身份证件号"], "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert err.strip() == TEXT["print.roster_needs_class"]


def test_archive_index_for_a_class(school: School) -> None:
    db = school.tmp / "school.db"
    run = xueji(school.tmp, "print", "archive-index", "--db", db, "--user", USER, "--class", CLASS,
                "--out", school.tmp / "index.pdf")
    assert run.code == 0, run.err
    assert "2 名学生" in run.out
    pages = _pdf_pages(school.tmp / "index.pdf")
    assert any("卷内目录" in page for page in pages)
    assert any("欧阳𠮷祥" in page for page in pages) and any("李四" in page for page in pages)


def test_student_document_needs_student_or_class(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "form.pdf"
    code = cli_main(["print", "form", "--db", str(tmp_path / "none.db"), "--user", USER,
                     "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and not out.exists()
    assert err.strip() == TEXT["print.needs_student_or_class"]
