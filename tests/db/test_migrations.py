"""Schema upgrades: a hand-built v1 database (the current schema without the two v2 columns)
is backed up and upgraded on open with its data kept; a v4 database gains the archive register
of v5; a v5 database gains the sync state of v6 with its outbox kept; a database from a newer
program is refused without being changed."""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from desktop.models import archive, drafts, errors, sync_cases, sync_state
from desktop.models.base import Base
from desktop.models.engine import connect_raw, open_engine
from desktop.models.migrations import SCHEMA_VERSION, register_every_table
from desktop.models.store import Store
from tests.dbutil import sha256

DB_ID = "0190c0de-0000-7000-8000-000000000001"


def columns(conn, table: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {row[1] for row in conn.execute(f"PRAGMA table_info({table})")}


ARCHIVE_TABLES = [model.__tablename__ for model in archive.TABLES]
SYNC_TABLES = [model.__tablename__ for model in sync_state.TABLES]
CASE_TABLES = [model.__tablename__ for model in sync_cases.TABLES]


def build_current(path: Path, key: bytes) -> None:
    engine = open_engine(path, key, create=True)  # a new file: only a create may make one
    register_every_table()
    try:
        Base.metadata.create_all(engine)
    finally:
        engine.dispose()


DRAFT_TABLES = [model.__tablename__ for model in drafts.TABLES]


def drop_draft_tables(conn) -> None:  # type: ignore[no-untyped-def]
    """Remove what version 8 added."""
    for table in DRAFT_TABLES:
        conn.execute(f"DROP TABLE {table}")


def drop_case_tables(conn) -> None:  # type: ignore[no-untyped-def]
    """Remove what versions 7 and 8 added."""
    drop_draft_tables(conn)
    for table in CASE_TABLES:
        conn.execute(f"DROP TABLE {table}")


def drop_sync_tables(conn) -> None:  # type: ignore[no-untyped-def]
    """Remove what versions 6 and 7 added."""
    drop_case_tables(conn)
    for table in SYNC_TABLES:
        conn.execute(f"DROP TABLE {table}")


def drop_archive_tables(conn) -> None:  # type: ignore[no-untyped-def]
    """Remove what versions 5 and 6 added (attachments before the blobs they name)."""
    drop_sync_tables(conn)
    for table in reversed(ARCHIVE_TABLES):
        conn.execute(f"DROP TABLE {table}")


def table_names(conn) -> set[str]:  # type: ignore[no-untyped-def]
    return {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def build_v1(path: Path, key: bytes) -> None:
    """A version-1 database: today's tables minus the columns added in versions 2 and 3."""
    build_current(path, key)
    conn = connect_raw(path, key)
    try:
        drop_archive_tables(conn)
        conn.execute("ALTER TABLE student DROP COLUMN possible_duplicate_of")
        conn.execute("ALTER TABLE account DROP COLUMN failed_logins")
        conn.execute("ALTER TABLE student DROP COLUMN away_flag")
        conn.execute("ALTER TABLE student DROP COLUMN studied_abroad")
        conn.execute("DROP TABLE verification_mark")
        conn.execute("DROP TABLE dropout_case")
        conn.execute("DROP TABLE deferral")
        conn.execute("INSERT INTO meta (key, value) VALUES ('db_id', ?)", (DB_ID,))
        conn.execute("INSERT INTO account (id, username, display_name, role, active, created_at)"
                     " VALUES ('a1', 'registrar', '张老师', 'registrar', 1, '2024-09-01')")
        conn.execute("PRAGMA user_version = 1")
    finally:
        conn.close()


@pytest.fixture
def v1(db_path: Path) -> tuple[Path, bytes]:
    key = secrets.token_bytes(32)
    build_v1(db_path, key)
    conn = connect_raw(db_path, key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "possible_duplicate_of" not in columns(conn, "student")
        assert "failed_logins" not in columns(conn, "account")
    finally:
        conn.close()
    return db_path, key


def test_schema_version_is_fourteen() -> None:
    assert SCHEMA_VERSION == 14


def test_open_upgrades_a_v1_database(v1: tuple[Path, bytes]) -> None:
    path, key = v1
    store = Store.open(path, key)
    try:
        assert store.db_id == DB_ID
    finally:
        store.close()
    conn = connect_raw(path, key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert "possible_duplicate_of" in columns(conn, "student")
        assert "failed_logins" in columns(conn, "account")
        assert {"away_flag", "studied_abroad"} <= columns(conn, "student")
        assert {"conclusion", "round"} <= columns(conn, "verification_mark")
        assert {"left_on", "closed_on"} <= columns(conn, "dropout_case")
        assert set(ARCHIVE_TABLES) <= table_names(conn)
        assert set(SYNC_TABLES) | set(CASE_TABLES) <= table_names(conn)
        rows = conn.execute("SELECT username, display_name, failed_logins FROM account")
        assert rows.fetchall() == [("registrar", "张老师", 0)]
    finally:
        conn.close()


@pytest.fixture
def v4(db_path: Path) -> tuple[Path, bytes]:
    """A version-4 database (no archive register) holding one deferral entry."""
    key = secrets.token_bytes(32)
    build_current(db_path, key)
    conn = connect_raw(db_path, key)
    try:
        drop_archive_tables(conn)
        conn.execute("INSERT INTO meta (key, value) VALUES ('db_id', ?)", (DB_ID,))
        conn.execute("INSERT INTO deferral (id, name, birth_date, guardian, reason, certificate,"
                     " start, until, state, recorded_at) VALUES ('d1', '刘小宝', '2020-05-01',"
                     " '刘大宝', '术后', '县医院证明', '2026-09-01', '2027-08-31', '缓学中',"
                     " '2026-09-01 08:00:00')")
        conn.execute("PRAGMA user_version = 4")
    finally:
        conn.close()
    return db_path, key


def test_open_upgrades_a_v4_database_to_the_archive_register(v4: tuple[Path, bytes]) -> None:
    path, key = v4
    Store.open(path, key).close()
    conn = connect_raw(path, key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 14
        assert set(ARCHIVE_TABLES) <= table_names(conn)
        assert {"sha256", "data", "size"} <= columns(conn, "archive_blob")
        assert {"student_id", "kind", "sha256", "file_name", "mime"} <= columns(
            conn, "archive_attachment")
        assert {"cabinet", "shelf", "box"} <= columns(conn, "archive_location")
        assert {"borrower", "due", "returned_on"} <= columns(conn, "archive_loan")
        assert {"receiver", "sender_signatory", "items"} <= columns(conn, "archive_handover")
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(archive_attachment)")}
        assert "ix_archive_attachment_sha256" in indexes
        assert conn.execute("SELECT name FROM deferral").fetchall() == [("刘小宝",)]
    finally:
        conn.close()
    assert len(list(path.parent.glob(f"{path.name}.v4-*.bak"))) == 1


@pytest.fixture
def v5(db_path: Path) -> tuple[Path, bytes]:
    """A version-5 database (no sync state) with one change waiting in its outbox."""
    key = secrets.token_bytes(32)
    build_current(db_path, key)
    conn = connect_raw(db_path, key)
    try:
        drop_sync_tables(conn)
        conn.execute("INSERT INTO meta (key, value) VALUES ('db_id', ?)", (DB_ID,))
        conn.execute("INSERT INTO audit_log (seq, at, actor, action, entity, entity_id, hash,"
                     " prev_hash) VALUES (1, '2026-09-01 08:00:00', 'a1', 'student.create',"
                     " 'student', 's1', 'h1', 'h0')")
        conn.execute("INSERT INTO outbox (change_id, device_seq, record_type, record_id, op,"
                     " base_version, payload, actor, audit_seq, state, attempts, created_at)"
                     " VALUES ('c1', 1, 'student', 's1', 'create', 0, '{}', 'a1', 1, 'PENDING',"
                     " 0, '2026-09-01 08:00:00')")
        conn.execute("PRAGMA user_version = 5")
    finally:
        conn.close()
    return db_path, key


def test_open_upgrades_a_v5_database_to_the_sync_state(v5: tuple[Path, bytes]) -> None:
    path, key = v5
    Store.open(path, key).close()
    conn = connect_raw(path, key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 14
        assert set(SYNC_TABLES) <= table_names(conn)
        assert {"device_id", "server_url", "sign_key", "enc_key", "server_sign_pub",
                "server_enc_pub", "epoch", "cursor", "last_sync_at"} <= columns(conn, "sync_device")
        assert {"change_id", "record_id", "field", "local_value", "server_value", "resolved_by",
                "resolved_at"} <= columns(conn, "sync_conflict")
        assert {"change_id", "status", "version", "xjh", "message"} <= columns(conn, "sync_result")
        assert {"record_id", "server_version"} <= columns(conn, "sync_shadow")
        assert {"finding_id", "code", "body"} <= columns(conn, "sync_finding")
        assert conn.execute("SELECT change_id, state FROM outbox").fetchall() == [("c1", "PENDING")]
    finally:
        conn.close()
    assert len(list(path.parent.glob(f"{path.name}.v5-*.bak"))) == 1


@pytest.fixture
def v6(db_path: Path) -> tuple[Path, bytes]:
    """A version-6 database (no case tables) with a stored feed cursor."""
    key = secrets.token_bytes(32)
    build_current(db_path, key)
    conn = connect_raw(db_path, key)
    try:
        drop_case_tables(conn)
        conn.execute("DROP INDEX ix_outbox_op_state")
        conn.execute("INSERT INTO meta (key, value) VALUES ('db_id', ?)", (DB_ID,))
        conn.execute("INSERT INTO sync_device (id, server_url, school_code, sign_key, enc_key,"
                     " cursor, bundle_seq, last_response_seq) VALUES (1, 'http://c', '4406040001',"
                     " x'00', x'01', 'cur-9', 0, 0)")
        conn.execute("PRAGMA user_version = 6")
    finally:
        conn.close()
    return db_path, key


def test_open_upgrades_a_v6_database_to_the_case_tables(v6: tuple[Path, bytes]) -> None:
    path, key = v6
    Store.open(path, key).close()
    conn = connect_raw(path, key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 14
        assert {"case_id", "kind", "state", "code", "record_id", "version", "action_needed",
                "body", "answer_change_id"} <= columns(conn, "sync_case")
        assert {"request_id", "record_id", "state", "version", "body"} <= columns(
            conn, "sync_guardian_request")
        assert conn.execute("SELECT cursor FROM sync_device").fetchall() == [("cur-9",)]
        indexes = {row[1] for row in conn.execute("PRAGMA index_list(outbox)")}
        assert "ix_outbox_op_state" in indexes
    finally:
        conn.close()
    assert len(list(path.parent.glob(f"{path.name}.v6-*.bak"))) == 1


@pytest.fixture
def v7(db_path: Path) -> tuple[Path, bytes]:
    """A version-7 database (no editor drafts) with one account-less meta row."""
    key = secrets.token_bytes(32)
    build_current(db_path, key)
    conn = connect_raw(db_path, key)
    try:
        drop_draft_tables(conn)
        conn.execute("INSERT INTO meta (key, value) VALUES ('db_id', ?)", (DB_ID,))
        conn.execute("PRAGMA user_version = 7")
    finally:
        conn.close()
    return db_path, key


def test_open_upgrades_a_v7_database_to_editor_drafts(v7: tuple[Path, bytes]) -> None:
    path, key = v7
    Store.open(path, key).close()
    conn = connect_raw(path, key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 14
        assert {"key", "account_id", "student_id", "row", "saved_at"} <= columns(
            conn, "editor_draft")
        assert conn.execute("SELECT value FROM meta WHERE key = 'db_id'").fetchone() == (DB_ID,)
    finally:
        conn.close()
    assert len(list(path.parent.glob(f"{path.name}.v7-*.bak"))) == 1


def test_upgrade_keeps_a_backup_that_opens_with_the_same_key(v1: tuple[Path, bytes]) -> None:
    path, key = v1
    Store.open(path, key).close()
    backups = sorted(path.parent.glob(f"{path.name}.v1-*.bak"))
    assert len(backups) == 1
    conn = connect_raw(backups[0], key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        assert "failed_logins" not in columns(conn, "account")
        assert conn.execute("SELECT value FROM meta WHERE key = 'db_id'").fetchone() == (DB_ID,)
        assert conn.execute("SELECT count(*) FROM account").fetchone() == (1,)
    finally:
        conn.close()


def test_second_open_does_not_upgrade_again(v1: tuple[Path, bytes]) -> None:
    path, key = v1
    Store.open(path, key).close()
    Store.open(path, key).close()
    assert len(list(path.parent.glob(f"{path.name}.v*.bak"))) == 1


def test_fresh_database_needs_no_backup(db_path: Path) -> None:
    key = secrets.token_bytes(32)
    Store.create(db_path, key).close()
    Store.open(db_path, key).close()
    assert list(db_path.parent.glob("*.bak")) == []


def test_newer_schema_is_refused_and_left_alone(db_path: Path) -> None:
    key = secrets.token_bytes(32)
    Store.create(db_path, key).close()
    conn = connect_raw(db_path, key)
    try:
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    before = sha256(db_path)
    with pytest.raises(errors.NewerSchema) as caught:
        Store.open(db_path, key)
    assert caught.value.params["found"] == SCHEMA_VERSION + 1
    assert caught.value.params["known"] == SCHEMA_VERSION
    assert sha256(db_path) == before
    assert list(db_path.parent.glob("*.bak")) == []


def test_open_upgrades_a_v8_database_to_template_profiles(db_path: Path) -> None:
    key = secrets.token_bytes(32)
    build_current(db_path, key)
    conn = connect_raw(db_path, key)
    try:
        conn.execute("DROP TABLE import_profile")
        conn.execute("INSERT INTO meta (key, value) VALUES ('db_id', ?)", (DB_ID,))
        conn.execute("PRAGMA user_version = 8")
    finally:
        conn.close()
    Store.open(db_path, key).close()
    conn = connect_raw(db_path, key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 14
        assert {"name", "headers", "mapping", "class_codes"} <= columns(conn, "import_profile")
    finally:
        conn.close()
    assert len(list(db_path.parent.glob(f"{db_path.name}.v8-*.bak"))) == 1


def test_open_upgrades_a_v9_database_to_the_intake_lists(db_path: Path) -> None:
    key = secrets.token_bytes(32)
    build_current(db_path, key)
    conn = connect_raw(db_path, key)
    try:
        conn.execute("DROP TABLE intake_entry")
        conn.execute("INSERT INTO meta (key, value) VALUES ('db_id', ?)", (DB_ID,))
        conn.execute("PRAGMA user_version = 9")
    finally:
        conn.close()
    Store.open(db_path, key).close()
    conn = connect_raw(db_path, key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 14
        assert {"kind", "id_number", "xjh", "student_id"} <= columns(conn, "intake_entry")
    finally:
        conn.close()


def test_open_upgrades_a_v10_database_to_profile_file_formats(db_path: Path) -> None:
    key = secrets.token_bytes(32)
    build_current(db_path, key)
    conn = connect_raw(db_path, key)
    try:
        conn.execute("ALTER TABLE import_profile DROP COLUMN file_format")
        conn.execute("INSERT INTO import_profile (id, name, headers, mapping, class_codes, updated_at)"
                     " VALUES ('p1', '辽宁2024', '[]', '{}', '{}', '2026-12-01 00:00:00')")
        conn.execute("INSERT INTO meta (key, value) VALUES ('db_id', ?)", (DB_ID,))
        conn.execute("PRAGMA user_version = 10")
    finally:
        conn.close()
    Store.open(db_path, key).close()
    conn = connect_raw(db_path, key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 14
        assert conn.execute("SELECT name, file_format FROM import_profile").fetchall() == [
            ("辽宁2024", "xlsx")]
    finally:
        conn.close()
    assert len(list(db_path.parent.glob(f"{db_path.name}.v10-*.bak"))) == 1
