"""Files beside the database: private from the start (0600, folders 0700) and tightened when
an older version left them open; a refused open changes nothing (a zero-byte database beside
its key slots is refused before anything is written); key slots whose Argon2 settings were
edited (4 TB, 8 KiB, 10^8 passes) are refused at once as damaged, pointing to the recovery
key."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from desktop.logsafe import log_unexpected
from desktop.models import errors
from desktop.models.keyslots import keyslot_path
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import unlock
from desktop.services.safekeeping.backup_policy import back_up
from desktop.services.safekeeping.login_guard import LoginGuard, logins_path
from desktop.services.students.add import add_students
from tests.conftest import PASSWORD
from tests.factories import valid_row

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def snapshot(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())
            if p.is_file()}


def test_the_database_and_everything_beside_it_is_private(
        created: tuple[Workspace, str], db_path: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    ws = created[0]
    add_students(ws, [valid_row()])
    outcome = back_up(ws, "manual")
    assert outcome.info is not None
    monkeypatch.setenv("XUEJI_LOG_DIR", str(tmp_path / "logs" / "deep"))
    log = log_unexpected(RuntimeError("x"))
    ws.lock()
    for name in ("school.db", "school.db.keys"):
        assert mode(tmp_path / name) == 0o600, name
    assert mode(outcome.folder) == 0o700 and mode(outcome.info.path) == 0o600
    assert mode(log) == 0o600 and mode(log.parent) == 0o700
    with pytest.raises(errors.WrongPassword):
        unlock(db_path, "registrar", "wrong-pass-9", LoginGuard())
    assert mode(logins_path(db_path)) == 0o600


def test_files_an_older_version_left_open_are_tightened_on_open(
        created: tuple[Workspace, str], db_path: Path) -> None:
    ws = created[0]
    add_students(ws, [valid_row()])
    ws.lock()
    keys = keyslot_path(db_path)
    for path in (db_path, keys):
        os.chmod(path, 0o644)
    unlock(db_path, "registrar", PASSWORD, LoginGuard()).lock()
    assert mode(db_path) == 0o600 and mode(keys) == 0o600


def test_a_zero_byte_database_beside_its_keys_is_refused_and_nothing_changes(
        created: tuple[Workspace, str], db_path: Path) -> None:
    created[0].lock()
    db_path.write_bytes(b"")
    before = snapshot(db_path.parent)
    with pytest.raises(errors.StoreError):
        unlock(db_path, "registrar", PASSWORD, LoginGuard())
    env = {**os.environ, "XUEJI_PASSWORD": PASSWORD, "XUEJI_LOG_DIR": str(db_path.parent / "l")}
    run = subprocess.run([sys.executable, "-m", "desktop", "student", "list", "--db", str(db_path),
                          "--user", "registrar"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=120, check=False)
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert snapshot(db_path.parent) == before  # no byte written, no file added


@pytest.mark.parametrize(("setting", "value"), [
    ("memory_kib", 4 * 1024**3), ("memory_kib", 8), ("time_cost", 10**8), ("parallelism", 0),
    ("time_cost", "3"), ("memory_kib", 2.5)])
def test_edited_kdf_settings_are_refused_as_a_damaged_key_file(
        created: tuple[Workspace, str], db_path: Path, setting: str, value: object) -> None:
    created[0].lock()
    keys = keyslot_path(db_path)
    doc = json.loads(keys.read_text("utf-8"))
    doc["slots"][0]["kdf"][setting] = value
    keys.write_text(json.dumps(doc), encoding="utf-8")
    started = time.monotonic()
    with pytest.raises(errors.KeySlotsMismatch):
        unlock(db_path, "registrar", PASSWORD, LoginGuard())
    assert time.monotonic() - started < 5


def test_the_cli_names_the_recovery_key_for_a_damaged_key_file(
        created: tuple[Workspace, str], db_path: Path) -> None:
    created[0].lock()
    keys = keyslot_path(db_path)
    doc = json.loads(keys.read_text("utf-8"))
    doc["slots"][0]["kdf"]["time_cost"] = 10**8
    keys.write_text(json.dumps(doc), encoding="utf-8")
    env = {**os.environ, "XUEJI_PASSWORD": PASSWORD, "XUEJI_LOG_DIR": str(db_path.parent / "l")}
    run = subprocess.run([sys.executable, "-m", "desktop", "check", "--db", str(db_path),
                          "--user", "registrar"], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=60, check=False)
    assert run.returncode == 2 and "恢复密钥" in run.stderr, run.stderr
