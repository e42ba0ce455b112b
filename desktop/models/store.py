"""The encrypted store: create or open the SQLCipher file with its data key, copy, close.

`Store` owns one Engine. Sessions are handed out per unit of work: `reading()` for queries,
`writing()` for changes (BEGIN IMMEDIATE, so the device sequence of the outbox stays gapless
and two writers never deadlock).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from desktop.domain.ids import new_id
from desktop.models import errors, migrations
from desktop.models.accounts import Meta
from desktop.models.engine import connect_raw, open_engine, translate
from desktop.private_files import create_private, tighten_database


@dataclass
class Store:
    path: Path
    engine: Engine
    key: bytes
    db_id: str
    read_only: bool = False  # a folder or file that cannot be written: reading only

    @classmethod
    def create(cls, path: Path, key: bytes) -> Store:
        if path.exists():
            raise errors.DatabaseExists(str(path))
        if not path.parent.is_dir():
            raise errors.DatabaseMissing(str(path.parent))
        os.close(create_private(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL))  # 0600 from the start
        engine = open_engine(path, key, create=True)
        migrations.prepare(engine, backup=lambda _v: None)
        store = cls(path, engine, key, new_id())
        with store.writing() as session:
            session.add(Meta(key="db_id", value=store.db_id))
            session.add(Meta(key="created_at", value=dt.datetime.now(dt.UTC).isoformat()))
        return store

    @classmethod
    def open(cls, path: Path, key: bytes) -> Store:
        """Open an existing database; never creates one. An empty file is refused before
        anything is written (a refused open changes nothing)."""
        if not path.is_file():
            raise errors.DatabaseMissing(str(path))
        if path.stat().st_size == 0:
            raise errors.NotADatabase(str(path))
        read_only = not writable(path)
        if not read_only:
            tighten_database(path)
        engine = open_engine(path, key, read_only=read_only)
        try:
            migrations.prepare(engine, backup=lambda v: backup_before_upgrade(path, key, v),
                               create=False, read_only=read_only)
            with Session(engine) as session:
                db_id = session.scalar(select(Meta.value).where(Meta.key == "db_id"))
        except BaseException:
            engine.dispose()
            raise
        return cls(path, engine, key, db_id or "", read_only)

    def close(self) -> None:
        self.engine.dispose()

    @contextlib.contextmanager
    def reading(self) -> Iterator[Session]:
        with _translated(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextlib.contextmanager
    def querying(self) -> Iterator[Connection]:
        """A plain connection for Core selects on hot read paths (no ORM session)."""
        with _translated(), self.engine.connect() as conn:
            yield conn

    @contextlib.contextmanager
    def writing(self) -> Iterator[Session]:
        """One transaction: committed when the block ends normally, rolled back otherwise."""
        with _translated(), self.engine.connect() as conn:
            conn.execution_options(begin="IMMEDIATE")
            with Session(bind=conn, expire_on_commit=False) as session, session.begin():
                yield session
        _COMMITS[0] += 1


_COMMITS = [0]  # transactions committed by this process, for honest error messages


def committed_writes() -> int:
    """How many write transactions this process has committed so far."""
    return _COMMITS[0]


@contextlib.contextmanager
def _translated() -> Iterator[None]:
    try:
        yield
    except DBAPIError as exc:
        mapped = translate(exc)
        if mapped is exc:
            raise
        raise mapped from exc


def writable(path: Path) -> bool:
    """Whether SQLite can write `path` and create its -wal and -shm files beside it."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def copy_database(source: Path, key: bytes, target: Path) -> None:
    """A consistent encrypted copy of `source` at `target` (same key), via SQLite's backup API.

    The new file is written once, straight into place (a rollback journal, no syncing page by
    page: the copy is not in use until it is complete), then synced to disk as a whole."""
    src = connect_raw(source, key)
    try:
        os.close(create_private(target))  # the copy is as private as its source
        dst = connect_raw(target, key, create=True)
        try:
            dst.execute("PRAGMA journal_mode = DELETE")
            dst.execute("PRAGMA synchronous = OFF")
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # the source's page 1 said WAL
        finally:
            dst.close()
    finally:
        src.close()
    with target.open("rb+") as handle:
        os.fsync(handle.fileno())


def backup_before_upgrade(path: Path, key: bytes, version: int) -> Path:
    """An encrypted copy beside the database, checked like every backup before the upgrade
    runs (a copy that fails the checks stops the upgrade: IntegrityFailed)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.v{version}-{stamp}.bak")
    copy_database(path, key, target)
    if check_integrity(target, key):
        raise errors.IntegrityFailed(str(target))
    return target


def check_integrity(path: Path, key: bytes) -> list[str]:
    """Problems SQLCipher's page HMAC check and SQLite's integrity check report ([] if none)."""
    conn = connect_raw(path, key)
    try:
        cipher = [row[0] for row in conn.execute("PRAGMA cipher_integrity_check")]
        plain = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        return cipher + [p for p in plain if p != "ok"]
    finally:
        conn.close()
