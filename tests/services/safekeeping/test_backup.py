"""Backups (services.safekeeping.backup): a backup restores to a new path and opens with the password or
the recovery key alone; restoring over a database keeps the old one; damaged backups and
wrong keys are refused without touching the target or leaving files beside it."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest

from desktop.models import errors
from desktop.models.keyslots import keyslot_path
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.services.safekeeping import backup as backup_module
from desktop.services.safekeeping.accounts import NewSchool, create_database, open_with_recovery_key, unlock
from desktop.services.safekeeping.backup import create_backup, restore_backup
from desktop.services.safekeeping.integrity import check_database
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search
from tests.conftest import PASSWORD
from tests.dbutil import files_beside, sha256
from tests.factories import SCHOOL_CODE, valid_row

NAMES = ["王小明", "李小红", "张小刚"]


def names_in(ws: Workspace) -> list[str]:
    return sorted(row.name for row in search(ws, StudentQuery()).rows)


@pytest.fixture
def backup(created: tuple[Workspace, str], today: dt.date, tmp_path: Path) -> Path:
    ws = created[0]
    add_students(ws, [valid_row(name=n, seq=11 + i) for i, n in enumerate(NAMES)], today=today)
    info = create_backup(ws, tmp_path / "school.xjbak")
    assert info.path == tmp_path / "school.xjbak"
    assert info.size == info.path.stat().st_size
    return info.path


@pytest.fixture
def recovery(created: tuple[Workspace, str]) -> str:
    return created[1]


def restored_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "restored"
    folder.mkdir()
    return folder


def test_backup_holds_database_keys_and_manifest(backup: Path, ws: Workspace) -> None:
    with zipfile.ZipFile(backup) as archive:
        assert sorted(archive.namelist()) == ["manifest.json", "xueji.db", "xueji.db.keys"]
        manifest = json.loads(archive.read("manifest.json"))
        assert archive.read("xueji.db")[:16] != b"SQLite format 3\x00"
        assert "王小明".encode() not in archive.read("xueji.db")
    assert manifest["db_id"] == ws.store.db_id
    assert manifest["format"] == "xueji-backup/1"


def test_restore_to_a_new_path_opens_with_the_password(backup: Path, tmp_path: Path) -> None:
    target = restored_dir(tmp_path) / "school.db"
    assert restore_backup(backup, target, username="registrar", password=PASSWORD) is None
    ws = unlock(target, "registrar", PASSWORD)
    try:
        assert names_in(ws) == sorted(NAMES)
        assert check_database(ws).ok
    finally:
        ws.lock()
    assert {p.name for p in files_beside(target)} == {"school.db", "school.db.keys"}


def test_restore_with_the_recovery_key_alone(backup: Path, tmp_path: Path,
                                             recovery: str) -> None:
    target = restored_dir(tmp_path) / "school.db"
    restore_backup(backup, target, username="registrar", recovery=recovery)
    keyslot_path(target).unlink()
    ws = open_with_recovery_key(target, recovery, "registrar")
    try:
        assert names_in(ws) == sorted(NAMES)
    finally:
        ws.lock()


def test_restored_keys_file_unlocks_too(backup: Path, tmp_path: Path, recovery: str) -> None:
    target = restored_dir(tmp_path) / "school.db"
    restore_backup(backup, target, username="registrar", recovery=recovery)
    ws = unlock(target, "registrar", PASSWORD)
    ws.lock()
    assert ws.actor.username == "registrar"


def test_restore_over_an_existing_database_keeps_it(backup: Path, tmp_path: Path,
                                                   fast_kdf) -> None:
    target = restored_dir(tmp_path) / "school.db"
    other, _ = create_database(target, NewSchool(code=SCHOOL_CODE, name="旧库"), "registrar",
                               "old-pass-123", fast_kdf)
    other.lock()
    old_sha = sha256(target)
    moved = restore_backup(backup, target, username="registrar", password=PASSWORD)
    assert moved is not None and moved.exists()
    assert moved.parent == target.parent
    assert sha256(moved) == old_sha
    kept = unlock(moved, "registrar", "old-pass-123")
    try:
        assert names_in(kept) == []
    finally:
        kept.lock()
    ws = unlock(target, "registrar", PASSWORD)
    try:
        assert names_in(ws) == sorted(NAMES)
    finally:
        ws.lock()


def refused(backup: Path, target: Path, **keys: str) -> Exception:
    with pytest.raises((ServiceError, StoreError)) as caught:
        restore_backup(backup, target, username="registrar", **keys)
    return caught.value


def test_truncated_backup_is_refused(backup: Path, tmp_path: Path) -> None:
    bad = tmp_path / "truncated.xjbak"
    data = backup.read_bytes()
    bad.write_bytes(data[: len(data) // 2])
    folder = restored_dir(tmp_path)
    error = refused(bad, folder / "school.db", password=PASSWORD)
    assert getattr(error, "code", "") == "backup.damaged"
    assert list(folder.iterdir()) == []


def test_byte_flipped_backup_is_refused(backup: Path, tmp_path: Path) -> None:
    bad = tmp_path / "flipped.xjbak"
    data = bytearray(backup.read_bytes())
    data[len(data) // 2] ^= 0x01
    bad.write_bytes(bytes(data))
    folder = restored_dir(tmp_path)
    error = refused(bad, folder / "school.db", password=PASSWORD)
    assert getattr(error, "code", "") == "backup.damaged"
    assert list(folder.iterdir()) == []


def test_damaged_backup_leaves_an_existing_target_alone(backup: Path, tmp_path: Path,
                                                        recovery: str) -> None:
    target = restored_dir(tmp_path) / "school.db"
    restore_backup(backup, target, username="registrar", recovery=recovery)
    before = {p.name: sha256(p) for p in files_beside(target)}
    bad = tmp_path / "flipped.xjbak"
    data = bytearray(backup.read_bytes())
    data[len(data) // 3] ^= 0x80
    bad.write_bytes(bytes(data))
    refused(bad, target, password=PASSWORD)
    assert {p.name: sha256(p) for p in files_beside(target)} == before


def test_backup_whose_database_does_not_match_its_manifest(backup: Path, tmp_path: Path,
                                                           ws: Workspace) -> None:
    """A well-formed zip whose database is not the one the manifest's checksum names."""
    add_students(ws, [valid_row(name="赵小燕", seq=20)], today=dt.date(2026, 11, 26))
    newer = create_backup(ws, tmp_path / "newer.xjbak").path
    mixed = tmp_path / "mixed.xjbak"
    with zipfile.ZipFile(backup) as old, zipfile.ZipFile(newer) as new, \
            zipfile.ZipFile(mixed, "w") as out:
        out.writestr("manifest.json", old.read("manifest.json"))
        out.writestr("xueji.db", new.read("xueji.db"))
        out.writestr("xueji.db.keys", old.read("xueji.db.keys"))
    folder = restored_dir(tmp_path)
    error = refused(mixed, folder / "school.db", password=PASSWORD)
    assert getattr(error, "code", "") == "backup.damaged"
    assert list(folder.iterdir()) == []


def test_not_a_backup_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "notes.xjbak"
    bad.write_text("这不是备份", encoding="utf-8")
    folder = restored_dir(tmp_path)
    assert getattr(refused(bad, folder / "school.db", password=PASSWORD), "code", "") == (
        "backup.damaged")
    assert list(folder.iterdir()) == []


def test_wrong_password_leaves_nothing(backup: Path, tmp_path: Path) -> None:
    folder = restored_dir(tmp_path)
    with pytest.raises(errors.WrongPassword):
        restore_backup(backup, folder / "school.db", username="registrar",
                       password="wrong-pass-1")
    assert list(folder.iterdir()) == []


def test_recovery_key_of_another_database_is_refused(backup: Path, tmp_path: Path,
                                                     fast_kdf) -> None:
    other, other_key = create_database(tmp_path / "other.db",
                                       NewSchool(code=SCHOOL_CODE, name="乙校"), "registrar",
                                       PASSWORD, fast_kdf)
    other.lock()
    folder = restored_dir(tmp_path)
    error = refused(backup, folder / "school.db", recovery=other_key)
    assert list(folder.iterdir()) == []
    # Same wording as open_with_recovery_key: the key, not a password, was wrong.
    assert isinstance(error, errors.WrongRecoveryKey), type(error).__name__


class FrozenClock(dt.datetime):
    """A clock stopped at one instant: two restores within the same second."""

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> FrozenClock:
        return cls(2026, 11, 26, 9, 30, 0, tzinfo=tz)


def test_two_restores_in_the_same_second_keep_both_databases(
        backup: Path, tmp_path: Path, fast_kdf, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_module, "dt", SimpleNamespace(datetime=FrozenClock, UTC=dt.UTC))
    target = restored_dir(tmp_path) / "school.db"
    original, _ = create_database(target, NewSchool(code=SCHOOL_CODE, name="原库"), "registrar",
                                  "old-pass-123", fast_kdf)
    original.lock()
    original_sha = sha256(target)
    first = restore_backup(backup, target, username="registrar", password=PASSWORD)
    second = restore_backup(backup, target, username="registrar", password=PASSWORD)
    assert first is not None and second is not None
    assert first != second, "the second restore replaced the database the first one kept"
    assert sha256(first) == original_sha



def test_a_database_copy_stands_alone(backup: Path, ws: Workspace, tmp_path: Path) -> None:
    """The copy a backup packs is one self-contained file in rollback-journal mode (its page
    1 no longer says WAL, whatever the copy was written with), with nothing beside it, and
    holds every row."""
    import sqlcipher3.dbapi2 as sqlcipher

    from desktop.models.store import copy_database

    copy = tmp_path / "copy.db"
    copy_database(ws.store.path, ws.store.key, copy)
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("copy")) == ["copy.db"]
    conn = sqlcipher.connect(str(copy))
    try:
        conn.execute(f"PRAGMA key = \"x'{ws.store.key.hex()}'\"")
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert sorted(r[0] for r in conn.execute("SELECT name FROM student")) == sorted(NAMES)
    finally:
        conn.close()
