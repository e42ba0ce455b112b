"""The unwrap of the data key beside the start-up work (services.safekeeping.key_unwrap): the
Argon2id runs in a worker thread while the caller's own work runs in its thread; a wrong
password, an unknown account and the wait after wrong passwords come out exactly as from
`accounts.unlock`, after the caller's work is done."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest

from desktop.messages import describe
from desktop.models import errors as store_errors
from desktop.models.keyslots import KdfParams, KeySlotFile, keyslot_path
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import change_password, open_unwrapped
from desktop.services.safekeeping.key_unwrap import unwrap_beside, unwrap_data_key
from desktop.services.safekeeping.login_guard import LoginGuard, LoginThrottled
from tests.conftest import PASSWORD
from tests.services.safekeeping.test_login_guard import Clock

ROOT = Path(__file__).resolve().parents[3]




def test_the_unwrap_runs_in_its_own_thread_while_the_caller_works(ws: Workspace,
                                                                  db_path: Path) -> None:
    change_password(ws, PASSWORD, KdfParams())  # the production cost: 3 passes over 64 MiB
    ws.lock()
    seen: list[tuple[str, bool]] = []

    def meanwhile() -> None:
        unwrapping = any(t.name == "key-unwrap" and t.is_alive() for t in threading.enumerate())
        seen.append((threading.current_thread().name, unwrapping))

    unwrapped = unwrap_beside(db_path, "registrar", PASSWORD, meanwhile, LoginGuard())
    assert seen == [(threading.main_thread().name, True)]
    opened = open_unwrapped(db_path, "registrar", unwrapped, LoginGuard())
    try:
        assert opened.actor.username == "registrar"
        assert opened.store.db_id == unwrapped.db_id
    finally:
        opened.lock()


def test_a_wrong_password_is_said_in_chinese_as_before(locked_db: Path) -> None:
    done: list[int] = []
    with pytest.raises(store_errors.WrongPassword) as caught:
        unwrap_beside(locked_db, "registrar", "wrong-pass-9", lambda: done.append(1),
                      LoginGuard(clock=Clock()))
    assert done == [1]  # the caller's work finished before the refusal is raised
    said = describe(caught.value.code, caught.value.params)
    assert said == "账号名或密码不正确，请重新输入（注意大小写和输入法）。"


def test_an_unknown_account_and_a_missing_database_as_before(locked_db: Path,
                                                             tmp_path: Path) -> None:
    with pytest.raises(store_errors.UnknownAccount):
        unwrap_beside(locked_db, "nobody", PASSWORD, lambda: None, LoginGuard(clock=Clock()))
    with pytest.raises(store_errors.DatabaseMissing):
        unwrap_beside(tmp_path / "gone.db", "registrar", PASSWORD, lambda: None)


def test_wrong_passwords_in_the_thread_count_towards_the_wait(locked_db: Path) -> None:
    guard = LoginGuard(clock=Clock())
    for _ in range(2):
        with pytest.raises(store_errors.WrongPassword):
            unwrap_beside(locked_db, "registrar", "wrong-pass-9", lambda: None, guard)
    with pytest.raises(LoginThrottled):
        unwrap_beside(locked_db, "registrar", PASSWORD, lambda: None, guard)


def test_a_failure_of_the_callers_work_is_raised_after_the_unwrap_ends(locked_db: Path) -> None:
    def broken() -> None:
        raise ImportError("no such module")

    with pytest.raises(ImportError):
        unwrap_beside(locked_db, "registrar", PASSWORD, broken, LoginGuard(clock=Clock()))
    assert not any(t.name == "key-unwrap" for t in threading.enumerate())


def test_the_unwrapped_key_opens_the_database_it_was_written_for(locked_db: Path) -> None:
    unwrapped = unwrap_data_key(locked_db, "registrar", PASSWORD, LoginGuard(clock=Clock()))
    assert unwrapped.db_id == KeySlotFile.load(keyslot_path(locked_db)).db_id
    other = locked_db.with_name("other.db")
    other.write_bytes(b"")
    with pytest.raises(store_errors.NotADatabase):
        open_unwrapped(other, "registrar", unwrapped, LoginGuard(clock=Clock()))


IMPORTS_BY_THREAD = textwrap.dedent("""
    import json, sys, threading
    from pathlib import Path
    from desktop.services.safekeeping.key_unwrap import unwrap_beside

    seen = []
    sys.addaudithook(lambda event, args: event == "import" and seen.append(
        (threading.current_thread().name, args[0])))
    unwrap_beside(Path(sys.argv[1]), "registrar", sys.argv[2],
                  lambda: __import__("desktop.services.safekeeping.accounts"))
    print(json.dumps(seen))
""")


def test_the_unwrap_thread_imports_nothing(locked_db: Path) -> None:
    """Two threads importing at once can meet in a half-imported module: every import of an
    unlock (Argon2, AES-GCM, SQLAlchemy, the models) happens in the calling thread."""
    done = subprocess.run([sys.executable, "-c", IMPORTS_BY_THREAD, str(locked_db), PASSWORD],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    modules = {name for _thread, name in seen}
    assert {"argon2.low_level", "sqlalchemy"} <= modules  # loaded in this fresh process
    assert [name for thread, name in seen if thread == "key-unwrap"] == []
