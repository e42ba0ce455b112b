"""`xueji import` and `xueji export` run as real subprocesses on a real encrypted database:
--dry-run writes nothing, refused rows print `第N行 列名: 原因` with Excel row numbers and
exit 1 without writing, --skip-invalid writes the valid rows only, the same file twice
changes nothing, --report saves the rows with a 错误 column, export writes the template
(all or one class), and bad files get one Chinese sentence, never a traceback.

One database is built once for the module and the commands run in order against it."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import load_workbook

from desktop.domain.fields import template_headers
from tests.conftest import PASSWORD
from tests.exchange.workbooks import write_workbook
from tests.factories import SCHOOL_CODE, valid_row

ROOT = Path(__file__).resolve().parents[2]
USER = "registrar"
COUNTS = re.compile(r"新增 (\d+) 名，更新 (\d+) 名，未变 (\d+) 名，拒绝 (\d+) 行")


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def counts(self) -> tuple[int, ...]:
        match = COUNTS.search(self.out)
        assert match, self.out + self.err
        return tuple(int(n) for n in match.groups())


def xueji(tmp: Path, *args: object) -> Run:
    env = {k: v for k, v in os.environ.items() if k != "XUEJI_DEBUG"}
    env.update(XUEJI_PASSWORD=PASSWORD, XUEJI_LOG_DIR=str(tmp / "logs"), PYTHONIOENCODING="utf-8")
    done = subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=180,
                          check=False)
    return Run(done.returncode, done.stdout, done.stderr)


def good_rows() -> list[dict[str, str]]:
    return [valid_row(), valid_row(name="李小红", seq=12, birth=dt.date(2016, 5, 20),
                                   class_name="四年级(1)班")]


def mixed_rows() -> list[dict[str, object]]:
    bad = valid_row(name="赵小燕", seq=14)
    bad["身份证件号"] = bad["身份证件号"][:17] + ("0" if bad["身份证件号"][17] != "0" else "1")
    numeric = {**valid_row(name="钱小军", seq=15), "身份证件号": int(valid_row(seq=15)["身份证件号"])}
    return [valid_row(name="张小刚", seq=13), bad, numeric]


@dataclass
class Session:
    tmp: Path
    runs: dict[str, Run]

    def __getitem__(self, name: str) -> Run:
        return self.runs[name]


@pytest.fixture(scope="module")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Session:
    tmp = tmp_path_factory.mktemp("exchange-cli")
    db = tmp / "school.db"
    good = write_workbook(tmp / "good.xlsx", good_rows(), title="测试县第一小学学生信息")
    mixed = write_workbook(tmp / "mixed.xlsx", mixed_rows())
    no_birth = write_workbook(tmp / "no_birth.xlsx", good_rows(),
                              headers=[h for h in template_headers() if h != "出生日期"])
    (tmp / "notes.xlsx").write_text("这不是表格", encoding="utf-8")
    base = ("--db", db, "--user", USER)
    steps = {
        "init": ("init", "--db", db, "--school-code", SCHOOL_CODE, "--school-name", "测试县第一小学",
                 "--user", USER, "--stages", "小学,初中"),
        "dry": ("import", *base, good, "--dry-run"),
        "refused": ("import", *base, mixed, "--report", tmp / "report.xlsx"),
        "first": ("import", *base, good),
        "again": ("import", *base, good),
        "skipped": ("import", *base, mixed, "--skip-invalid"),
        "listing": ("student", "list", *base),
        "export": ("export", *base, "--out", tmp / "all.xlsx"),
        "export_class": ("export", *base, "--out", tmp / "class.xlsx", "--class", "四年级(1)班"),
        "export_missing": ("export", *base, "--out", tmp / "none.xlsx", "--class", "九年级(9)班"),
        "not_xlsx": ("import", *base, tmp / "notes.xlsx"),
        "no_birth": ("import", *base, no_birth),
        "report_nowhere": ("import", *base, good, "--report", tmp / "nowhere" / "r.xlsx"),
    }
    return Session(tmp, {name: xueji(tmp, *args) for name, args in steps.items()})


def test_dry_run_reports_and_writes_nothing(cli: Session) -> None:
    assert cli["init"].code == 0, cli["init"].err
    assert cli["dry"].code == 0, cli["dry"].err
    assert "试运行" in cli["dry"].out
    assert cli["dry"].counts == (2, 0, 0, 0)
    assert "将新建班级：三年级(2)班（三年级）、四年级(1)班（四年级）" in cli["dry"].out
    assert cli["first"].counts == (2, 0, 0, 0)  # the dry run had left the database empty


def test_refused_rows_exit_1_with_excel_row_numbers_and_write_nothing(cli: Session) -> None:
    run = cli["refused"]
    assert run.code == 1
    lines = run.err.splitlines()
    assert any(line.startswith("第3行 身份证件号: 身份证号校验位不对") for line in lines), run.err
    assert any(line.startswith("第4行 身份证件号: Excel 把身份证件号存成了数字，精度已丢失")
               for line in lines), run.err
    assert not any(line.startswith("第2行") and "提示" not in line for line in lines)
    assert "没有导入任何记录" in run.out and run.counts == (1, 0, 0, 2)
    assert "Traceback" not in run.err
    assert cli["skipped"].counts[0] == 1  # 张小刚 was still new afterwards: nothing was written


def test_report_has_the_rows_and_an_error_column(cli: Session) -> None:
    sheet = load_workbook(cli.tmp / "report.xlsx").active
    header = [cell.value for cell in sheet[1]]
    assert header[-1] == "错误"
    assert [sheet.cell(row=r, column=2).value for r in (2, 3, 4)] == ["张小刚", "赵小燕", "钱小军"]
    assert sheet.cell(row=2, column=len(header)).value is None
    assert "校验位" in sheet.cell(row=3, column=len(header)).value


def test_importing_the_same_file_again_changes_nothing(cli: Session) -> None:
    assert cli["first"].code == 0 and "导入完成" in cli["first"].out
    assert cli["again"].code == 0, cli["again"].err
    assert cli["again"].counts == (0, 0, 2, 0)


def test_skip_invalid_writes_the_valid_rows_and_still_exits_1(cli: Session) -> None:
    run = cli["skipped"]
    assert run.code == 1
    assert run.counts == (1, 0, 0, 2)
    assert "第3行 身份证件号" in run.err
    assert "共 3 名学生" in cli["listing"].out
    assert "张小刚" in cli["listing"].out and "赵小燕" not in cli["listing"].out


def test_export_writes_the_template(cli: Session) -> None:
    assert cli["export"].code == 0, cli["export"].err
    assert "已导出 3 名学生" in cli["export"].out
    sheet = load_workbook(cli.tmp / "all.xlsx")["学生信息"]
    assert [cell.value for cell in sheet[1]] == template_headers()
    assert sheet.max_row == 4
    assert cli["export_class"].code == 0 and "已导出 1 名学生" in cli["export_class"].out


def test_export_of_an_unknown_class(cli: Session) -> None:
    run = cli["export_missing"]
    assert (run.code, run.out) == (1, "")
    assert run.err.strip() == "没有名为“九年级(9)班”的班级，没有导出任何记录。请核对班级名称。"
    assert not (cli.tmp / "none.xlsx").exists()


def test_a_file_that_is_not_a_workbook(cli: Session) -> None:
    run = cli["not_xlsx"]
    assert run.code == 1
    assert "notes.xlsx 不是可以读取的 Excel 工作簿" in run.err
    assert "Traceback" not in run.err and len(run.err.strip().splitlines()) == 1


def test_a_missing_required_column_is_named(cli: Session) -> None:
    run = cli["no_birth"]
    assert run.code == 1
    assert "缺少必填列：出生日期" in run.err
    assert len(run.err.strip().splitlines()) == 1


def test_a_report_into_a_missing_folder_is_refused_before_importing(cli: Session) -> None:
    run = cli["report_nowhere"]
    assert run.code == 1 and run.out == ""
    assert run.err.strip().startswith("找不到文件夹")
