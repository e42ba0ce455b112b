"""Automatic backups: where they go, when they are made, how many are kept.

Backups are made on lock, on exit, on demand, and before an import or the year-end
promotion, into the backup folder: `backups/` beside the database unless the registrar chose
another folder (a USB stick, say), which is kept in the database's meta table. A chosen
folder that is not there (the stick is out) falls back to the default folder.

Every file is a verified .xjbak (desktop.services.safekeeping.backup) named
`xueji-<database>-<YYYYmmdd-HHMMSS>-<reason>.xjbak`. A backup is skipped when the newest
backup of the same series already holds the same audit-chain head and key slots (nothing
changed since). Rotation keeps, per series, the newest backup of each of the last 7 days
that have one and the newest of each of the last 4 weeks; the two series are the regular
backups (lock, exit, manual) and the backups made before a change (import, year-end).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop.models.accounts import Meta
from desktop.models.audit import AuditEntry
from desktop.models.keyslots import keyslot_path
from desktop.private_files import private_folder, tighten
from desktop.services.context import Role, Workspace
from desktop.services.errors import ServiceError, StoreError
from desktop.services.journal import Journal
from desktop.services.safekeeping.backup import BackupInfo, create_backup, read_manifest

FOLDER_KEY = "backup_folder"
DAILY, WEEKLY = 7, 4
BEFORE_CHANGE = frozenset({"import", "year-end"})
REASONS = frozenset({"manual", "lock", "exit"}) | BEFORE_CHANGE
_NAME = re.compile(r"^xueji-(?P<db>[0-9a-z]+)-(?P<stamp>\d{8}-\d{6})(?:-(?P<n>\d+))?"
                   r"-(?P<reason>[a-z-]+)\.xjbak$")
_STAMP = "%Y%m%d-%H%M%S"

clock: Callable[[], dt.datetime] = dt.datetime.now  # replaced by tests


@dataclass(frozen=True)
class BackupFile:
    path: Path
    made: dt.datetime
    reason: str
    counter: int = 1  # the second backup within one second is -2, and so on

    @property
    def order(self) -> tuple[dt.datetime, int]:
        return self.made, self.counter

    @property
    def series(self) -> str:
        return series_of(self.reason)


def series_of(reason: str) -> str:
    return "before" if reason in BEFORE_CHANGE else "regular"


@dataclass(frozen=True)
class BackupOutcome:
    """What one automatic backup did: `info` is None when nothing changed since the newest
    backup of its series; `fallback` when the chosen folder was missing."""

    folder: Path
    info: BackupInfo | None
    fallback: bool
    removed: tuple[Path, ...] = ()


def database_tag(db_id: str) -> str:
    """The part of the file name that tells this database's backups from others' (the random
    end of its id, so two databases made in the same minute differ)."""
    return re.sub(r"[^0-9a-z]", "", db_id.lower())[-12:] or "unknown"


def default_folder(db_path: Path) -> Path:
    return db_path.parent / "backups"


def chosen_folder(ws: Workspace) -> Path | None:
    with ws.store.reading() as session:
        value = session.scalar(select(Meta.value).where(Meta.key == FOLDER_KEY))
    return Path(value) if value else None


def backup_folder(ws: Workspace) -> tuple[Path, bool]:
    """(the folder backups go to now, True if the chosen folder is missing and the default
    folder beside the database is used instead)."""
    chosen = chosen_folder(ws)
    if chosen is None:
        return default_folder(ws.store.path), False
    if chosen.is_dir():
        return chosen, False
    return default_folder(ws.store.path), True


def set_backup_folder(ws: Workspace, folder: Path | None) -> None:
    """Choose the backup folder (None: back to the default beside the database)."""
    ws.require(Role.REGISTRAR)
    if folder is not None and not folder.is_dir():
        raise ServiceError("backup.folder_missing", folder=str(folder))
    with ws.store.writing() as session:
        row = session.get(Meta, FOLDER_KEY)
        before = row.value if row else None
        if folder is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(Meta(key=FOLDER_KEY, value=str(folder)))
        else:
            row.value = str(folder)
        Journal(session, ws.actor).audit("settings.backup_folder", "meta", FOLDER_KEY,
                                         before={"folder": before},
                                         after={"folder": str(folder) if folder else None})


def backups_in(folder: Path, db_id: str) -> list[BackupFile]:
    """This database's backups in `folder`, newest first."""
    tag = database_tag(db_id)
    found = []
    for path in folder.glob(f"xueji-{tag}-*.xjbak") if folder.is_dir() else ():
        match = _NAME.match(path.name)
        made = _made(match["stamp"]) if match else None
        if match and made and match["db"] == tag and match["reason"] in REASONS:
            found.append(BackupFile(path, made, match["reason"], int(match["n"] or 1)))
    return sorted(found, key=lambda f: f.order, reverse=True)


def _made(stamp: str) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(stamp, _STAMP)
    except ValueError:
        return None


def latest_backup(ws: Workspace, folder: Path | None = None) -> BackupFile | None:
    found = backups_in(folder or backup_folder(ws)[0], ws.store.db_id)
    return found[0] if found else None


def back_up(ws: Workspace, reason: str = "manual") -> BackupOutcome:
    """Make a verified backup into the backup folder (skipped if nothing changed since the
    newest backup of its series), then rotate. Any role may: no record changes."""
    if reason not in REASONS:
        raise ValueError(reason)
    folder, fallback = backup_folder(ws)
    if not folder.exists():
        private_folder(folder)
    _remove_leftovers(folder, ws.store.db_id)
    existing = backups_in(folder, ws.store.db_id)
    for older in existing:  # left readable by an older version
        tighten(older.path)
    newest = next((f for f in existing if f.series == series_of(reason)), None)
    if newest is not None and _unchanged_since(ws, newest.path):
        return BackupOutcome(folder, None, fallback)
    info = create_backup(ws, _new_name(folder, ws.store.db_id, reason))
    removed = rotate(folder, ws.store.db_id)
    return BackupOutcome(folder, info, fallback, tuple(removed))


def backup_before(ws: Workspace, action: str) -> BackupOutcome:
    """The backup taken before an import or the year-end; a failure refuses the change."""
    try:
        return back_up(ws, action)
    except (ServiceError, StoreError, OSError) as exc:
        raise ServiceError("backup.before_change_failed", action=_ACTIONS[action]) from exc


_ACTIONS = {"import": "导入", "year-end": "学年结转"}


def _new_name(folder: Path, db_id: str, reason: str) -> Path:
    """A name after every backup made in the same second, whatever their reasons."""
    made = clock().replace(microsecond=0)
    same_second = [f.counter for f in backups_in(folder, db_id) if f.made == made]
    if not same_second:
        return folder / f"xueji-{database_tag(db_id)}-{made:{_STAMP}}-{reason}.xjbak"
    return folder / f"xueji-{database_tag(db_id)}-{made:{_STAMP}}-{max(same_second) + 1}-{reason}.xjbak"


def _remove_leftovers(folder: Path, db_id: str) -> None:
    """Half-written files of a backup that was interrupted (power cut, killed process)."""
    for pattern in ("*.xjbak.part", "*.xjbak.part-db"):
        for path in folder.glob(f"xueji-{database_tag(db_id)}-{pattern}"):
            path.unlink(missing_ok=True)


def _unchanged_since(ws: Workspace, backup: Path) -> bool:
    try:
        manifest = read_manifest(backup)
    except ServiceError:
        return False
    with ws.store.reading() as session:
        head = session.execute(select(AuditEntry.seq, AuditEntry.hash)
                               .order_by(AuditEntry.seq.desc()).limit(1)).first()
    current = [head[0], head[1]] if head else [0, ""]
    keys = keyslot_path(ws.store.path)
    keys_sha = hashlib.sha256(keys.read_bytes()).hexdigest() if keys.exists() else None
    return (manifest.get("db_id") == ws.store.db_id and manifest.get("audit_head") == current
            and manifest.get("keys_sha256") == keys_sha)


def rotate(folder: Path, db_id: str) -> list[Path]:
    """Delete this database's backups in `folder` that the rotation does not keep."""
    found = backups_in(folder, db_id)
    keep = kept(found)
    removed = [f.path for f in found if f.path not in keep]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def kept(files: Iterable[BackupFile]) -> set[Path]:
    """Per series: the newest of each of the last DAILY days and of the last WEEKLY weeks."""
    keep: set[Path] = set()
    files = sorted(files, key=lambda f: f.order, reverse=True)
    for series in ("regular", "before"):
        mine = [f for f in files if f.series == series]
        keep |= _newest_per(mine, lambda f: f.made.date(), DAILY)
        keep |= _newest_per(mine, lambda f: tuple(f.made.isocalendar())[:2], WEEKLY)
    return keep


def _newest_per(files: list[BackupFile], period: Callable[[BackupFile], object],
                limit: int) -> set[Path]:
    """The first (newest) file of each of the first `limit` periods, files newest first."""
    seen: dict[object, Path] = {}
    for backup in files:
        key = period(backup)
        if key not in seen:
            if len(seen) == limit:
                break
            seen[key] = backup.path
    return set(seen.values())
