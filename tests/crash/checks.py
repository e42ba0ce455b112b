"""What must hold after a kill, whatever moment it came at.

For every trial: the database unlocks; SQLCipher's `cipher_integrity_check` and SQLite's
`integrity_check` pass; `check_database` passes (audit chain, every outbox row with its audit
row and its record, status = event log); every outbox row carries the payload its audit row
recorded; every student the trial created has its create in the outbox. Then, per
operation: the operation is whole or absent, and every commit the child reported before the
kill is there.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from desktop.models import errors as store_errors
from desktop.models.keyslots import KeySlotFile, keyslot_path
from desktop.models.store import check_integrity
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import unlock
from desktop.services.safekeeping.backup import verify_backup_file
from desktop.services.safekeeping.backup_drill import restore_drill
from desktop.services.safekeeping.backup_policy import default_folder
from desktop.services.safekeeping.integrity import check_database
from tests.crash import scenario
from tests.crash.harness import Trial


@dataclass(frozen=True)
class Baseline:
    """The template database before any operation."""

    students: frozenset[str]
    password_audits: int


def baseline(template: Path) -> Baseline:
    ws = unlock(template, scenario.USER, scenario.PASSWORDS[0])
    try:
        return Baseline(frozenset(_scalars(ws, "SELECT id FROM student")),
                        _count(ws, "audit_log WHERE action = 'account.password'"))
    finally:
        ws.lock()


def _scalars(ws: Workspace, sql: str, **params: object) -> list:
    with ws.store.reading() as session:
        return list(session.execute(text(sql), params).scalars())


def _count(ws: Workspace, what: str, **params: object) -> int:
    return int(_scalars(ws, f"SELECT count(*) FROM {what}", **params)[0])


def committed(trial: Trial, kind: str) -> list[list[str]]:
    """The words after `committed <kind>` of each commit the child reported."""
    prefix = f"committed {kind}"
    return [line.split()[2:] for line in trial.report if line.startswith(prefix)]


def verify(trial: Trial, base: Baseline) -> None:
    db = trial.folder / scenario.DB_NAME
    ws, password_index = _open(db)
    try:
        _common(ws, trial, base)
        CHECKS[trial.op](ws, trial, base, password_index)
    finally:
        ws.lock()


def _open(db: Path) -> tuple[Workspace, int]:
    """Unlock with whichever password works; exactly one of them must (tried on the key-slot
    file directly, so the failed-login delay does not come into it)."""
    slots = KeySlotFile.load(keyslot_path(db))
    working = []
    for index, password in enumerate(scenario.PASSWORDS):
        try:
            slots.unlock(scenario.USER, password)
        except store_errors.WrongPassword:
            continue
        working.append(index)
    assert len(working) == 1, f"passwords {working} unlock the database"
    return unlock(db, scenario.USER, scenario.PASSWORDS[working[0]]), working[0]


def _common(ws: Workspace, trial: Trial, base: Baseline) -> None:
    assert check_integrity(ws.store.path, ws.store.key) == []
    report = check_database(ws)
    assert report.ok, f"check_database after {trial.label()}: {report}"
    with ws.store.reading() as session:
        pairs = session.execute(text(
            "SELECT coalesce(o.payload, a.after), a.after FROM outbox o"
            " JOIN audit_log a ON a.seq = o.audit_seq"))
        for payload, after in pairs:
            assert json.loads(payload) == json.loads(after)
    new = set(_scalars(ws, "SELECT id FROM student")) - base.students
    queued = set(_scalars(ws, "SELECT record_id FROM outbox WHERE op = 'create'"))
    assert new <= queued, "a new student without its create in the outbox"


def _import(ws: Workspace, trial: Trial, base: Baseline, _pw: int) -> None:
    added = _count(ws, "student") - len(base.students)
    assert added in (0, scenario.IMPORT_ROWS), f"a partial import: {added} rows"
    if committed(trial, "import"):
        assert added == scenario.IMPORT_ROWS


def _year_end(ws: Workspace, trial: Trial, _base: Baseline, _pw: int) -> None:
    done = _count(ws, "meta WHERE key = 'year_end:2026'") == 1
    graduated = _count(ws, "student WHERE status = 'GRADUATED'")
    renamed = _count(ws, "school_class WHERE name LIKE '2027届%'")
    assert (graduated, renamed) == ((scenario.GRADUATES, 2) if done else (0, 0))
    if committed(trial, "year_end"):
        assert done


def _batch_add(ws: Workspace, trial: Trial, base: Baseline, _pw: int) -> None:
    added = _count(ws, "student") - len(base.students)
    assert added % scenario.BATCH_SIZE == 0, f"a partial batch: {added} students"
    reported = committed(trial, "batch")
    assert added // scenario.BATCH_SIZE >= len(reported)
    present = set(_scalars(ws, "SELECT id FROM student"))
    for words in reported:
        assert set(words[1:]) <= present, f"batch {words[0]} was reported and is lost"


def _status_changes(ws: Workspace, trial: Trial, _base: Baseline, _pw: int) -> None:
    suspended = set(_scalars(ws, "SELECT student_id FROM status_change WHERE change_type = '休学'"))
    reported = {words[0] for words in committed(trial, "change")}
    assert reported <= suspended, "a reported status change is lost"
    assert len(suspended) >= len(reported)


def _password(ws: Workspace, trial: Trial, base: Baseline, password_index: int) -> None:
    reported = [int(words[0]) for words in committed(trial, "password")]
    assert password_index >= max(reported, default=0), "a reported password change is lost"
    audits = _count(ws, "audit_log WHERE action = 'account.password'") - base.password_audits
    assert audits >= password_index, "a password changed without its audit row"


def _backup(ws: Workspace, trial: Trial, base: Baseline, _pw: int) -> None:
    present = set(_scalars(ws, "SELECT id FROM student"))
    for words in committed(trial, "student"):
        assert words[0] in present, "a reported student is lost"
    assert len(present - base.students) in range(scenario.BACKUP_ROUNDS + 1)
    folder = default_folder(ws.store.path)
    files = sorted(folder.glob("*.xjbak")) if folder.is_dir() else []
    for path in files:
        verify_backup_file(path)  # every backup that exists is whole
    names = [words[0] for words in committed(trial, "backup") if words[0] != "-"]
    if names:
        assert (folder / names[-1]).exists(), "the newest reported backup is lost"
    if files:
        assert restore_drill(ws).ok


CHECKS: dict[str, Callable[[Workspace, Trial, Baseline, int], None]] = {
    "import": _import, "year_end": _year_end, "backup": _backup, "password": _password,
    "batch_add": _batch_add, "status_changes": _status_changes,
}
