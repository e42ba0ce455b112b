"""Schema v14 on a real v13 register (tests/db/v13, written by the program of schema v13) and
on a v13 backup restored today: the first unlock backs the file up and rebuilds the outbox so
its payload may be NULL. Every change kept its own copy and is read as before (the push, the
pending list, changes by id, the batch sizes); a change written after the upgrade stores its
payload once, in its audit entry, and reads the same way; the outbox is then what a new
database makes, and the register checks clean."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from desktop.models.engine import connect_raw
from desktop.models.keyslots import KeySlotFile, keyslot_path
from desktop.models.migrations import SCHEMA_VERSION
from desktop.services.context import Workspace
from desktop.services.registry.outbox import changes_by_id, unacknowledged_changes, waiting_changes
from desktop.services.registry.pending import pending_list
from desktop.services.safekeeping.accounts import unlock
from desktop.services.safekeeping.backup import restore_backup
from desktop.services.safekeeping.integrity import check_database
from desktop.services.students.add import add_students
from tests.conftest import PASSWORD
from tests.factories import valid_row

V13 = Path(__file__).parent / "v13"


def _key(path: Path) -> bytes:
    return KeySlotFile.load(keyslot_path(path)).unlock("registrar", PASSWORD)


def _raw(path: Path, sql: str) -> list[tuple]:  # type: ignore[type-arg]
    conn = connect_raw(path, _key(path))
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def _outbox_schema(path: Path) -> list[tuple]:  # type: ignore[type-arg]
    return sorted(_raw(path, "SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'outbox'"))


def _stored(path: Path) -> list[tuple]:  # type: ignore[type-arg]
    return _raw(path, "SELECT change_id, payload, length(CAST(payload AS BLOB)) FROM outbox"
                      " ORDER BY device_seq")


def _v13_copy(tmp_path: Path) -> Path:
    target = tmp_path / "v13" / "school.db"
    target.parent.mkdir()
    for name in ("school.db", "school.db.keys"):
        shutil.copy(V13 / name, target.parent / name)
    return target


def _v13_restored(tmp_path: Path) -> Path:
    target = tmp_path / "restored" / "school.db"
    target.parent.mkdir()
    restore_backup(V13 / "school.xjbak", target, username="registrar", password=PASSWORD)
    return target


@pytest.fixture(params=["file", "backup"])
def v13(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    return _v13_copy(tmp_path) if request.param == "file" else _v13_restored(tmp_path)


def test_v13_register_is_upgraded_and_every_change_reads_as_before(
        v13: Path, db_path: Path, ws: Workspace) -> None:
    assert _raw(v13, "PRAGMA user_version") == [(13,)]
    stored = _stored(v13)
    assert len(stored) == 4 and all(payload is not None for _cid, payload, _size in stored)
    ws.lock()
    fresh = _outbox_schema(db_path)  # what a new database makes

    upgraded = unlock(v13, "registrar", PASSWORD)
    try:
        before = unacknowledged_changes(upgraded)
        assert [(c.change_id, c.payload) for c in before] == [
            (cid, json.loads(payload)) for cid, payload, _size in stored]
        assert [(w.change_id, w.size) for w in waiting_changes(upgraded)] == [
            (cid, size) for cid, _payload, size in stored]
        assert [line.items for line in pending_list(upgraded).lines][-1] == "联系电话"
        added = add_students(upgraded, [valid_row(name="周正", seq=31)])
        after = unacknowledged_changes(upgraded)
        assert after[:4] == before
        assert after[4].record_id == added.ids[0] and after[4].payload["name"] == "周正"
        assert changes_by_id(upgraded, [after[4].change_id, before[0].change_id]) == [
            before[0], after[4]]
        assert check_database(upgraded).ok
    finally:
        upgraded.lock()

    assert _raw(v13, "PRAGMA user_version") == [(SCHEMA_VERSION,)] == [(14,)]
    assert _outbox_schema(v13) == fresh
    assert _raw(v13, "PRAGMA integrity_check") == [("ok",)]
    assert _raw(v13, "PRAGMA foreign_key_check") == []
    now = _stored(v13)
    assert now[:4] == stored  # the old rows keep their own copies
    assert now[4][1] is None  # the new one is stored once, in its audit entry
    [(text,)] = _raw(v13, f"SELECT a.after FROM outbox o JOIN audit_log a ON a.seq = o.audit_seq"
                          f" WHERE o.change_id = '{now[4][0]}'")
    assert waiting_changes_size(v13, now[4][0]) == len(text.encode())
    [backup] = v13.parent.glob("school.db.v13-*.bak")
    conn = connect_raw(backup, _key(v13))
    try:  # the copy kept before the upgrade is the v13 register as it was
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 13
        assert conn.execute("SELECT change_id, payload, length(CAST(payload AS BLOB))"
                            " FROM outbox ORDER BY device_seq").fetchall() == stored
    finally:
        conn.close()


def waiting_changes_size(path: Path, change_id: str) -> int:
    ws = unlock(path, "registrar", PASSWORD)
    try:
        return {w.change_id: w.size for w in waiting_changes(ws)}[change_id]
    finally:
        ws.lock()
