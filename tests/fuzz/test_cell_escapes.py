"""Control characters written into a workbook's XML the ways a file can carry them: the
`_xHHHH_` escape of OOXML, an XML character reference `&#x1;` (legal in XML 1.0 only for
tab and line breaks, but written by some tools), or the character itself. Whatever the form,
the import refuses the row naming its Excel row and column, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.domain.fields import template_headers
from desktop.domain.text_rules import text_problem
from desktop.exchange.files import apply_workbook, read_import
from desktop.models.student import FamilyMember, Student
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.importing.plan import ImportRefused
from tests.dbutil import counts
from tests.factories import valid_row
from tests.fuzz import profile
from tests.fuzz.packages import inline_row, write_package

HEADERS = template_headers()
CODES = [*range(0x20), 0x7F, *range(0x80, 0xA0), 0x061C, 0x200E, 0x200F,
         *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
FORMS = {
    "_xHHHH_": lambda c: f"_x{c:04X}_",
    "_xhhhh_": lambda c: f"_x{c:04x}_",
    "&#xH;": lambda c: f"&#x{c:X};",
    "&#D;": lambda c: f"&#{c};",
    "raw": chr,
}
LAYOUT = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x1C, 0x1D, 0x1E, 0x1F, 0x85}  # whitespace: becomes a space


def _import(ws: Workspace, tmp_path: Path, header: str, text: str) -> tuple[str, str] | None:
    """Import one row whose `header` cell is `text` (as XML); the (row, column) refused, or
    None when it was imported."""
    row = valid_row()
    row[header] = text
    path = tmp_path / "escapes.xlsx"
    write_package(path, inline_row(1, HEADERS) + inline_row(2, [row.get(h, "") for h in HEADERS]))
    try:
        apply_workbook(ws, read_import(path))
    except ImportRefused as refused:
        return next((str(r.row), p.header) for r in refused.plan.rows for p in r.problems
                    if not p.warning)
    return None


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("code", [0x00, 0x1B, 0x9B, 0x202E])
def test_each_form_is_refused_naming_row_and_column(ws: Workspace, tmp_path: Path,
                                                    form: str, code: int) -> None:
    before = counts(ws, "student", "audit_log")
    try:
        outcome = _import(ws, tmp_path, "现住址", "人民路" + FORMS[form](code) + "1号")
    except ServiceError as exc:  # not well-formed XML (a C0 character or its reference)
        assert form in ("raw", "&#xH;", "&#D;") and code < 0x20 and exc.code == "import.unreadable"
    else:
        assert outcome == ("2", "现住址")
    assert counts(ws, "student", "audit_log") == before


@profile.quick(50)
@given(code=st.sampled_from(CODES), form=st.sampled_from(sorted(FORMS)),
       header=st.sampled_from(["姓名", "现住址", "成员1姓名", "成员1工作单位", "特长"]),
       before=st.sampled_from(["", "王", "人民路"]), after=st.sampled_from(["", "明", "1号"]))
def test_no_form_of_any_control_character_is_stored(ws: Workspace, tmp_path: Path, code: int,
                                                    form: str, header: str, before: str,
                                                    after: str) -> None:
    written = counts(ws, "student")["student"]
    try:
        refused = _import(ws, tmp_path, header, before + FORMS[form](code) + after)
    except ServiceError as exc:
        profile.assert_refusal(exc)
        return
    if refused is None:
        assert code in LAYOUT
        with ws.store.reading() as session:
            texts = [v for s in session.query(Student) for v in vars(s).values()
                     if isinstance(v, str)]
            texts += [v for m in session.query(FamilyMember) for v in vars(m).values()
                      if isinstance(v, str)]
        assert all(text_problem(v) is None for v in texts)
        return
    assert refused == ("2", header)
    assert counts(ws, "student")["student"] == written
