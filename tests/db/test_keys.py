"""Key slots and the recovery key: a lost .keys file is rebuilt with the recovery key, a
password change re-wraps the data key without re-encrypting the database, the old password
stops working, and a key-slot file of another database is refused."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest

from desktop.domain import recovery_key
from desktop.models import errors
from desktop.models.keyslots import keyslot_path
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.safekeeping.accounts import (
    NewSchool,
    change_password,
    create_database,
    open_with_recovery_key,
    reset_password,
    unlock,
)
from desktop.services.safekeeping.key_unwrap import account_names
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search
from tests.conftest import PASSWORD
from tests.dbutil import count, sha256
from tests.factories import SCHOOL_CODE, valid_row

NEW_PASSWORD = "new-battery-9"
PAGE = 4096


def names_in(ws: Workspace) -> list[str]:
    return [row.name for row in search(ws, StudentQuery()).rows]


@pytest.fixture
def closed(created: tuple[Workspace, str], today: dt.date, db_path: Path) -> str:
    """The database holds one student and is closed; returns its recovery key."""
    ws, recovery = created
    add_students(ws, [valid_row()], today=today)
    ws.lock()
    return recovery


def test_recovery_key_is_the_data_key(created: tuple[Workspace, str]) -> None:
    ws, recovery = created
    assert recovery_key.decode(recovery) == ws.store.key


def test_recovery_key_opens_without_the_keys_file(closed: str, db_path: Path) -> None:
    keyslot_path(db_path).unlink()
    ws = open_with_recovery_key(db_path, closed.lower().replace("-", " "), "registrar")
    try:
        assert names_in(ws) == ["王小明"]
    finally:
        ws.lock()


def test_lost_keys_file_is_rebuilt_by_reset_password(closed: str, db_path: Path,
                                                     fast_kdf) -> None:
    keyslot_path(db_path).unlink()
    with pytest.raises(errors.KeySlotsMissing):
        unlock(db_path, "registrar", PASSWORD)
    reset_password(db_path, "registrar", closed, NEW_PASSWORD, fast_kdf)
    assert account_names(db_path) == ["registrar"]
    ws = unlock(db_path, "registrar", NEW_PASSWORD)
    try:
        assert names_in(ws) == ["王小明"]
        assert ws.store.key == recovery_key.decode(closed)
    finally:
        ws.lock()


def test_reset_password_with_wrong_recovery_key(closed: str, db_path: Path, fast_kdf) -> None:
    keys_before = sha256(keyslot_path(db_path))
    other = recovery_key.encode(bytes(32))
    with pytest.raises(errors.WrongRecoveryKey):
        reset_password(db_path, "registrar", other, NEW_PASSWORD, fast_kdf)
    typo = closed[:-1] + ("0" if closed[-1] != "0" else "1")
    with pytest.raises(errors.WrongRecoveryKey):
        reset_password(db_path, "registrar", typo, NEW_PASSWORD, fast_kdf)
    assert sha256(keyslot_path(db_path)) == keys_before


def test_reset_password_for_unknown_account(closed: str, db_path: Path, fast_kdf) -> None:
    with pytest.raises(errors.UnknownAccount):
        reset_password(db_path, "nobody", closed, NEW_PASSWORD, fast_kdf)


def test_weak_new_password_is_refused(created: tuple[Workspace, str], fast_kdf) -> None:
    with pytest.raises(ServiceError) as caught:
        change_password(created[0], "short1", fast_kdf)
    assert caught.value.code == "password.weak"


def test_change_password_does_not_rewrite_the_database(closed: str, db_path: Path,
                                                       fast_kdf) -> None:
    before = db_path.read_bytes()
    ws = unlock(db_path, "registrar", PASSWORD)
    audit_rows = count(ws, "audit_log")
    change_password(ws, NEW_PASSWORD, fast_kdf)
    # The audit entry of the change sits in the WAL: the main file is byte for byte the same.
    assert sha256(db_path) == hashlib.sha256(before).hexdigest()
    assert count(ws, "audit_log") == audit_rows + 1
    ws.lock()
    after = db_path.read_bytes()
    assert len(after) == len(before)
    assert after[:PAGE] == before[:PAGE]
    changed = [i for i in range(0, len(before), PAGE) if after[i:i + PAGE] != before[i:i + PAGE]]
    assert len(changed) <= 4, f"{len(changed)} of {len(before) // PAGE} pages rewritten"


def test_after_change_the_old_recovery_key_still_opens(closed: str, db_path: Path,
                                                       fast_kdf) -> None:
    ws = unlock(db_path, "registrar", PASSWORD)
    change_password(ws, NEW_PASSWORD, fast_kdf)
    ws.lock()
    again = open_with_recovery_key(db_path, closed, "registrar")
    try:
        assert names_in(again) == ["王小明"]
    finally:
        again.lock()


def test_after_change_only_the_new_password_unlocks(closed: str, db_path: Path,
                                                    fast_kdf) -> None:
    ws = unlock(db_path, "registrar", PASSWORD)
    change_password(ws, NEW_PASSWORD, fast_kdf)
    ws.lock()
    with pytest.raises(errors.WrongPassword):
        unlock(db_path, "registrar", PASSWORD)
    again = unlock(db_path, "registrar", NEW_PASSWORD)
    try:
        assert names_in(again) == ["王小明"]
    finally:
        again.lock()


def test_unknown_account_is_refused(closed: str, db_path: Path) -> None:
    with pytest.raises(errors.UnknownAccount):
        unlock(db_path, "nobody", PASSWORD)


def test_keys_file_of_another_database_is_refused(closed: str, db_path: Path, tmp_path: Path,
                                                  fast_kdf) -> None:
    other_path = tmp_path / "other" / "school.db"
    other_path.parent.mkdir()
    other, _ = create_database(other_path, NewSchool(code=SCHOOL_CODE, name="乙校"),
                               "registrar", PASSWORD, fast_kdf)
    other.lock()
    before = sha256(db_path)
    shutil.copyfile(keyslot_path(other_path), keyslot_path(db_path))
    with pytest.raises(errors.KeySlotsMismatch):
        unlock(db_path, "registrar", PASSWORD)
    assert sha256(db_path) == before


def test_damaged_keys_file_is_a_mismatch(closed: str, db_path: Path) -> None:
    keyslot_path(db_path).write_text('{"format": "xueji-keyslots/1"}', encoding="utf-8")
    with pytest.raises(errors.KeySlotsMismatch):
        unlock(db_path, "registrar", PASSWORD)


@pytest.mark.parametrize(("code", "password", "error"), [
    (SCHOOL_CODE, "short1", "password.weak"),
    (SCHOOL_CODE, "onlyletters", "password.weak"),
    ("44060400", PASSWORD, "school.code_format"),
])
def test_refused_creation_leaves_no_file(tmp_path: Path, fast_kdf, code: str, password: str,
                                         error: str) -> None:
    folder = tmp_path / "new"
    folder.mkdir()
    with pytest.raises(ServiceError) as caught:
        create_database(folder / "school.db", NewSchool(code=code, name="甲校"), "registrar",
                        password, fast_kdf)
    assert caught.value.code == error
    assert list(folder.iterdir()) == []
