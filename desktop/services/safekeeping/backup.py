"""Backups: one verified file holding the encrypted database and its key slots.

A backup (.xjbak) is a zip of stored entries: the database copied with SQLite's backup API
(still encrypted with the same data key; the archive scans live inside it), the key-slot
file, and a manifest with SHA-256 sums and the head of the audit chain. It is checked by
opening the copy and running the integrity checks, then read back against its checksums,
before it is renamed into place, so a backup that exists is a backup that opens - with the
same password, or with the recovery key alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain import recovery_key
from desktop.domain.errors import DomainError
from desktop.models import errors as store_errors
from desktop.models.durable import fsync_folder, write_atomically
from desktop.models.engine import connect_raw
from desktop.models.keyslots import KeySlotFile, keyslot_path
from desktop.models.migrations import SCHEMA_VERSION
from desktop.models.store import check_integrity, copy_database
from desktop.private_files import create_private
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError

FORMAT = "xueji-backup/1"
_DB, _KEYS, _MANIFEST = "xueji.db", "xueji.db.keys", "manifest.json"


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    size: int
    created: str


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def create_backup(ws: Workspace, out: Path) -> BackupInfo:
    """Write a verified backup of the open database to `out` (replaced atomically).

    The copy passes SQLCipher's and SQLite's integrity checks before it is packed, and the
    packed file is read back against its checksums before it is renamed into place."""
    work = out.with_name(out.name + ".part-db")
    work.unlink(missing_ok=True)
    try:
        copy_database(ws.store.path, ws.store.key, work)
        problems = check_integrity(work, ws.store.key)
        if problems:
            raise store_errors.IntegrityFailed(str(ws.store.path))
        head = audit_head_of(work, ws.store.key)
        _pack(work, keyslot_path(ws.store.path), ws.store.db_id, out, head)
    finally:
        work.unlink(missing_ok=True)
    return BackupInfo(out, out.stat().st_size, dt.datetime.now().isoformat(timespec="seconds"))


def audit_head_of(path: Path, key: bytes) -> list[object]:
    """[seq, hash] of the newest audit row of the database at `path` ([0, ""] if none)."""
    conn = connect_raw(path, key)
    try:
        row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    finally:
        conn.close()
    return [row[0], row[1]] if row else [0, ""]


def _pack(db_copy: Path, keys: Path, db_id: str, out: Path, head: list[object]) -> None:
    manifest = {"format": FORMAT, "db_id": db_id, "schema": SCHEMA_VERSION,
                "created": dt.datetime.now(dt.UTC).isoformat(), "db_sha256": _sha256(db_copy),
                "keys_sha256": _sha256(keys) if keys.exists() else None, "audit_head": head}
    partial = out.with_name(out.name + ".part")
    try:
        os.close(create_private(partial))  # 0600 before the first byte is written
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as archive:
            archive.writestr(_MANIFEST, json.dumps(manifest, indent=1))
            archive.write(db_copy, _DB)
            if keys.exists():
                archive.write(keys, _KEYS)
        with partial.open("rb+") as handle:
            os.fsync(handle.fileno())
        verify_backup_file(partial)
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    fsync_folder(out.parent)


def read_manifest(backup: Path) -> dict[str, Any]:
    """The manifest of a backup file; ServiceError('backup.damaged'/'backup.format')."""
    try:
        with zipfile.ZipFile(backup) as archive:
            manifest = json.loads(archive.read(_MANIFEST))
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError, RecursionError) as exc:
        raise ServiceError("backup.damaged") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ServiceError("backup.format")
    return manifest


def verify_backup_file(backup: Path) -> dict[str, Any]:
    """Read every entry of a backup back and compare it with the manifest's checksums."""
    manifest = read_manifest(backup)
    try:
        with zipfile.ZipFile(backup) as archive:
            _check_entry(archive, _DB, manifest["db_sha256"])
            if manifest.get("keys_sha256"):
                _check_entry(archive, _KEYS, manifest["keys_sha256"])
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, OSError) as exc:
        raise ServiceError("backup.damaged") from exc
    return manifest


def _check_entry(archive: zipfile.ZipFile, name: str, sha256: str) -> None:
    digest = hashlib.sha256()
    with archive.open(name) as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    if digest.hexdigest() != sha256:
        raise ServiceError("backup.damaged")


def restore_backup(backup: Path, target: Path, *, username: str, password: str | None = None,
                   recovery: str | None = None) -> Path | None:
    """Put the database of `backup` at `target`; returns where an existing target was moved.

    The backup is unpacked beside the target, its checksums and its key (the password via
    the backed-up key slots, or the recovery key) verified before anything is replaced.
    """
    staging = target.with_name(target.name + ".restoring")
    staged_keys = staging.with_name(staging.name + ".keys")
    try:
        keys = _unpack(backup, staging)
        data_key = _key_for(keys, staging, username, password, recovery)
        _verify(staging, data_key, from_recovery=bool(recovery))
        return _swap_in(staging, keys, target)
    finally:
        staging.unlink(missing_ok=True)
        staged_keys.unlink(missing_ok=True)


def _verify(staging: Path, data_key: bytes, *, from_recovery: bool) -> None:
    try:
        problems = check_integrity(staging, data_key)
    except store_errors.WrongPassword as exc:
        if from_recovery:
            raise store_errors.WrongRecoveryKey(reason="mismatch") from exc
        raise store_errors.KeySlotsMismatch(str(staging)) from exc
    if problems:
        raise store_errors.IntegrityFailed(str(staging))


def _unpack(backup: Path, staging: Path) -> Path | None:
    return unpack(backup, staging)[0]


def unpack(backup: Path, staging: Path) -> tuple[Path | None, dict[str, Any]]:
    """Extract the database of `backup` to `staging` (and its key slots to `<staging>.keys`),
    each checked against the manifest; returns (key-slot path or None, manifest)."""
    manifest = read_manifest(backup)
    try:
        with zipfile.ZipFile(backup) as archive:
            _extract(archive, _DB, staging, manifest["db_sha256"])
            if manifest.get("keys_sha256"):
                keys = staging.with_name(staging.name + ".keys")
                _extract(archive, _KEYS, keys, manifest["keys_sha256"])
                return keys, manifest
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError) as exc:
        raise ServiceError("backup.damaged") from exc
    return None, manifest


def _extract(archive: zipfile.ZipFile, name: str, dest: Path, sha256: str) -> None:
    with archive.open(name) as source, dest.open("wb") as handle:
        shutil.copyfileobj(source, handle)
    if _sha256(dest) != sha256:
        raise ServiceError("backup.damaged")


def _key_for(keys: Path | None, staging: Path, username: str, password: str | None,
             recovery: str | None) -> bytes:
    if recovery:
        try:
            return recovery_key.decode(recovery)
        except DomainError as exc:
            raise store_errors.WrongRecoveryKey(reason=exc.code) from exc
    if keys is None or password is None:
        raise store_errors.KeySlotsMissing(str(staging))
    return KeySlotFile.load(keys).unlock(username, password)


def _unused_name(target: Path) -> Path:
    """`<db>.before-restore-<time>` (with -2, -3 … if taken): an old database is never replaced."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    candidate, counter = target.with_name(f"{target.name}.before-restore-{stamp}"), 1
    while any(candidate.with_name(candidate.name + s).exists() for s in ("", "-wal", ".keys")):
        counter += 1
        candidate = target.with_name(f"{target.name}.before-restore-{stamp}-{counter}")
    return candidate


def _swap_in(staging: Path, keys: Path | None, target: Path) -> Path | None:
    moved = None
    if target.exists():
        moved = _unused_name(target)
        for suffix in ("", "-wal", "-shm", ".keys"):
            source = target.with_name(target.name + suffix)
            if source.exists():
                os.replace(source, moved.with_name(moved.name + suffix))
    os.replace(staging, target)
    if keys is not None:
        write_atomically(keyslot_path(target), keys.read_bytes())
    return moved
