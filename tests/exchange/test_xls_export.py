"""Exporting the national template as Excel 97-2003 (.xls) when the file name asks for it:
the same cells as the .xlsx, text kept as text, a file that imports back into a fresh database
as the same register, a clear refusal past the .xls row limit (nothing written), and the
template profile that remembers a province's .xls so the export offers it first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from python_calamine import CalamineWorkbook
from sqlalchemy import update

from desktop.exchange import xls_writer
from desktop.exchange.files import apply_workbook, export_workbook, read_import
from desktop.models.import_profile import ImportProfile
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.importing.profiles import (
    TemplateProfile,
    get_profile,
    preferred_export_format,
    save_profile,
)
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, template_rows
from tests.exchange.test_export import fresh_database, full_rows
from tests.factories import valid_row

RARE = "𠮷㐀明"  # beyond the BMP and Extension A


def sheets(path: Path) -> dict[str, list[list[object]]]:
    book = CalamineWorkbook.from_path(str(path))
    return {name: book.get_sheet_by_name(name).to_python() for name in book.sheet_names}


@pytest.fixture
def registered(ws: Workspace, today: dt.date) -> Workspace:
    rows = [*full_rows(), valid_row(name=RARE, seq=13)]
    add_students(ws, rows, today=today)
    return ws


def test_the_xls_holds_the_same_cells_as_the_xlsx(registered: Workspace, tmp_path: Path) -> None:
    assert export_workbook(registered, tmp_path / "a.xlsx") == 3
    assert export_workbook(registered, tmp_path / "a.xls") == 3
    new, old = sheets(tmp_path / "a.xls"), sheets(tmp_path / "a.xlsx")
    assert tmp_path.joinpath("a.xls").read_bytes()[:8] == bytes.fromhex("d0cf11e0a1b11ae1")
    assert new["学生信息"] == old["学生信息"]
    names = [row[new["学生信息"][0].index("姓名")] for row in new["学生信息"][1:]]
    assert RARE in names
    postcodes = {row[new["学生信息"][0].index("邮政编码")] for row in new["学生信息"][1:]}
    assert "028000" in postcodes  # a leading zero stays: text, not a number


def test_the_xls_lists_the_valid_names_of_each_coded_column(registered: Workspace,
                                                            tmp_path: Path) -> None:
    export_workbook(registered, tmp_path / "a.xls")
    codes = sheets(tmp_path / "a.xls")["代码表"]
    column = codes[0].index("性别")
    assert [row[column] for row in codes[1:3]] == ["男", "女"]


def test_an_xls_export_imports_back_as_the_same_register(
        registered: Workspace, tmp_path: Path, today: dt.date) -> None:
    path = tmp_path / "out.XLS"  # the suffix in capitals still means .xls
    export_workbook(registered, path)
    other = fresh_database(tmp_path / "other.db")
    try:
        result = apply_workbook(other, read_import(path), today=today)
        assert len(result.created) == 3 and result.plan.refused == ()
        assert list(template_rows(other, StudentQuery())) == list(
            template_rows(registered, StudentQuery()))
    finally:
        other.lock()


def test_more_students_than_an_xls_holds_are_refused_before_writing(tmp_path: Path) -> None:
    path = tmp_path / "big.xls"
    with pytest.raises(xls_writer.TooManyRows) as caught:
        xls_writer.write_template_xls(path, [{}] * 65_536)
    assert caught.value.count == 65_536
    assert list(tmp_path.iterdir()) == []


def test_the_export_says_in_chinese_what_to_do_past_the_limit(
        registered: Workspace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xls_writer, "MAX_ROWS", 2)  # 65,535 pupils are too slow for a unit test
    with pytest.raises(ServiceError) as caught:
        export_workbook(registered, tmp_path / "big.xls")
    assert caught.value.code == "export.xls_too_many" and caught.value.params["count"] == 3
    assert list(tmp_path.glob("*.xls")) == []


def test_a_profile_saved_from_an_xls_makes_xls_the_export_default(ws: Workspace) -> None:
    assert preferred_export_format(ws) == "xlsx"
    save_profile(ws, TemplateProfile("某县2017版", ("姓名",), {}, {}, "xls"))
    assert get_profile(ws, "某县2017版").file_format == "xls"
    assert preferred_export_format(ws) == "xls"
    with ws.store.writing() as session:  # saved a day ago: the next one is the latest
        session.execute(update(ImportProfile).values(updated_at=dt.datetime(2026, 12, 1)))
    save_profile(ws, TemplateProfile("某省2024版", ("性别",), {}, {}, "xlsx"))
    assert preferred_export_format(ws) == "xlsx"  # the latest one decides


def test_an_unknown_format_is_saved_as_xlsx(ws: Workspace) -> None:
    save_profile(ws, TemplateProfile("p", ("姓名",), {}, {}, "csv"))
    assert get_profile(ws, "p").file_format == "xlsx"
