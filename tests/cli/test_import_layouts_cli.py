"""`xueji import` with files in other layouts of the national template, as a real subprocess
on a real encrypted database: unknown columns are refused by name (nothing written) until a
template profile covers them; --profile names the profile, and the one saved for the same
headers is used without being named; 班号 without a class are refused once each, and
--class-code answers them; an ambiguous value is refused with the valid names."""

from __future__ import annotations

import pytest

from desktop.domain.header_aliases import LEAVE_OUT
from desktop.exchange.files import read_import
from desktop.services.importing.profiles import TemplateProfile, layout_of, save_profile
from desktop.services.safekeeping.accounts import NewSchool, create_database
from tests.cli.test_import_export_cli import USER, Run, xueji
from tests.conftest import FAST_KDF, PASSWORD
from tests.exchange.layouts import COUNTY_XLS, PROVINCE_78, write_xls, write_xlsx
from tests.exchange.test_layouts import pupils
from tests.exchange.workbooks import write_workbook
from tests.factories import SCHOOL_CODE


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Run]:
    tmp = tmp_path_factory.mktemp("layouts-cli")
    db = tmp / "school.db"
    province = write_xlsx(tmp / "province.xlsx", PROVINCE_78, pupils())
    county = write_xls(tmp / "county.xls", COUNTY_XLS, pupils())
    ambiguous = write_workbook(tmp / "ambiguous.xlsx", [{**pupils()[0], "是否留守儿童": "是"}])
    school = NewSchool(code=SCHOOL_CODE, name="测试县第一小学", stages="小学,初中")
    ws, _key = create_database(db, school, USER, PASSWORD, FAST_KDF)
    try:
        headers = read_import(county).headers
        save_profile(ws, TemplateProfile("某县2017版", layout_of(headers), {"家长微信号": LEAVE_OUT},
                                         {"01-2023001": "三年级(1)班"}))
        headers = read_import(province).headers
        save_profile(ws, TemplateProfile("某省78项", ("另一种表头",), {
            "是否农村留守": "是否留守儿童", "寄宿生": LEAVE_OUT, "学生联系人": LEAVE_OUT}))
    finally:
        ws.lock()
    base = ("--db", db, "--user", USER)
    steps = {
        "unknown": ("import", *base, province, "--dry-run"),
        "no_such_profile": ("import", *base, province, "--profile", "没有这个"),
        "profile": ("import", *base, province, "--profile", "某省78项", "--dry-run"),
        "codes_missing": ("import", *base, county, "--dry-run"),
        "codes": ("import", *base, county, "--class-code", "01-2023002=三年级(2)班",
                  "--class-code", "01-2026003=初一(3)班", "--dry-run"),
        "bad_code_arg": ("import", *base, county, "--class-code", "2023002"),
        "ambiguous": ("import", *base, ambiguous, "--dry-run"),
    }
    return {name: xueji(tmp, *args) for name, args in steps.items()}


def test_unknown_columns_are_refused_by_name_until_a_profile_covers_them(runs) -> None:
    run = runs["unknown"]
    assert run.code == 1
    assert "有国家模板以外的列：是否农村留守（第AB列）、寄宿生（第BU列）、学生联系人（第BV列）" in run.err
    assert "Traceback" not in run.err


def test_a_named_profile_reads_the_columns_it_covers(runs) -> None:
    run = runs["profile"]
    assert run.code == 0, run.err
    assert "按导入模板“某省78项”读取" in run.out and run.counts == (3, 0, 0, 0)
    assert "没有名为“没有这个”的导入模板。已保存的模板：某县2017版、某省78项。" in runs["no_such_profile"].err


def test_class_codes_are_refused_once_each_then_answered(runs) -> None:
    missing = runs["codes_missing"]
    assert missing.code == 1
    assert "按导入模板“某县2017版”读取" in missing.out  # found by its headers
    assert "这些班号还没有对应的班级：01-2023002、01-2026003。" in missing.err
    assert missing.err.count("01-2023002") == 1
    assert runs["codes"].code == 0, runs["codes"].err
    assert runs["codes"].counts == (3, 0, 0, 0)
    assert "--class-code 应写成 班号=班级名称" in runs["bad_code_arg"].err


def test_an_ambiguous_value_is_refused_with_the_valid_names(runs) -> None:
    run = runs["ambiguous"]
    assert run.code == 1
    assert "第2行 是否留守儿童: “是”有歧义，可填：非留守儿童、单亲留守儿童、双亲留守儿童" in run.err
