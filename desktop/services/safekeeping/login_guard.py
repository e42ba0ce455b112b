"""The growing wait after wrong passwords: 0, 0, 1, 2, 4, 8 … seconds, at most 60.

A wrong password cannot be written into the encrypted database (it does not open), so the
count of consecutive failures per account is kept in `<db>.logins` beside it: JSON with the
account names, counts and times only, no secret and no student data. Restarting the app
does not reset it; a right password does. The wait is enforced before the password is even
tried (Argon2 is not run), by refusing (LoginThrottled) or, with a `sleep`, by waiting.
The clock and the sleeper are injectable so tests never wait. The counts are kept in the
process's memory as well, so a folder where the file cannot be written (read-only, no
permission) does not give one process unlimited fast guesses. An account name that does not
exist is counted and waited for like one that does.
"""

from __future__ import annotations

import contextlib
import json
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from desktop.models.durable import write_atomically
from desktop.models.errors import StoreError

_Entry = dict[str, Any]  # {"failures": int, "last": float (clock seconds)}

FORMAT = "xueji-logins/1"
CAP_SECONDS = 60
MAX_ACCOUNTS = 50  # a file that names every guess of an account name stays small


class LoginThrottled(StoreError):
    code = "store.login_wait"


def delay_after(failures: int) -> int:
    """Seconds to wait before the next attempt after `failures` wrong passwords in a row."""
    return 0 if failures < 2 else min(CAP_SECONDS, 2 ** (failures - 2))


def logins_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".logins")


@dataclass
class LoginGuard:
    clock: Callable[[], float] = time.time
    sleep: Callable[[float], None] | None = None  # None: refuse while the wait runs
    # the same counts in this process's memory: a folder where `.logins` cannot be written
    # (read-only, no permission) still gets the wait, per process
    memory: dict[tuple[str, str], _Entry] = field(default_factory=dict)

    def seconds_left(self, db_path: Path, user: str) -> int:
        entry = self._entry(db_path, user)
        if not entry:
            return 0
        left: float = entry["last"] + delay_after(entry["failures"]) - self.clock()
        return max(0, math.ceil(left))

    def check(self, db_path: Path, user: str) -> None:
        """Wait (with a sleeper) or refuse (LoginThrottled) until the next attempt is due."""
        left = self.seconds_left(db_path, user)
        if left and self.sleep is None:
            raise LoginThrottled(seconds=left)
        if left and self.sleep is not None:
            self.sleep(left)

    def failed(self, db_path: Path, user: str) -> int:
        """Count a wrong password; returns the seconds to wait before the next attempt."""
        accounts = _load(db_path)
        failures = max(accounts.get(user, {}).get("failures", 0),
                       self.memory.get(_key(db_path, user), {}).get("failures", 0)) + 1
        accounts[user] = {"failures": failures, "last": self.clock()}
        self.memory[_key(db_path, user)] = accounts[user]
        _save(db_path, dict(list(accounts.items())[-MAX_ACCOUNTS:]))
        return delay_after(failures)

    def succeeded(self, db_path: Path, user: str) -> int:
        """Forget the account's failures; returns how many there were."""
        accounts = _load(db_path)
        remembered = self.memory.pop(_key(db_path, user), None)
        entry = accounts.pop(user, None) or remembered
        if entry is None:
            return 0
        _save(db_path, accounts)
        return int(entry.get("failures", 0))

    def _entry(self, db_path: Path, user: str) -> _Entry | None:
        """The later of the file's and the memory's record of the account's failures."""
        stored, remembered = _load(db_path).get(user), self.memory.get(_key(db_path, user))
        candidates = [e for e in (stored, remembered) if e]
        return max(candidates, key=lambda e: (e["failures"], e["last"]), default=None)


def _key(db_path: Path, user: str) -> tuple[str, str]:
    return str(db_path.resolve()), user


GUARD = LoginGuard()


def _load(db_path: Path) -> dict[str, _Entry]:
    path = logins_path(db_path)
    try:
        doc = json.loads(path.read_text("utf-8"))
        accounts = doc["accounts"] if doc.get("format") == FORMAT else {}
        return {str(user): {"failures": int(e["failures"]), "last": float(e["last"])}
                for user, e in accounts.items()}
    except FileNotFoundError:
        return {}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError):
        return {}  # unreadable: start counting again (deleting the file does the same)


def _save(db_path: Path, accounts: dict[str, _Entry]) -> None:
    path = logins_path(db_path)
    if not accounts:
        path.unlink(missing_ok=True)
        return
    doc = {"format": FORMAT, "accounts": accounts}
    with contextlib.suppress(OSError):  # a read-only folder: the database cannot change either
        write_atomically(path, json.dumps(doc, ensure_ascii=False).encode("utf-8"))
