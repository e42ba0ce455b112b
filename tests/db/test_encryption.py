"""No plaintext on disk: a student's name and ID number appear in none of the files beside the
database (main file, -wal, -shm, .keys), open or closed. A wrong password or key is refused
without touching the file; a plaintext SQLite file and a missing path are told apart."""

from __future__ import annotations

import datetime as dt
import secrets
import sqlite3
from pathlib import Path

import pytest

from desktop.models import errors
from desktop.models.store import Store
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import (
    NewSchool,
    create_database,
    open_with_recovery_key,
    unlock,
)
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search
from tests.conftest import PASSWORD
from tests.dbutil import files_beside, sha256
from tests.factories import SCHOOL_CODE, valid_row

NAME = "王小明"
MOTHER = "李丽"


def secrets_in(path: Path, needles: list[bytes]) -> list[str]:
    """'file: needle' for every needle found in any file beside `path`."""
    found = []
    for file in files_beside(path):
        data = file.read_bytes()
        found += [f"{file.name}: {needle!r}" for needle in needles if needle in data]
    return found


@pytest.fixture
def student(ws: Workspace, today: dt.date) -> dict[str, str]:
    row = valid_row(name=NAME)
    add_students(ws, [row], today=today)
    return row


def needles(row: dict[str, str]) -> list[bytes]:
    return [NAME.encode(), MOTHER.encode(), row["身份证件号"].encode(),
            row["成员1身份证件号"].encode(), row["现住址"].encode()]


def test_open_database_files_hold_no_plaintext(ws: Workspace, student: dict[str, str],
                                               db_path: Path) -> None:
    assert db_path.with_name(db_path.name + "-wal").exists()
    assert secrets_in(db_path, needles(student)) == []


def test_closed_database_files_hold_no_plaintext(ws: Workspace, student: dict[str, str],
                                                 db_path: Path) -> None:
    ws.lock()
    names = {p.name for p in files_beside(db_path)}
    assert {db_path.name, db_path.name + ".keys"} <= names
    assert secrets_in(db_path, needles(student)) == []


def test_the_needles_would_be_found_in_a_plain_copy(tmp_path: Path,
                                                    student: dict[str, str]) -> None:
    plain = tmp_path / "plain.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE t (name TEXT, id TEXT)")
        conn.execute("INSERT INTO t VALUES (?, ?)", (NAME, student["身份证件号"]))
    conn.close()
    assert len(secrets_in(plain, needles(student))) == 2


def test_wrong_password_is_refused_and_leaves_the_file_alone(ws: Workspace,
                                                             student: dict[str, str],
                                                             db_path: Path) -> None:
    ws.lock()
    before = sha256(db_path)
    with pytest.raises(errors.WrongPassword):
        unlock(db_path, "registrar", "wrong-horse-7")
    assert sha256(db_path) == before
    again = unlock(db_path, "registrar", PASSWORD)
    try:
        assert [r.name for r in search(again, StudentQuery()).rows] == [NAME]
    finally:
        again.lock()


def test_wrong_data_key_is_refused_and_leaves_the_file_alone(ws: Workspace,
                                                             student: dict[str, str],
                                                             db_path: Path) -> None:
    ws.lock()
    before = sha256(db_path)
    with pytest.raises(errors.WrongPassword):
        Store.open(db_path, secrets.token_bytes(32))
    assert sha256(db_path) == before
    assert not db_path.with_name(db_path.name + "-wal").exists()


def test_plaintext_sqlite_file_is_not_a_database(tmp_path: Path) -> None:
    plain = tmp_path / "other.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    before = sha256(plain)
    with pytest.raises(errors.NotADatabase):
        Store.open(plain, secrets.token_bytes(32))
    assert sha256(plain) == before


def test_plaintext_sqlite_file_opened_with_recovery_key(tmp_path: Path,
                                                        created: tuple[Workspace, str]) -> None:
    plain = tmp_path / "other.db"
    with sqlite3.connect(plain) as conn:
        conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(errors.NotADatabase):
        open_with_recovery_key(plain, created[1], "registrar")


def test_missing_path_is_database_missing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.db"
    with pytest.raises(errors.DatabaseMissing):
        Store.open(missing, secrets.token_bytes(32))
    with pytest.raises(errors.DatabaseMissing):
        unlock(missing, "registrar", PASSWORD)
    assert list(tmp_path.iterdir()) == []


def test_database_is_not_created_over_an_existing_file(ws: Workspace, db_path: Path,
                                                       fast_kdf) -> None:
    before = sha256(db_path)
    school = NewSchool(code=SCHOOL_CODE, name="另一所学校")
    with pytest.raises(errors.DatabaseExists):
        create_database(db_path, school, "other", PASSWORD, fast_kdf)
    assert db_path.exists()
    assert sha256(db_path) == before


def test_recovery_key_of_another_database_is_refused(ws: Workspace, tmp_path: Path,
                                                     fast_kdf) -> None:
    other_path = tmp_path / "other.db"
    other, other_key = create_database(other_path, NewSchool(code=SCHOOL_CODE, name="乙校"),
                                       "registrar", PASSWORD, fast_kdf)
    other.lock()
    ws.lock()
    with pytest.raises(errors.WrongRecoveryKey):
        open_with_recovery_key(ws.store.path, other_key, "registrar")
