"""Automatic backups (services.safekeeping.backup_policy) and the restore drill
(services.safekeeping.backup_drill):
where backups go, skipping when nothing changed, 7 daily + 4 weekly rotation per series, the
backups taken before an import and the year-end, key slots and archive scans inside every
backup, opening one with the recovery key alone, and a drill that never touches the live
database."""

from __future__ import annotations

import datetime as dt
import tempfile
import zipfile
from pathlib import Path

import pytest

from desktop.exchange.files import apply_workbook, read_import
from desktop.models.keyslots import keyslot_path
from desktop.services.archive.scans import attach_scan, scan_bytes
from desktop.services.changes.year_end import run_year_end
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.safekeeping import backup_policy
from desktop.services.safekeeping.accounts import NewSchool, create_database, open_with_recovery_key, unlock
from desktop.services.safekeeping.backup import restore_backup
from desktop.services.safekeeping.backup_drill import restore_drill
from desktop.services.safekeeping.backup_policy import (
    BackupFile,
    back_up,
    backup_folder,
    backups_in,
    database_tag,
    default_folder,
    kept,
    rotate,
    set_backup_folder,
)
from desktop.services.students.add import add_students
from tests.conftest import FAST_KDF, PASSWORD
from tests.dbutil import count, sha256
from tests.exchange.workbooks import write_workbook
from tests.factories import SCHOOL_CODE, valid_row
from tests.services import scans


def test_first_backup_goes_beside_the_database_and_verifies(ws: Workspace) -> None:
    outcome = back_up(ws, "manual")
    assert outcome.info is not None and not outcome.fallback
    assert outcome.folder == default_folder(ws.store.path) == ws.store.path.parent / "backups"
    [found] = backups_in(outcome.folder, ws.store.db_id)
    assert found.path == outcome.info.path and found.reason == "manual"
    assert found.path.name.startswith(f"xueji-{database_tag(ws.store.db_id)}-")


def test_a_backup_is_skipped_until_something_changes(ws: Workspace, today: dt.date) -> None:
    first = back_up(ws, "lock")
    assert back_up(ws, "exit").info is None  # nothing changed since
    add_students(ws, [valid_row()], today=today)
    second = back_up(ws, "exit")
    assert second.info is not None and second.info.path != first.info.path  # type: ignore[union-attr]


def test_two_backups_in_one_second_keep_the_newest(ws: Workspace, today: dt.date,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_policy, "clock", lambda: dt.datetime(2026, 11, 26, 9, 30, 0))
    back_up(ws, "manual")
    add_students(ws, [valid_row()], today=today)
    newest = back_up(ws, "manual").info
    assert newest is not None and newest.path.name.endswith("-093000-2-manual.xjbak")
    assert [f.path for f in backups_in(newest.path.parent, ws.store.db_id)] == [newest.path]
    add_students(ws, [valid_row(name="李小红", seq=12)], today=today)
    on_lock = back_up(ws, "lock").info  # another reason, the same second: still after it
    assert on_lock is not None and on_lock.path.name.endswith("-093000-3-lock.xjbak")
    assert [f.path for f in backups_in(on_lock.path.parent, ws.store.db_id)] == [on_lock.path]


def _file(day: dt.date, reason: str = "lock", hour: int = 12) -> BackupFile:
    made = dt.datetime.combine(day, dt.time(hour))
    return BackupFile(Path(f"{made:%Y%m%d-%H}-{reason}"), made, reason)


def test_rotation_keeps_seven_days_and_four_weeks_per_series() -> None:
    start = dt.date(2026, 11, 30)  # a Monday
    daily = [_file(start - dt.timedelta(days=n), hour=h) for n in range(60) for h in (9, 17)]
    before = [_file(start - dt.timedelta(days=n), "import") for n in range(0, 60, 3)]
    keep = kept(daily + before)
    regular = sorted((f for f in daily if f.path in keep), key=lambda f: f.made, reverse=True)
    assert [f.made.date() for f in regular[:7]] == [start - dt.timedelta(days=n) for n in range(7)]
    assert all(f.made.hour == 17 for f in regular)  # the newest of each day
    weeks = {tuple(f.made.isocalendar())[:2] for f in regular}
    # the 4 weekly picks: Nov 30 and Nov 29 are daily ones already, Nov 22 and 15 are added
    assert len(weeks) == 4 and len(regular) == 7 + 2
    assert sum(f.path in keep for f in before) >= 7  # the before-change series on its own


def test_rotate_deletes_only_this_databases_old_backups(ws: Workspace, tmp_path: Path) -> None:
    folder = tmp_path / "stick"
    folder.mkdir()
    tag = database_tag(ws.store.db_id)
    for day in range(1, 21):
        (folder / f"xueji-{tag}-202611{day:02d}-120000-lock.xjbak").write_bytes(b"x")
    other = folder / "xueji-000000000000-20261101-120000-lock.xjbak"
    notes = folder / "说明.txt"
    other.write_bytes(b"x")
    notes.write_text("U盘")
    removed = rotate(folder, ws.store.db_id)
    assert len(removed) == 20 - len(backups_in(folder, ws.store.db_id))
    assert other.exists() and notes.exists()
    assert len(backups_in(folder, ws.store.db_id)) <= 7 + 4


def test_a_chosen_folder_and_the_fallback_when_it_is_missing(ws: Workspace, tmp_path: Path) -> None:
    stick = tmp_path / "usb"
    stick.mkdir()
    set_backup_folder(ws, stick)
    assert backup_folder(ws) == (stick, False)
    assert back_up(ws).folder == stick
    stick.rename(tmp_path / "unplugged")
    assert backup_folder(ws) == (default_folder(ws.store.path), True)
    assert back_up(ws).fallback
    with pytest.raises(ServiceError) as caught:
        set_backup_folder(ws, tmp_path / "nowhere")
    assert caught.value.code == "backup.folder_missing"
    set_backup_folder(ws, None)
    assert backup_folder(ws) == (default_folder(ws.store.path), False)


def test_interrupted_backup_leftovers_are_removed(ws: Workspace) -> None:
    folder = default_folder(ws.store.path)
    folder.mkdir()
    leftover = folder / f"xueji-{database_tag(ws.store.db_id)}-20261126-093000-lock.xjbak.part"
    leftover.write_bytes(b"half")
    back_up(ws)
    assert not leftover.exists()


def test_an_import_is_backed_up_first(ws: Workspace, tmp_path: Path, today: dt.date) -> None:
    sheet = read_import(write_workbook(tmp_path / "in.xlsx", [valid_row()]))
    apply_workbook(ws, sheet, today=today)
    [before] = backups_in(default_folder(ws.store.path), ws.store.db_id)
    assert before.reason == "import"
    ws_copy = _restored(before.path, tmp_path / "check")
    try:
        assert _students(ws_copy) == 0  # the backup holds the database before the import
    finally:
        ws_copy.lock()


def test_no_import_without_its_backup(ws: Workspace, tmp_path: Path, today: dt.date) -> None:
    default_folder(ws.store.path).write_text("a file where the folder should be")
    sheet = read_import(write_workbook(tmp_path / "in.xlsx", [valid_row()]))
    with pytest.raises(ServiceError) as caught:
        apply_workbook(ws, sheet, today=today)
    assert caught.value.code == "backup.before_change_failed"
    assert _students(ws) == 0


def test_the_year_end_is_backed_up_first(ws: Workspace, today: dt.date) -> None:
    add_students(ws, [valid_row()], today=today)
    run_year_end(ws, dt.date(2027, 7, 10))
    reasons = [f.reason for f in backups_in(default_folder(ws.store.path), ws.store.db_id)]
    assert reasons == ["year-end"]


def test_backups_hold_the_key_slots_and_the_archive_scans(created: tuple[Workspace, str],
                                                          tmp_path: Path, today: dt.date) -> None:
    ws, recovery = created
    student = add_students(ws, [valid_row()], today=today).ids[0]
    scan = attach_scan(ws, student, "basic_form", scans.png(), "表.png")
    info = back_up(ws).info
    assert info is not None
    with zipfile.ZipFile(info.path) as archive:
        assert {"xueji.db", "xueji.db.keys", "manifest.json"} <= set(archive.namelist())
        assert archive.read("xueji.db.keys") == keyslot_path(ws.store.path).read_bytes()
    target = tmp_path / "restored" / "school.db"
    target.parent.mkdir()
    restore_backup(info.path, target, username="registrar", recovery=recovery)
    keyslot_path(target).unlink()  # every other file is lost: the recovery key alone opens it
    copy = open_with_recovery_key(target, recovery, "registrar")
    try:
        assert scan_bytes(copy, scan.id) == (scan, scans.png())
    finally:
        copy.lock()


def test_the_drill_restores_into_a_temporary_folder_and_checks(
        ws: Workspace, today: dt.date, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    student = add_students(ws, [valid_row()], today=today).ids[0]
    attach_scan(ws, student, "basic_form", scans.png(), "表.png")
    back_up(ws)
    live = {p.name: sha256(p) for p in (ws.store.path, keyslot_path(ws.store.path))}
    report = restore_drill(ws)
    assert report.ok, report.problems
    assert (report.students, report.scans) == (1, 1) and report.audit_rows >= 3
    assert {p.name: sha256(p) for p in (ws.store.path, keyslot_path(ws.store.path))} == live
    assert list((tmp_path / "tmp").iterdir()) == []  # the temporary copy is gone


def test_the_drill_without_a_backup_or_with_a_damaged_one(ws: Workspace) -> None:
    with pytest.raises(ServiceError) as caught:
        restore_drill(ws)
    assert caught.value.code == "backup.none"
    info = back_up(ws).info
    assert info is not None
    data = bytearray(info.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    info.path.write_bytes(bytes(data))
    with pytest.raises(ServiceError) as caught:
        restore_drill(ws)
    assert caught.value.code == "backup.damaged"


def test_the_drill_refuses_another_databases_backup(ws: Workspace, tmp_path: Path) -> None:
    other, _key = create_database(tmp_path / "other.db", NewSchool(SCHOOL_CODE, "乙校"),
                                  "registrar", PASSWORD, FAST_KDF)
    try:
        theirs = back_up(other).info
    finally:
        other.lock()
    assert theirs is not None
    folder = default_folder(ws.store.path)
    folder.mkdir(exist_ok=True)
    mine = folder / f"xueji-{database_tag(ws.store.db_id)}-20261126-093000-manual.xjbak"
    mine.write_bytes(theirs.path.read_bytes())
    with pytest.raises(ServiceError) as caught:
        restore_drill(ws)
    assert caught.value.code == "backup.other_database"


def _restored(backup: Path, folder: Path) -> Workspace:
    folder.mkdir()
    restore_backup(backup, folder / "school.db", username="registrar", password=PASSWORD)
    return unlock(folder / "school.db", "registrar", PASSWORD)


def _students(ws: Workspace) -> int:
    return count(ws, "student")
