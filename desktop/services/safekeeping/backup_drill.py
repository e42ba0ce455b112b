"""The restore drill: prove the newest backup can be brought back, without touching the live
database.

The backup is unpacked into a new temporary folder (its checksums verified), opened with the
data key of the open database (the same key the recovery key encodes), checked with
`check_database` (SQLCipher page HMACs, SQLite integrity, audit chain, outbox and records),
counted, and the temporary folder is deleted again whatever happens.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from desktop.models.archive import ArchiveBlob
from desktop.models.keyslots import KeySlotFile
from desktop.models.store import Store
from desktop.models.student import Student
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.services.safekeeping.backup import unpack
from desktop.services.safekeeping.backup_policy import backup_folder, latest_backup
from desktop.services.safekeeping.integrity import CheckReport, check_database


@dataclass(frozen=True)
class DrillReport:
    backup: Path
    created: str  # when the backup was made (ISO, UTC)
    size: int
    students: int
    scans: int
    audit_rows: int
    problems: tuple[str, ...]  # message codes (desktop.messages), empty when all is well
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.problems


def restore_drill(ws: Workspace, folder: Path | None = None) -> DrillReport:
    """Restore the newest backup of this database into a temporary folder and check it."""
    where = folder or backup_folder(ws)[0]
    newest = latest_backup(ws, where)
    if newest is None:
        raise ServiceError("backup.none", folder=str(where))
    started = time.monotonic()
    scratch = Path(tempfile.mkdtemp(prefix="xueji-drill-"))
    try:
        return _drill(ws, newest.path, scratch, started)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def _drill(ws: Workspace, backup: Path, scratch: Path, started: float) -> DrillReport:
    db = scratch / "xueji.db"
    keys, manifest = unpack(backup, db)
    problems: list[str] = []
    if manifest.get("db_id") != ws.store.db_id:
        raise ServiceError("backup.other_database")
    if keys is None or not _keys_match(keys, ws.store.db_id):
        problems.append("drill.keys")
    try:
        store = Store.open(db, ws.store.key)
    except StoreError:
        problems.append("drill.storage")
        return _report(backup, manifest, (0, 0, 0), problems, started)
    try:
        check = check_database(Workspace(store, ws.actor, ws.device_id))
        problems += _problems(check)
        with store.reading() as session:
            counts = (session.scalar(select(func.count()).select_from(Student)) or 0,
                      session.scalar(select(func.count()).select_from(ArchiveBlob)) or 0,
                      check.audit_rows)
    finally:
        store.close()
    return _report(backup, manifest, counts, problems, started)


def _keys_match(keys: Path, db_id: str) -> bool:
    try:
        return KeySlotFile.load(keys).db_id == db_id
    except StoreError:
        return False


def _problems(report: CheckReport) -> list[str]:
    found = []
    if report.storage:
        found.append("drill.storage")
    if report.audit_break_at is not None:
        found.append("drill.audit_chain")
    if report.outbox_without_audit or report.outbox_without_record:
        found.append("drill.outbox")
    if report.students_without_event or report.status_not_from_events:
        found.append("drill.history")
    return found


def _report(backup: Path, manifest: dict[str, Any], counts: tuple[int, int, int], problems: list[str],
            started: float) -> DrillReport:
    students, scans, audit_rows = counts
    return DrillReport(backup, str(manifest.get("created", "")), backup.stat().st_size, students,
                       scans, audit_rows, tuple(problems), round(time.monotonic() - started, 2))
