"""The SQLCipher engine: raw 256-bit key, pragmas that keep plaintext off disk, error mapping.

Each connection sets the raw key (no per-open PBKDF2), silences SQLCipher's own stderr
logging, checks the key at once, and turns on WAL, FULL sync, foreign keys, a busy timeout
and in-memory temp storage. Transactions are begun explicitly (BEGIN or BEGIN IMMEDIATE).
"""

from __future__ import annotations

from pathlib import Path

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import QueuePool

from desktop.models import errors, json_text

_PLAIN_SQLITE = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
CACHE_KIB = 32 * 1024  # decrypted page cache per connection: a large school's roster fits


def connect_raw(path: Path, key: bytes, *, create: bool = False,
                read_only: bool = False) -> sqlcipher.Connection:
    """A keyed, checked DBAPI connection with the project's pragmas. Only `create` may make
    the file: opening never does (a missing file is an error, not a new empty database).
    `read_only`: for a file in a folder that cannot be written (see `read_only_uri`)."""
    uri = read_only_uri(path) if read_only else (
        f"{path.resolve().as_uri()}?mode={'rwc' if create else 'rw'}")
    conn = sqlcipher.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    try:
        _key_and_check(conn, path, key)
        pragmas = ["foreign_keys = ON", "temp_store = MEMORY", "synchronous = FULL",
                   f"busy_timeout = {BUSY_TIMEOUT_MS}", f"cache_size = -{CACHE_KIB}"]
        for pragma in pragmas if read_only else [*pragmas, "journal_mode = WAL"]:
            conn.execute(f"PRAGMA {pragma}")
    except sqlcipher.Error as exc:
        conn.close()
        raise translate(exc) from exc
    except errors.StoreError:
        conn.close()
        raise
    return conn


def _key_and_check(conn: sqlcipher.Connection, path: Path, key: bytes) -> None:
    conn.execute("PRAGMA cipher_log_level = NONE")
    conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        if path.exists() and _head(path) == _PLAIN_SQLITE:
            raise errors.NotADatabase(str(path)) from exc
        if "not a database" in str(exc):
            raise errors.WrongPassword() from exc
        raise


def _head(path: Path) -> bytes:
    with path.open("rb") as handle:
        return handle.read(16)


def read_only_uri(path: Path) -> str:
    """SQLite opens a WAL database read-only without writing its -shm file only as
    `immutable`, which is right when no -wal file holds pages the file lacks (a database
    closed cleanly); with a -wal and -shm present, plain `mode=ro` reads both."""
    base = f"{path.resolve().as_uri()}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    return base if wal.exists() else base + "&immutable=1"


def open_engine(path: Path, key: bytes, pool_size: int = 2, *, create: bool = False,
                read_only: bool = False) -> Engine:
    """An Engine whose connections are keyed SQLCipher connections to `path`."""
    engine = create_engine(
        "sqlite://",
        module=sqlcipher,
        creator=lambda: connect_raw(path, key, create=create, read_only=read_only),
        poolclass=QueuePool,
        json_serializer=_compact_json,
        pool_size=pool_size,
        max_overflow=2,
    )
    event.listen(engine, "begin", _begin)
    return engine


class EncodedJSON(str):
    """JSON text already encoded once, stored as is (a payload kept in two columns)."""


def encode_json(value: object) -> EncodedJSON:
    return EncodedJSON(json_text.dumps(value))


def _compact_json(value: object) -> str:
    if isinstance(value, EncodedJSON):
        return str(value)
    return json_text.dumps(value)


def _begin(conn: Connection) -> None:
    mode = conn.get_execution_options().get("begin", "DEFERRED")
    conn.exec_driver_sql(f"BEGIN {mode}")
    # The unit of work inserts rows in mapper order, not foreign-key order: check at commit.
    conn.exec_driver_sql("PRAGMA defer_foreign_keys = ON")


_MESSAGES = (
    ("database is locked", errors.DatabaseLocked),
    ("database or disk is full", errors.DiskFull),
    ("readonly database", errors.ReadOnly),
    ("unable to open database", errors.CannotOpen),
    ("not a database", errors.WrongPassword),
    ("disk i/o error", errors.DiskIO),
    ("malformed", errors.IntegrityFailed),
)


def translate(exc: BaseException) -> BaseException:
    """A StoreError for environment failures of SQLite; other errors are returned unchanged."""
    text = str(getattr(exc, "orig", None) or exc).lower()
    for fragment, kind in _MESSAGES:
        if fragment in text:
            return kind(text)
    return exc
