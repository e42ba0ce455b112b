"""Files in three real layouts (real-templates.md) give the same register as the §8.2 file,
value for value, and no column is dropped without the registrar seeing it: unknown columns
are listed, refused by the CLI until a template profile says what they hold, and the profile
is offered again for a file with the same headers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from desktop.domain.fields import template_headers
from desktop.domain.header_aliases import LEAVE_OUT
from desktop.exchange.files import apply_workbook, preview_import, read_import
from desktop.exchange.xlsx_reader import SheetData
from desktop.services.context import Workspace
from desktop.services.importing.plan import RowAction
from desktop.services.importing.profiles import (
    TemplateProfile,
    layout_of,
    profile_for,
    save_profile,
)
from desktop.services.reports.export_selection import ExportSelection, export_rows
from desktop.services.safekeeping.accounts import NewSchool, create_database
from tests.conftest import FAST_KDF, PASSWORD
from tests.exchange.layouts import (
    CLASS_CODES,
    COUNTY_XLS,
    EXPORT_2019,
    PROVINCE_78,
    Layout,
    write_xls,
    write_xlsx,
)
from tests.exchange.workbooks import write_workbook
from tests.factories import SCHOOL_CODE, valid_row

TODAY = dt.date(2026, 11, 26)


def pupils() -> list[dict[str, Any]]:
    """Three pupils in the §8.2 layout, optional items filled so every layout has work."""
    first = {**valid_row(), "血型": "A型", "学生来源": "其他", "上下学距离（公里）": "1.5",
             "上下学交通方式": "步行", "是否需要乘坐校车": "否", "残疾类型": "无残疾",
             "是否由政府购买学位": "否", "成员2关系": "其他", "成员2关系说明": "姑姑"}
    second = {**valid_row(name="李小红", seq=12, birth=dt.date(2017, 5, 20), class_name="三年级(1)班"),
              "血型": "O型", "入学方式": "义务教育阶段其他", "是否留守儿童": "单亲留守儿童",
              "是否独生子女": "是", "上下学交通方式": "家长自行接送", "残疾类型": "无残疾"}
    third = {**valid_row(name="赵小刚", seq=13, birth=dt.date(2014, 1, 9), class_name="初一(3)班",
                         region="210922"),
             "血型": "AB型", "是否需要申请资助": "是", "上下学距离（公里）": "12"}
    return [first, second, third]


def fresh(tmp_path: Path, name: str) -> Workspace:
    school = NewSchool(code=SCHOOL_CODE, name="测试县第一小学", stages="小学,初中")
    ws, _recovery = create_database(tmp_path / f"{name}.db", school, "registrar", PASSWORD, FAST_KDF)
    return ws


def register(ws: Workspace) -> dict[str, dict[str, str]]:
    return {row["身份证件号"]: row for row in export_rows(ws, ExportSelection())}


@pytest.fixture
def reference(tmp_path: Path) -> dict[str, dict[str, str]]:
    ws = fresh(tmp_path, "reference")
    try:
        result = apply_workbook(ws, read_import(write_workbook(tmp_path / "82.xlsx", pupils())),
                                today=TODAY)
        assert len(result.created) == 3
        return register(ws)
    finally:
        ws.lock()


def imported(tmp_path: Path, sheet: SheetData, codes: dict[str, str] | None = None,
             profile: TemplateProfile | None = None) -> dict[str, dict[str, str]]:
    ws = fresh(tmp_path, "layout")
    try:
        if profile is not None:
            save_profile(ws, profile)
        preview = preview_import(ws, sheet, TODAY, class_codes=codes)
        assert [p for row in preview.plan.rows for p in row.problems] == []
        assert preview.plan.count(RowAction.NEW) == 3
        apply_workbook(ws, sheet, today=TODAY, class_codes=codes)
        return register(ws)
    finally:
        ws.lock()


def same_register(got: dict[str, dict[str, str]], want: dict[str, dict[str, str]],
                  layout: Layout) -> None:
    compared = [h for h in template_headers() if h not in layout.drop]
    assert got.keys() == want.keys()
    for number, row in want.items():
        assert {h: got[number].get(h) for h in compared} == {h: row.get(h) for h in compared}
    for number in want:
        assert all(not got[number].get(h) for h in layout.drop)


def seen_columns(sheet: SheetData) -> None:
    """Every written header is imported, known and left out, or listed as unknown."""
    assert len(sheet.columns) + len(sheet.class_parts) + len(sheet.ignored) == len(
        [h for h in sheet.headers if h])


def test_national_export_layout_gives_the_same_register(tmp_path: Path, reference) -> None:
    sheet = read_import(write_xlsx(tmp_path / "export.xlsx", EXPORT_2019, pupils()))
    assert sheet.unknown == () and sheet.ignored == ("学籍接续标识",)
    assert set(sheet.class_parts) == {"#年级", "#班级号"}
    seen_columns(sheet)
    same_register(imported(tmp_path, sheet), reference, EXPORT_2019)


def test_county_xls_with_class_codes_gives_the_same_register(tmp_path: Path, reference) -> None:
    path = write_xls(tmp_path / "county.xls", COUNTY_XLS, pupils())
    sheet = read_import(path)
    assert sheet.header_row == 2
    assert [header for _column, header in sheet.unknown] == ["家长微信号"]
    seen_columns(sheet)
    profile = TemplateProfile("某县2017版", layout_of(sheet.headers), {"家长微信号": LEAVE_OUT},
                              {f"01-{code}": name for name, code in CLASS_CODES.items()})
    sheet = read_import(path, profile)
    assert sheet.unknown == () and "家长微信号" in sheet.ignored
    same_register(imported(tmp_path, sheet, dict(profile.class_codes), profile), reference,
                  COUNTY_XLS)


def test_class_codes_without_an_answer_are_asked_once_each(tmp_path: Path) -> None:
    path = write_xls(tmp_path / "county.xls", COUNTY_XLS, [*pupils(), {
        **valid_row(name="钱小二", seq=15, class_name="三年级(2)班")}])
    ws = fresh(tmp_path, "codes")
    try:
        sheet = read_import(path, TemplateProfile("p", (), {"家长微信号": LEAVE_OUT}))
        preview = preview_import(ws, sheet, TODAY, class_codes={"01-2023001": "三年级(1)班"})
    finally:
        ws.lock()
    assert preview.unresolved_codes == ("01-2023002", "01-2026003")  # 2023002 is on two rows
    refused = {row.row: [p.code for p in row.problems] for row in preview.plan.refused}
    assert refused == {3: ["class.code_unanswered"], 5: ["class.code_unanswered"],
                       6: ["class.code_unanswered"]}


def test_provincial_form_with_a_profile_gives_the_same_register(tmp_path: Path, reference) -> None:
    path = write_xlsx(tmp_path / "province.xlsx", PROVINCE_78, pupils())
    sheet = read_import(path)
    assert [h for _c, h in sheet.unknown] == ["是否农村留守", "寄宿生", "学生联系人"]
    profile = TemplateProfile("某省78项", layout_of(sheet.headers),
                              {"是否农村留守": "是否留守儿童", "寄宿生": LEAVE_OUT, "学生联系人": LEAVE_OUT})
    sheet = read_import(path, profile)
    assert sheet.unknown == () and "是否留守儿童" in sheet.columns
    seen_columns(sheet)
    same_register(imported(tmp_path, sheet, profile=profile), reference, PROVINCE_78)


def test_a_saved_profile_is_found_by_the_headers_of_the_next_file(ws: Workspace,
                                                                   tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "province.xlsx", PROVINCE_78, pupils())
    headers = read_import(path).headers
    save_profile(ws, TemplateProfile("某省78项", layout_of(headers), {"寄宿生": LEAVE_OUT}))
    assert profile_for(ws, reversed(headers)).name == "某省78项"  # order does not matter
    assert profile_for(ws, [*headers, "另一列"]) is None
