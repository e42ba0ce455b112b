"""The growing wait after wrong passwords (services.safekeeping.login_guard through accounts.unlock):
0, 0, 1, 2, 4, 8 … seconds capped at 60, kept beside the database across restarts, enforced
before the password is tried, cleared by the right password (which records the failures in
the audit log) or a reset with the recovery key. A fake clock and sleeper: no test waits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop.messages import describe
from desktop.models import errors as store_errors
from desktop.models import keyslots
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import reset_password, unlock
from desktop.services.safekeeping.login_guard import (
    CAP_SECONDS,
    LoginGuard,
    LoginThrottled,
    delay_after,
    logins_path,
)
from tests.conftest import FAST_KDF, PASSWORD
from tests.dbutil import count


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now



@pytest.fixture
def clock() -> Clock:
    return Clock()


def wrong(db: Path, guard: LoginGuard) -> None:
    with pytest.raises(store_errors.WrongPassword):
        unlock(db, "registrar", "wrong-pass-9", guard)


def test_the_wait_doubles_and_stops_at_a_minute() -> None:
    assert [delay_after(n) for n in range(10)] == [0, 0, 1, 2, 4, 8, 16, 32, 60, 60]
    assert delay_after(100) == CAP_SECONDS


def test_third_attempt_waits_and_the_wait_grows(locked_db: Path, clock: Clock) -> None:
    guard = LoginGuard(clock=clock)
    wrong(locked_db, guard)
    wrong(locked_db, guard)  # two wrong in a row: the next try in 1 s
    with pytest.raises(LoginThrottled) as caught:
        unlock(locked_db, "registrar", PASSWORD, guard)
    assert caught.value.params["seconds"] == 1
    clock.now += 1
    wrong(locked_db, guard)
    assert guard.seconds_left(locked_db, "registrar") == 2
    clock.now += 2
    wrong(locked_db, guard)
    assert guard.seconds_left(locked_db, "registrar") == 4


def test_the_wait_survives_a_restart(locked_db: Path, clock: Clock) -> None:
    for _ in range(3):
        wrong(locked_db, LoginGuard(clock=clock))
        clock.now += 60
    fresh = LoginGuard(clock=clock)  # a new process reads the same file
    clock.now -= 59
    assert fresh.seconds_left(locked_db, "registrar") == 1


def test_a_throttled_attempt_never_runs_the_key_derivation(locked_db: Path, clock: Clock,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    guard = LoginGuard(clock=clock)
    wrong(locked_db, guard)
    wrong(locked_db, guard)
    calls: list[str] = []
    monkeypatch.setattr(keyslots, "_kek", lambda *_a: calls.append("kdf") or b"k" * 32)
    with pytest.raises(LoginThrottled):
        unlock(locked_db, "registrar", PASSWORD, guard)
    assert calls == []


def test_with_a_sleeper_the_attempt_waits_instead(locked_db: Path, clock: Clock) -> None:
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        clock.now += seconds

    guard = LoginGuard(clock=clock, sleep=sleep)
    for _ in range(3):
        with pytest.raises(store_errors.WrongPassword):
            unlock(locked_db, "registrar", "wrong-pass-9", guard)
    ws = unlock(locked_db, "registrar", PASSWORD, guard)
    ws.lock()
    assert slept == [1, 2]


def test_the_right_password_clears_and_audits_the_failures(locked_db: Path, clock: Clock) -> None:
    guard = LoginGuard(clock=clock)
    wrong(locked_db, guard)
    wrong(locked_db, guard)
    clock.now += 1
    ws = unlock(locked_db, "registrar", PASSWORD, guard)
    try:
        assert count(ws, "audit_log WHERE action = 'account.failed_logins'") == 1
        assert count(ws, "account WHERE failed_logins = 2") == 1
    finally:
        ws.lock()
    assert not logins_path(locked_db).exists()
    assert guard.seconds_left(locked_db, "registrar") == 0


def test_the_file_holds_counts_only(locked_db: Path, clock: Clock) -> None:
    guard = LoginGuard(clock=clock)
    wrong(locked_db, guard)
    doc = json.loads(logins_path(locked_db).read_text("utf-8"))
    assert doc["accounts"] == {"registrar": {"failures": 1, "last": clock.now}}
    assert "wrong-pass-9" not in logins_path(locked_db).read_text("utf-8")


def test_unknown_accounts_and_a_damaged_file(locked_db: Path, clock: Clock) -> None:
    """An unknown name is counted and waited for like a known one, with the same sentence."""
    guard = LoginGuard(clock=clock)
    for _ in range(2):
        with pytest.raises(store_errors.UnknownAccount) as unknown:
            unlock(locked_db, "nobody", PASSWORD, guard)
    assert guard.seconds_left(locked_db, "nobody") == 1
    with pytest.raises(store_errors.WrongPassword) as wrong_password:
        unlock(locked_db, "registrar", "wrong-pass-9", guard)
    assert describe(unknown.value.code, unknown.value.params) == describe(
        wrong_password.value.code, wrong_password.value.params)
    logins_path(locked_db).write_text("[" * 100_000, encoding="utf-8")
    ws = unlock(locked_db, "registrar", PASSWORD, guard)
    ws.lock()


def test_a_reset_with_the_recovery_key_clears_the_wait(created: tuple[Workspace, str],
                                                       db_path: Path, clock: Clock,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from desktop.services.safekeeping import login_guard

    ws, recovery = created
    ws.lock()
    monkeypatch.setattr(login_guard.GUARD, "clock", clock)
    for _ in range(4):
        wrong(db_path, login_guard.GUARD)
        clock.now += 60
    clock.now -= 60
    assert login_guard.GUARD.seconds_left(db_path, "registrar") > 0
    reset_password(db_path, "registrar", recovery, "new-pass-word-1", FAST_KDF)
    assert login_guard.GUARD.seconds_left(db_path, "registrar") == 0


def test_the_wait_holds_when_the_file_cannot_be_written(locked_db: Path, clock: Clock,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only folder: `.logins` is never written, the wait is kept in memory."""
    from desktop.services.safekeeping import login_guard

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "read-only")

    monkeypatch.setattr(login_guard, "write_atomically", refuse)
    guard = LoginGuard(clock=clock)
    for _ in range(3):
        with pytest.raises(store_errors.WrongPassword):
            unlock(locked_db, "registrar", "wrong-pass-9", guard)
        clock.now += 100
    assert not logins_path(locked_db).exists()
    with pytest.raises(store_errors.WrongPassword):
        unlock(locked_db, "registrar", "wrong-pass-9", guard)
    with pytest.raises(login_guard.LoginThrottled):
        unlock(locked_db, "registrar", PASSWORD, guard)
