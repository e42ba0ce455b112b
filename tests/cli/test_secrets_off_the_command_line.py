"""The recovery key and the enrollment code never travel as arguments (the process list and
the shell history would keep them): they come from XUEJI_RECOVERY_KEY / XUEJI_ENROLL_TOKEN or
a hidden prompt on a terminal. The old options are refused in Chinese (exit 2) and change
nothing; without a terminal and without the variable, the command says how to give them."""

from __future__ import annotations

import hashlib
import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest

from desktop.cli.main import build_parser
from tests.cli.test_cli import (
    ROOT,
    USER,
    School,
    copy_of,
    school,  # noqa: F401  (the CLI school fixture)
)


def _digest(db: Path) -> str:
    return hashlib.sha256(db.read_bytes() + Path(str(db) + ".keys").read_bytes()).hexdigest()


@pytest.mark.parametrize(("command", "option", "env"), [
    (("reset-password",), "--recovery-key", "XUEJI_RECOVERY_KEY"),
    (("restore", "--from", "x.xjbak"), "--recovery-key", "XUEJI_RECOVERY_KEY"),
    (("enroll", "--server", "http://127.0.0.1:9"), "--token", "XUEJI_ENROLL_TOKEN"),
])
def test_the_old_options_are_refused_and_change_nothing(
        school: School, command: tuple[str, ...], option: str, env: str) -> None:  # noqa: F811
    db = copy_of(school, f"refused-{command[0]}")
    before = _digest(db)
    run = school.run(*command, "--db", str(db), "--user", USER, option, "SECRET-VALUE")
    assert run.code == 2, run.err
    assert "不能写在命令行上" in run.err and env in run.err and "Traceback" not in run.err
    assert _digest(db) == before


def test_the_help_offers_no_option_taking_a_secret() -> None:
    parser = build_parser()
    choices = parser._subparsers._group_actions[0].choices  # type: ignore[union-attr]
    for name in ("reset-password", "restore", "enroll"):
        text = choices[name].format_help()
        assert "--recovery-key" not in text and "--token" not in text, text


def test_without_a_terminal_or_the_variable_the_command_says_how(school: School) -> None:  # noqa: F811
    db = copy_of(school, "no-key")
    run = school.run("reset-password", "--db", str(db), "--user", USER,
                     XUEJI_NEW_PASSWORD="fresh-start-42")
    assert run.code == 2 and "XUEJI_RECOVERY_KEY" in run.err and "恢复密钥" in run.err


def test_a_hidden_prompt_on_a_terminal_takes_the_recovery_key(school: School) -> None:  # noqa: F811
    db = copy_of(school, "prompt")
    env = {k: v for k, v in os.environ.items()
           if k not in ("XUEJI_DEBUG", "XUEJI_RECOVERY_KEY", "XUEJI_NEW_PASSWORD")}
    env.update(XUEJI_NEW_PASSWORD="fresh-start-42", XUEJI_LOG_DIR=str(school.tmp / "logs"),
               PYTHONIOENCODING="utf-8")
    pid, fd = pty.fork()
    if pid == 0:  # the child: the command on a terminal
        os.chdir(ROOT)
        os.execve(sys.executable, [sys.executable, "-m", "desktop", "reset-password", "--db",
                                   str(db), "--user", USER], env)
    shown = _read_until(fd, "恢复密钥")
    os.write(fd, school.recovery.encode() + b"\n")
    shown += _read_until(fd, "已为账号")
    _pid, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, shown
    assert school.recovery not in shown  # typed without echo
    after = school.run("check", "--db", str(db), "--user", USER, password="fresh-start-42")
    assert after.code == 0, after.err


def _read_until(fd: int, text: str, timeout: float = 60) -> str:
    seen = b""
    deadline = time.monotonic() + timeout
    while text.encode() not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([fd], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    return seen.decode("utf-8", "replace")
