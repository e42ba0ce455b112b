"""The `xueji` command line run as a real subprocess (production KDF): init prints the
recovery key last, student add is all or nothing with Chinese messages and exit codes 0/1/2,
list and search, wrong password and missing file without a traceback, reset-password with
the recovery key, check, backup and restore, demo.

One database is built once for the module (init + add + a refused add + list); every other
test reads from it or works on a copy, to keep the number of subprocesses small."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.domain.fields import template_headers
from tests.conftest import PASSWORD
from tests.factories import SCHOOL_CODE, valid_row

ROOT = Path(__file__).resolve().parents[2]
RECOVERY_LINE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){13}")
CJK = re.compile(r"[\u4e00-\u9fff]")
USER = "registrar"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def lines(self) -> list[str]:
        return self.out.splitlines()


def xueji(tmp: Path, *args: str, password: str = PASSWORD, **extra_env: str) -> Run:
    env = {k: v for k, v in os.environ.items()
           if k not in ("XUEJI_DEBUG", "XUEJI_RECOVERY_KEY", "XUEJI_NEW_PASSWORD")}
    env.update(XUEJI_PASSWORD=password, XUEJI_LOG_DIR=str(tmp / "logs"), PYTHONIOENCODING="utf-8",
               **extra_env)
    done = subprocess.run([sys.executable, "-m", "desktop", *map(str, args)], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=False)
    return Run(done.returncode, done.stdout, done.stderr)


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


GOOD = [valid_row(name="王小明", seq=11),
        valid_row(name="李小红", seq=12, birth=dt.date(2016, 5, 20), class_name="四年级(1)班")]


def refused_batch() -> list[dict[str, str]]:
    bad = valid_row(name="赵小燕", seq=14)
    bad["身份证件号"] = bad["身份证件号"][:17] + ("0" if bad["身份证件号"][17] != "0" else "1")
    return [valid_row(name="张小刚", seq=13), bad]


@dataclass
class School:
    tmp: Path
    db: Path
    init: Run
    add: Run
    refused: Run
    listing: Run

    def run(self, *args: str, **kwargs: str) -> Run:
        return xueji(self.tmp, *args, **kwargs)

    @property
    def recovery(self) -> str:
        return self.init.lines[-1]


@pytest.fixture(scope="module")
def school(tmp_path_factory: pytest.TempPathFactory) -> School:
    tmp = tmp_path_factory.mktemp("cli")
    db = tmp / "school.db"
    init = xueji(tmp, "init", "--db", db, "--school-code", SCHOOL_CODE, "--school-name",
                 "测试县第一小学", "--user", USER, "--stages", "小学,初中")
    add = xueji(tmp, "student", "add", "--db", db, "--user", USER, "--json",
                write_json(tmp / "good.json", GOOD))
    refused = xueji(tmp, "student", "add", "--db", db, "--user", USER, "--json",
                    write_json(tmp / "bad.json", refused_batch()))
    listing = xueji(tmp, "student", "list", "--db", db, "--user", USER, "--json")
    return School(tmp, db, init, add, refused, listing)


def listed(run: Run) -> list[dict[str, str]]:
    assert run.code == 0, run.err
    return [json.loads(line) for line in run.lines]


def test_init_prints_the_recovery_key_last(school: School) -> None:
    assert school.init.code == 0, school.init.err
    assert RECOVERY_LINE.fullmatch(school.recovery)
    assert len(school.recovery.split("-")) == 14
    assert school.db.exists() and school.db.with_name("school.db.keys").exists()


def test_add_valid_records(school: School) -> None:
    assert school.add.code == 0, school.add.err
    assert "已添加 2 名学生" in school.add.out


def test_refused_batch_exits_1_with_chinese_lines(school: School) -> None:
    run = school.refused
    assert run.code == 1
    lines = run.err.splitlines()
    assert any(re.fullmatch(r"第2条 身份证件号: .*校验位.*", line) for line in lines), run.err
    assert not any(line.startswith("第1条") for line in lines)
    assert "没有保存任何记录" in lines[-1]
    assert all(CJK.search(line) for line in lines)
    assert "Traceback" not in run.err


def test_refused_batch_saved_nothing(school: School) -> None:
    names = sorted(row["姓名"] for row in listed(school.listing))
    assert names == ["李小红", "王小明"]


def test_list_json_has_template_headers_and_status(school: School) -> None:
    rows = listed(school.listing)
    for row in rows:
        assert set(row) == {*template_headers(), "学籍号", "学籍状态"}
        assert row["学籍状态"] == "在籍在读"
        assert row["学籍号"] == "G" + row["身份证件号"]
    by_name = {row["姓名"]: row for row in rows}
    for given in GOOD:
        assert {k: by_name[given["姓名"]][k] for k in given} == given


def test_search_in_table_listing(school: School) -> None:
    run = school.run("student", "list", "--db", school.db, "--user", USER, "--search", "wxm")
    assert run.code == 0, run.err
    assert run.lines[0].split("\t")[:3] == ["王小明", "男", "三年级(2)班"]
    assert run.lines[-1] == "共 1 名学生。"


def test_wrong_password_exits_2_with_one_line(school: School) -> None:
    run = school.run("student", "list", "--db", school.db, "--user", USER,
                     password="wrong-horse-7")
    assert run.code == 2
    assert "Traceback" not in run.err
    [line] = run.err.splitlines()
    assert CJK.search(line) and "密码" in line
    assert run.out == ""


def test_missing_database_exits_2(school: School) -> None:
    missing = school.tmp / "nowhere.db"
    run = school.run("check", "--db", missing, "--user", USER)
    assert run.code == 2
    assert "Traceback" not in run.err
    [line] = run.err.splitlines()
    assert str(missing) in line and CJK.search(line)
    assert not missing.exists()


def copy_of(school: School, name: str) -> Path:
    folder = school.tmp / name
    folder.mkdir()
    for suffix in ("", ".keys"):
        shutil.copyfile(school.db.with_name(school.db.name + suffix),
                        folder / ("school.db" + suffix))
    return folder / "school.db"


def test_reset_password_with_recovery_key(school: School) -> None:
    db = copy_of(school, "reset")
    run = school.run("reset-password", "--db", db, "--user", USER,
                     XUEJI_RECOVERY_KEY=school.recovery, XUEJI_NEW_PASSWORD="fresh-start-42")
    assert run.code == 0, run.err
    after = school.run("student", "list", "--db", db, "--user", USER, "--json",
                       password="fresh-start-42")
    assert sorted(r["姓名"] for r in listed(after)) == ["李小红", "王小明"]


def test_check_passes(school: School) -> None:
    run = school.run("check", "--db", school.db, "--user", USER)
    assert run.code == 0, run.err
    assert "检查全部通过" in run.out


def test_backup_and_restore_to_a_new_path(school: School) -> None:
    archive = school.tmp / "school.xjbak"
    made = school.run("backup", "--db", school.db, "--user", USER, "--out", archive)
    assert made.code == 0, made.err
    target = school.tmp / "restored" / "school.db"
    target.parent.mkdir()
    back = school.run("restore", "--from", archive, "--db", target, "--user", USER)
    assert back.code == 0, back.err
    after = school.run("student", "list", "--db", target, "--user", USER, "--json")
    assert listed(after) == listed(school.listing)


def test_demo_creates_a_database(school: School) -> None:
    db = school.tmp / "demo.db"
    run = school.run("demo", "--db", db, "--students", "50", "--user", "admin")
    assert run.code == 0, run.err
    assert "已生成 50 名演示学生" in run.out
    assert RECOVERY_LINE.fullmatch(run.lines[-1])
    assert db.exists()


def test_no_log_was_written(school: School) -> None:
    """Nothing unexpected happened in any of the runs above (the log holds only crashes)."""
    assert not (school.tmp / "logs" / "errors.log").exists()


def test_locked_database_exits_2_with_one_chinese_line(school: School) -> None:
    from desktop.models.engine import connect_raw
    from desktop.models.keyslots import KeySlotFile, keyslot_path

    key = KeySlotFile.load(keyslot_path(school.db)).unlock(USER, PASSWORD)
    holder = connect_raw(school.db, key)
    holder.execute("BEGIN EXCLUSIVE")  # another program is writing
    try:
        run = school.run("student", "add", "--db", school.db, "--user", USER, "--json",
                         write_json(school.tmp / "one.json", [valid_row(name="钱多多", seq=21)]))
    finally:
        holder.rollback()
        holder.close()
    assert run.code == 2
    assert "被另一个程序使用" in run.err
    assert "Traceback" not in run.err
    assert len(run.err.strip().splitlines()) == 1
