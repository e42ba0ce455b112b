"""What the crash trials run on: a seeded template database, the rows and the workbook the
operations write, shared by the parent (pytest) and the child process (tests.crash.child).

Every trial starts from a copy of the same template; the operations are deterministic so the
parent knows what a whole operation writes, and the child reports each commit it finished.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

from desktop.models.keyslots import KdfParams, keyslot_path
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.services.students.add import add_students
from tests.factories import SCHOOL_CODE, valid_row

KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
USER = "registrar"
PASSWORDS = ("crash-pass-0", "crash-pass-1", "crash-pass-2", "crash-pass-3")
TODAY = dt.date(2026, 11, 26)
JULY = dt.date(2027, 7, 10)  # the year-end of school year 2026-2027
SUSPENDED_UNTIL = dt.date(2027, 7, 9)
DB_NAME = "school.db"
WORKBOOK = "import.xlsx"
REPORT = "report.log"

IMPORT_ROWS = 300
BATCHES, BATCH_SIZE = 8, 12
STATUS_CHANGES = 12
BACKUP_ROUNDS = 3
OPERATIONS = ("import", "year_end", "backup", "password", "batch_add", "status_changes")

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
# (class, birth year, how many): final grades 六年级 and 初三 graduate at year-end.
SEED_CLASSES = (("一年级(1)班", 2019, 6), ("三年级(2)班", 2017, 6), ("六年级(1)班", 2014, 8),
                ("初一(1)班", 2013, 6), ("初三(1)班", 2011, 8))
GRADUATES = 16


def name_of(index: int) -> str:
    """A distinct two- or three-character name for every index below 8,000."""
    surname, rest = _SURNAMES[index % 20], index // 20
    given = _GIVEN[rest % 20] + (_GIVEN[rest // 20 % 20] if rest >= 20 else "")
    return surname + given


def student_row(index: int, class_name: str, birth_year: int) -> dict[str, str]:
    """A valid row whose name, birth date and ID number no other index shares."""
    birth = dt.date(birth_year, 1, 1) + dt.timedelta(days=index % 360)
    return valid_row(name=name_of(index), birth=birth, seq=101 + index // 360 * 2 + index % 2,
                     class_name=class_name)


def seed_rows() -> list[dict[str, str]]:
    rows, index = [], 0
    for class_name, year, count in SEED_CLASSES:
        for _ in range(count):
            rows.append(student_row(index, class_name, year))
            index += 1
    return rows


def import_rows() -> list[dict[str, str]]:
    classes = (("二年级(1)班", 2018), ("四年级(1)班", 2016), ("五年级(2)班", 2015))
    return [student_row(1000 + i, *classes[i % 3]) for i in range(IMPORT_ROWS)]


def batch_rows(batch: int) -> list[dict[str, str]]:
    start = 2000 + batch * BATCH_SIZE
    return [student_row(start + i, "三年级(2)班", 2017) for i in range(BATCH_SIZE)]


def backup_row(round_: int) -> dict[str, str]:
    return student_row(3000 + round_, "一年级(1)班", 2019)


def build_template(folder: Path) -> Path:
    """A database with the seed students and the import workbook, made once per session."""
    from tests.exchange.workbooks import write_workbook  # openpyxl: the parent's cost only

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / DB_NAME
    school = NewSchool(code=SCHOOL_CODE, name="崩溃测试学校", stages="小学,初中")
    ws, _recovery = create_database(path, school, USER, PASSWORDS[0], KDF)
    try:
        add_students(ws, seed_rows(), today=TODAY)
    finally:
        ws.lock()
    write_workbook(folder / WORKBOOK, import_rows())
    return path


def copy_template(template: Path, trial: Path) -> Path:
    """A fresh copy of the template database (and its key slots) for one trial."""
    trial.mkdir(parents=True)
    target = trial / DB_NAME
    for source in (template, keyslot_path(template), template.parent / WORKBOOK):
        shutil.copy2(source, trial / source.name.replace(template.name, DB_NAME))
    return target


def append_report(folder: Path, line: str) -> None:
    """One line on the report file, on disk before this returns (O_APPEND + fsync)."""
    fd = os.open(folder / REPORT, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    try:
        os.write(fd, (line + "\n").encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)


def read_report(folder: Path) -> list[str]:
    path = folder / REPORT
    return path.read_text("utf-8").splitlines() if path.exists() else []
