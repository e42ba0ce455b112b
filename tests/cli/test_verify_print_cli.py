"""`xueji verify-print` as a real subprocess: a PDF printed by `xueji print` checks out (exit 0);
a typed code whose hash was altered is reported (exit 1); no code at all is a clear refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_cli import USER, Run, write_json, xueji
from tests.factories import SCHOOL_CODE, valid_row

ROW = valid_row(name="王小明", seq=11)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, Path]:
    tmp = tmp_path_factory.mktemp("verify_print")
    db = tmp / "school.db"
    assert xueji(tmp, "init", "--db", db, "--school-code", SCHOOL_CODE, "--school-name",
                 "测试县第一小学", "--user", USER).code == 0
    assert xueji(tmp, "student", "add", "--db", db, "--user", USER, "--json",
                 write_json(tmp / "one.json", [ROW])).code == 0
    pdf = tmp / "form.pdf"
    made = xueji(tmp, "print", "form", "--db", db, "--user", USER, "--student", ROW["身份证件号"],
                 "--out", pdf)
    assert made.code == 0, made.err
    return tmp, db, pdf


def run(printed: tuple[Path, Path, Path], *args: object) -> Run:
    tmp, db, _pdf = printed
    return xueji(tmp, "verify-print", "--db", db, "--user", USER, *map(str, args))


def test_printed_pdf_checks_out(printed) -> None:
    result = run(printed, "--pdf", printed[2])
    assert result.code == 0, result.err
    assert result.lines[0].startswith("一致\t王小明")
    assert "全部与数据库一致" in result.lines[-1]


def test_altered_code_is_reported(printed) -> None:
    line = run(printed, "--pdf", printed[2]).lines[0]
    record_id = line.split("记录 ")[1].split(" ")[0]
    result = run(printed, f"xueji:{record_id}:1:000000000000")
    assert result.code == 1
    assert result.lines[0].startswith("不一致\t王小明")
    assert "1 份与数据库不一致" in result.err


def test_no_code_is_refused_in_chinese(printed) -> None:
    result = run(printed, "随便写的字")
    assert result.code == 1
    assert "没有找到要核对的校验码" in result.err
    assert "Traceback" not in result.err
