"""The central registry's schema (SQLAlchemy Core) and engine, for SQLite and PostgreSQL.

Times are integer Unix seconds. Every table that grows with schools carries its shard key
in its primary key and in every unique key (central/store/shards.py names each table's key,
docs/scaling.md explains why); national uniqueness of ID numbers and 学籍号 lives in
`id_claims`, keyed by the claimed value.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import orjson
from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Connection,
    Engine,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    UniqueConstraint,
    create_engine,
    event,
    select,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.dialects.sqlite.base import SQLiteDialect

from desktop.domain.ids import new_id
from desktop.sync.wire.protocol import new_sealing_key, new_signing_key

metadata = MetaData()
_SQLITE_QUOTE = SQLiteDialect().identifier_preparer
ID = String(36)


def school_fk() -> ForeignKey:
    return ForeignKey("schools.school_id")


server_identity = Table(
    "server_identity", metadata,
    Column("id", Integer, primary_key=True),
    Column("epoch", ID, nullable=False),
    Column("sign_key", LargeBinary, nullable=False),
    Column("enc_key", LargeBinary, nullable=False),
    Column("created_at", BigInteger, nullable=False),
)

schools = Table(
    "schools", metadata,
    Column("school_id", ID, primary_key=True),
    Column("code", String(20), nullable=False, unique=True),
    Column("name", String(120), nullable=False),
    Column("region", String(6), nullable=False),  # location, first part of its L numbers
    Column("created_at", BigInteger, nullable=False),
)

enrollment_tokens = Table(
    "enrollment_tokens", metadata,
    Column("token_hash", String(64), primary_key=True),  # sha256 of the code; never the code
    Column("school_id", ID, school_fk(), nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("used_at", BigInteger),
    Column("device_id", ID),
)

devices = Table(
    "devices", metadata,
    Column("device_id", ID, primary_key=True),
    Column("school_id", ID, school_fk(), nullable=False, index=True),
    Column("sign_pub", String(64), nullable=False),  # unique through id_claims (sign_key)
    Column("enc_pub", String(64), nullable=False),
    Column("device_info", JSON, nullable=False),
    Column("status", String(10), nullable=False),  # active | revoked
    Column("high_water", BigInteger, nullable=False),  # last device_seq decided
    Column("acked_seq", BigInteger, nullable=False),  # feed position the device stored
    Column("enrolled_at", BigInteger, nullable=False),
)

auth_challenges = Table(
    "auth_challenges", metadata,
    Column("nonce", String(64), primary_key=True),
    Column("device_id", ID, ForeignKey("devices.device_id"), nullable=False),
    Column("expires_at", BigInteger, nullable=False),
    Column("used_at", BigInteger),
)

access_tokens = Table(
    "access_tokens", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("device_id", ID, ForeignKey("devices.device_id"), nullable=False),
    Column("school_id", ID, school_fk(), nullable=False),
    Column("expires_at", BigInteger, nullable=False),
)

change_receipts = Table(
    "change_receipts", metadata,
    Column("school_id", ID, primary_key=True),
    Column("device_id", ID, primary_key=True),
    Column("change_id", ID, primary_key=True),
    Column("device_seq", BigInteger, nullable=False),
    Column("request_hash", String(64), nullable=False),
    Column("status", String(10), nullable=False),
    Column("result", JSON, nullable=False),
    Column("change", JSON),  # kept while held, so the change can be applied when the gap fills
    Column("received_at", BigInteger, nullable=False),
    Column("decided_at", BigInteger),
    UniqueConstraint("school_id", "device_id", "device_seq"),
)

students = Table(  # distributed by school: a transfer moves the row (central/cases/transfer.py)
    "students", metadata,
    Column("record_id", ID, nullable=False),
    Column("school_id", ID, school_fk(), nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("xjh", String(19)),
    Column("status", String(24), nullable=False),
    Column("name", String(36), nullable=False),
    Column("data", JSON, nullable=False),  # the template items and members, as the desk sends them
    Column("created_at", BigInteger, nullable=False),
    Column("updated_at", BigInteger, nullable=False),
    PrimaryKeyConstraint("school_id", "record_id"),
    Index("ix_students_record", "record_id"),
)

student_history = Table(
    "student_history", metadata,
    Column("record_id", ID, nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("school_id", ID, nullable=False),  # the school that held the record at that version
    Column("device_id", ID),
    Column("change_id", ID),
    Column("op", String(10), nullable=False),
    Column("fields", JSON, nullable=False),  # names of the items this version changed
    Column("payload", JSON, nullable=False),
    Column("actor", String(36)),
    Column("at", BigInteger, nullable=False),
    PrimaryKeyConstraint("school_id", "record_id", "version"),
    Index("ix_student_history_record", "record_id", "version"),
)

id_claims = Table(
    "id_claims", metadata,
    Column("kind", String(10), primary_key=True),  # id_number | xjh | sign_key | case | case_code …
    Column("value", String(64), primary_key=True),
    Column("record_id", ID, nullable=False),
    Column("school_id", ID, nullable=False),
    Column("claimed_at", BigInteger, nullable=False),
)

findings = Table(
    "findings", metadata,
    Column("finding_id", ID, primary_key=True),
    Column("kind", String(30), nullable=False),
    Column("body", JSON, nullable=False),
    Column("created_at", BigInteger, nullable=False),
)

finding_parties = Table(
    "finding_parties", metadata,
    Column("school_id", ID, primary_key=True),
    Column("finding_id", ID, ForeignKey("findings.finding_id"), primary_key=True),
    Column("record_id", ID, primary_key=True),
)

feed = Table(
    "feed", metadata,
    Column("recipient_id", ID, primary_key=True),  # a school (bureaus later)
    Column("seq", BigInteger, primary_key=True),
    Column("kind", String(20), nullable=False),
    Column("record_type", String(30), nullable=False),
    Column("record_id", ID, nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("body", JSON, nullable=False),
    Column("created_at", BigInteger, nullable=False),
)

recipient_cursors = Table(
    "recipient_cursors", metadata,
    Column("recipient_id", ID, primary_key=True),
    Column("last_seq", BigInteger, nullable=False),
    Column("floor_seq", BigInteger, nullable=False),  # rows at or below it were pruned
)

bundles_in = Table(  # USB bundles imported from a device: replay and stale detection
    "bundles_in", metadata,
    Column("school_id", ID, primary_key=True),
    Column("device_id", ID, primary_key=True),
    Column("bundle_id", ID, primary_key=True),
    Column("kind", String(10), nullable=False),  # request | enroll
    Column("seq", BigInteger, nullable=False),  # the device's bundle counter; 0 = enrollment
    Column("sha256", String(64), nullable=False),  # of the file
    Column("prev_sha256", String(64), nullable=False),  # what the bundle says came before it
    Column("changes", Integer, nullable=False),
    Column("imported_at", BigInteger, nullable=False),
    UniqueConstraint("school_id", "device_id", "seq"),
)

bundles_out = Table(  # reply bundles written for a device (their files are not kept)
    "bundles_out", metadata,
    Column("school_id", ID, primary_key=True),
    Column("device_id", ID, primary_key=True),
    Column("bundle_id", ID, primary_key=True),
    Column("in_reply_to", ID, nullable=False),
    Column("seq", BigInteger, nullable=False),  # the reply counter of this device, from 1
    Column("sha256", String(64), nullable=False),
    Column("created_at", BigInteger, nullable=False),
    UniqueConstraint("school_id", "device_id", "seq"),
)


# --- case workflows, bureaus and guardian requests (central/cases/engine.py, docs/protocol.md) ---

bureaus = Table(  # county 学籍主管部门 accounts; the county code names the approving unit
    "bureaus", metadata,
    Column("bureau_id", ID, primary_key=True),
    Column("name", String(60), nullable=False, unique=True),
    Column("county", String(6), nullable=False, index=True),
    Column("password_hash", String(200), nullable=False),  # argon2id
    Column("created_at", BigInteger, nullable=False),
)

bureau_sessions = Table(  # console logins (sha256 of the cookie) with their CSRF token
    "bureau_sessions", metadata,
    Column("session_hash", String(64), primary_key=True),
    Column("bureau_id", ID, ForeignKey("bureaus.bureau_id"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("expires_at", BigInteger, nullable=False),
)

cases = Table(  # one 异动 case or transfer; the row is the saga log (steps and history)
    "cases", metadata,
    Column("case_id", ID, primary_key=True),
    Column("kind", String(10), nullable=False),  # transfer | approval
    Column("change_type", String(20), nullable=False),  # 转学, 休学, 死亡 …
    Column("record_id", ID, nullable=False),
    Column("code", String(12)),  # public progress code of a transfer (claimed in id_claims)
    Column("state", String(10), nullable=False),  # open | approved | rejected | withdrawn
    Column("step", Integer, nullable=False),  # index of the current step in `steps`
    Column("steps", JSON, nullable=False),
    Column("history", JSON, nullable=False),
    Column("parties", JSON, nullable=False),
    Column("args", JSON, nullable=False),
    Column("version", BigInteger, nullable=False),
    Column("opened_at", BigInteger, nullable=False),
    Column("closed_at", BigInteger),
)

case_parties = Table(  # who takes part in a case: what a school's or a bureau's list reads
    "case_parties", metadata,
    Column("party_id", String(40), primary_key=True),  # a school id, or "county:<code>"
    Column("case_id", ID, primary_key=True),
    Column("role", String(20), nullable=False),
    Column("awaiting", Integer, nullable=False),  # 1 while the case waits for this party
    Column("opened_at", BigInteger, nullable=False),
)

guardian_requests = Table(  # updates a guardian asked for, delivered to the school
    "guardian_requests", metadata,
    Column("school_id", ID, primary_key=True),
    Column("request_id", ID, primary_key=True),
    Column("code", String(12), nullable=False),  # the guardian's query code (id_claims)
    Column("record_id", ID, nullable=False),
    Column("state", String(10), nullable=False),  # open | answered
    Column("body", JSON, nullable=False),  # requested items, guardian phone, answers
    Column("version", BigInteger, nullable=False),
    Column("created_at", BigInteger, nullable=False),
    Column("answered_at", BigInteger),
)


@dataclass(frozen=True)
class Identity:
    """The server's epoch and keys (the keys sign and open bundles)."""

    epoch: str
    sign_key: bytes
    enc_key: bytes


def database_url(url: str) -> str:
    """postgresql:// and postgres:// go through psycopg 3."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def make_engine(url: str) -> Engine:
    url = database_url(url)
    text = {"json_serializer": json_text, "json_deserializer": json_value}
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **text)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, **text)
    _private_sqlite_file(engine.url.database)
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def json_text(value: Any) -> str:
    """The text of a JSON column, written by orjson (several times faster than the standard
    library on records and feed items); what orjson refuses (an integer beyond 64 bits, keys
    that are not strings) is written by the standard library as before."""
    try:
        return orjson.dumps(value).decode()
    except TypeError:
        return json.dumps(value)


def json_value(text: str) -> Any:
    """A JSON column read back; text orjson does not take (NaN, written by the standard
    library) is read by the standard library."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _private_sqlite_file(database: str | None) -> None:
    """The registry's SQLite file holds names and ID numbers in plain text: created 0600 and
    tightened if an older version left it readable by others (with its -wal and -shm). On
    PostgreSQL the operator's own access rules and disk encryption protect it (docs/security.md)."""
    if not database or database == ":memory:" or os.name != "posix":
        return
    path = Path(database)
    if path.parent.is_dir():
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
    for suffix in ("", "-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        with contextlib.suppress(OSError):
            if side.stat().st_mode & 0o077:
                os.chmod(side, 0o600)


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # SQLAlchemy's "begin" event issues BEGIN itself
    cursor = dbapi_connection.cursor()
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=30000"):
        cursor.execute(f"PRAGMA {pragma}")
    cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")  # one writer at a time, decided up front


def init_schema(engine: Engine, now: int) -> None:
    """Create missing tables and, on a new database, the server's epoch and keys."""
    metadata.create_all(engine)
    with engine.begin() as conn:
        insert_ignore(conn, server_identity, {
            "id": 1, "epoch": new_id(), "sign_key": new_signing_key(),
            "enc_key": new_sealing_key(), "created_at": now})


def load_identity(conn: Connection) -> Identity:
    row = conn.execute(select(server_identity)).one()
    return Identity(row.epoch, bytes(row.sign_key), bytes(row.enc_key))


def renew_epoch(engine: Engine) -> str:
    """Start a new epoch: every client cursor becomes stale and clients restore a snapshot."""
    epoch = new_id()
    with engine.begin() as conn:
        conn.execute(server_identity.update().values(epoch=epoch))
    return epoch


def insert_ignore(conn: Connection, table: Table, values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT DO NOTHING; True when the row went in.

    RETURNING tells, not rowcount: psycopg reports -1 as the rowcount of this statement.
    """
    if conn.dialect.name == "sqlite" and _plain_values(table, values):
        sql = _sqlite_insert_ignore(table, tuple(values))
        driver = conn.connection.driver_connection
        assert driver is not None  # a connection in use has its driver's
        cursor = driver.execute(sql, tuple(values.values()))
        try:
            return cursor.fetchone() is not None
        finally:
            cursor.close()
    return conn.execute(_insert_ignore(conn.dialect.name, table), values).first() is not None


def _plain_values(table: Table, values: dict[str, Any]) -> bool:
    """Values SQLite takes as they are (text, integers), and no column left to a default
    that SQLAlchemy would fill in: the statement can go to the driver directly, which costs
    a sixth of SQLAlchemy's own execution (a claim is made twice for every new record)."""
    return (set(map(type, values.values())) <= _PLAIN
            and all(column.default is None for column in table.columns
                    if column.name not in values))


_PLAIN = frozenset((str, int, type(None)))


@cache
def _sqlite_insert_ignore(table: Table, names: tuple[str, ...]) -> str:
    quote = _SQLITE_QUOTE.quote
    keys = ", ".join(quote(column.name) for column in table.primary_key.columns)
    return (f"INSERT INTO {quote(table.name)} ({', '.join(map(quote, names))}) "
            f"VALUES ({', '.join('?' * len(names))}) ON CONFLICT DO NOTHING RETURNING {keys}")


@cache
def _insert_ignore(dialect: str, table: Table) -> Any:
    """Built once per table: building a statement costs more than running it on SQLite."""
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return insert(table).on_conflict_do_nothing().returning(*table.primary_key.columns)
