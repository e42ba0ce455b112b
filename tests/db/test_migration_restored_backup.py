"""A backup made at schema v11 (before the v12/v13 search indexes), restored by today's
program: the restore puts the v11 file back as it was, and the first unlock upgrades it like
any older register: every pupil is kept, searches and a status filter find the same pupils,
and the indexes are those of a new database."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import zipfile
from pathlib import Path

from desktop.models.engine import connect_raw
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import unlock
from desktop.services.safekeeping.backup import create_backup, restore_backup
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search
from tests.conftest import PASSWORD
from tests.db.test_migration_search_indexes import (
    NAMES,
    TEXTS,
    indexes_of_file,
    make_older,
    registrar_key,
    student_indexes,
)
from tests.factories import valid_row


def found(ws: Workspace) -> dict[str, tuple[int, list[str]]]:
    out = {}
    for text in TEXTS:
        for status in (None, "ACTIVE"):
            page = search(ws, StudentQuery(text=text, status=status), limit=100)
            out[f"{text}/{status}"] = (page.total, [row.id for row in page.rows])
    return out


def as_v11_backup(backup: Path, key: bytes, work: Path) -> None:
    """Rewrite `backup` as the program of schema v11 wrote it: its database at v11 (indexes
    and user_version), the manifest's schema and checksum to match."""
    db = work / "xueji.db"
    with zipfile.ZipFile(backup) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        db.write_bytes(archive.read("xueji.db"))
        keys = archive.read("xueji.db.keys")
    make_older(db, key, 11)
    manifest |= {"schema": 11, "db_sha256": hashlib.sha256(db.read_bytes()).hexdigest()}
    with zipfile.ZipFile(backup, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
        archive.write(db, "xueji.db")
        archive.writestr("xueji.db.keys", keys)


def test_a_v11_backup_restored_today_upgrades_on_unlock_and_finds_the_same_pupils(
        ws: Workspace, db_path: Path, tmp_path: Path, today: dt.date) -> None:
    add_students(ws, [valid_row(name=name, seq=11 + i, birth=dt.date(2016, 2, 1 + i))
                      for i, name in enumerate(NAMES)], today=today)
    before = found(ws)
    backup = tmp_path / "v11.xjbak"
    create_backup(ws, backup)
    ws.lock()
    key = registrar_key(db_path)
    fresh = indexes_of_file(db_path, key)
    work = tmp_path / "work"
    work.mkdir()
    as_v11_backup(backup, key, work)

    target = tmp_path / "restored" / "school.db"
    target.parent.mkdir()
    restore_backup(backup, target, username="registrar", password=PASSWORD)
    conn = connect_raw(target, key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 11
    finally:
        conn.close()
    restored = unlock(target, "registrar", PASSWORD)
    try:
        assert found(restored) == before
    finally:
        restored.lock()
    conn = connect_raw(target, key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 14
        assert student_indexes(conn) == fresh
        assert conn.execute("SELECT count(*) FROM student").fetchone()[0] == len(NAMES)
    finally:
        conn.close()
