"""The first half of an unlock, light enough for the unlock screen: the accounts a key-slot file
holds, and the Argon2id unwrap of the data key with the wait after wrong passwords.

It imports neither SQLAlchemy nor the models, so the unlock screen shows without them.
`unwrap_beside` runs the unwrap in a worker thread (argon2-cffi releases the GIL) while the
caller does its own start-up work — importing the database layer and the main window — so on
two cores the 64 MiB Argon2id costs the start next to nothing. Opening the database with the
unwrapped key is `accounts.open_unwrapped`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from desktop.models.errors import DatabaseMissing, UnknownAccount, WrongPassword
from desktop.models.keyslots import KeySlotFile, keyslot_path, load_ciphers
from desktop.services.safekeeping import login_guard
from desktop.services.safekeeping.login_guard import LoginGuard


@dataclass(frozen=True)
class Unwrapped:
    """The data key, and the database id its key-slot file was written for."""

    data_key: bytes
    db_id: str


def account_names(path: Path) -> list[str]:
    """The accounts that can unlock `path` (from its key-slot file), for the unlock screen."""
    return sorted(KeySlotFile.load(keyslot_path(path)).slots)


def unwrap_data_key(path: Path, username: str, password: str,
                    guard: LoginGuard | None = None) -> Unwrapped:
    """The data key `username`'s password unwraps; WrongPassword/UnknownAccount (counted by the
    guard) if it does not, LoginThrottled while the wait after wrong passwords runs."""
    guard = guard or login_guard.GUARD
    if not path.is_file():
        raise DatabaseMissing(str(path))
    slots = KeySlotFile.load(keyslot_path(path))
    guard.check(path, username)  # an unknown name waits like a known one: nothing tells them apart
    try:
        data_key = slots.unlock(username, password)
    except (WrongPassword, UnknownAccount):
        guard.failed(path, username)
        raise
    return Unwrapped(data_key, slots.db_id)


def unwrap_beside(path: Path, username: str, password: str, meanwhile: Callable[[], object],
                  guard: LoginGuard | None = None) -> Unwrapped:
    """`unwrap_data_key` in a worker thread while `meanwhile()` runs in this one; raises what
    the unwrap raised (after `meanwhile` has finished), or what `meanwhile` raised."""
    outcome: list[Unwrapped | BaseException] = []

    def work() -> None:
        try:
            outcome.append(unwrap_data_key(path, username, password, guard))
        except BaseException as exc:  # handed to the calling thread below
            outcome.append(exc)

    # Argon2 and AES-GCM are imported here, not in the worker: `meanwhile` imports modules too,
    # and two threads importing at once can meet in a half-imported module.
    load_ciphers()
    worker = threading.Thread(target=work, name="key-unwrap", daemon=True)
    worker.start()
    try:
        meanwhile()
    finally:
        worker.join()
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result
