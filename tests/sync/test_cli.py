"""`xueji enroll` and `xueji sync` as the registrar and scripts use them: real subprocesses
against the registry on loopback; `xueji student list --json` and `xueji-central students
--json` list the same students afterwards. Exit codes: 0 when every change is decided, 1 when
changes remain held or unsent (or sync is refused), 2 when the registry cannot be reached."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from desktop.cli import cmd_sync
from desktop.cli.main import main
from desktop.services.context import Workspace
from desktop.sync import client
from tests.central.desk import Central
from tests.conftest import PASSWORD
from tests.factories import SCHOOL_CODE
from tests.sync.helpers import Hooked, add_many, rewritten

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str, tmp: Path, **extra_env: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("XUEJI_DEBUG", "XUEJI_ENROLL_TOKEN")}
    env.update(XUEJI_PASSWORD=PASSWORD, XUEJI_LOG_DIR=str(tmp / "logs"), PYTHONIOENCODING="utf-8",
               **extra_env)
    return subprocess.run([sys.executable, "-m", *args], cwd=ROOT, env=env, capture_output=True,
                          text=True, encoding="utf-8", timeout=180, check=False)


def xueji(ws: Workspace, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    db = ws.store.path
    command, rest = args[0], args[1:]
    if command == "student":
        return run("desktop", "student", rest[0], "--db", str(db), "--user", "registrar",
                   *rest[1:], tmp=db.parent, **env)
    return run("desktop", command, "--db", str(db), "--user", "registrar", *rest, tmp=db.parent,
               **env)


def json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def closed_port() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


def test_enroll_sync_and_both_lists_agree(central: Central, ws: Workspace) -> None:
    add_many(ws, 25)
    enrolled = xueji(ws, "enroll", "--server", central.url,
                     XUEJI_ENROLL_TOKEN=central.token(SCHOOL_CODE))
    assert enrolled.returncode == 0, enrolled.stderr
    assert "已在学籍中心注册" in enrolled.stdout
    synced = xueji(ws, "sync")
    assert synced.returncode == 0, synced.stderr
    assert "上报 25 条变更：中心已采用 25 条" in synced.stdout
    assert "同步完成" in synced.stdout
    on_desk = json_lines(xueji(ws, "student", "list", "--json").stdout)
    in_registry = run("central.cli", "students", "--db-url", central.db_url, "--school-code",
                      SCHOOL_CODE, "--json", tmp=ws.store.path.parent)
    assert in_registry.returncode == 0, in_registry.stderr
    assert len(on_desk) == 25 and json_lines(in_registry.stdout) == on_desk
    assert all(row["学籍号"] for row in on_desk)


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_exit_codes_for_refusals_and_an_unreachable_registry(central: Central, ws: Workspace) -> None:
    not_yet = xueji(ws, "sync")
    assert not_yet.returncode == 1 and "尚未在学籍中心注册" in not_yet.stderr
    typo = xueji(ws, "enroll", "--server", central.url, XUEJI_ENROLL_TOKEN="ABCDE-ABCDE-ABCDE-ABCDE")
    assert typo.returncode == 1 and "注册码有误" in typo.stderr
    offline = xueji(ws, "enroll", "--server", closed_port(),
                    XUEJI_ENROLL_TOKEN=central.token(SCHOOL_CODE))
    assert offline.returncode == 2 and "无法连接学籍中心" in offline.stderr
    assert xueji(ws, "enroll", "--server", central.url,
                 XUEJI_ENROLL_TOKEN=central.token(SCHOOL_CODE)).returncode == 0
    unreachable = xueji(ws, "sync", "--server", closed_port())
    assert unreachable.returncode == 2 and "无法连接学籍中心" in unreachable.stderr
    assert "Traceback" not in unreachable.stderr
    assert xueji(ws, "sync").returncode == 0  # the address that failed was not kept


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_exit_1_while_changes_remain_held_then_0(central: Central, enrolled: Workspace,
                                                 monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    add_many(enrolled, 6)

    def lose_first(_number: int, request: httpx.Request, forward) -> httpx.Response:
        return forward(rewritten(request, lambda body: {**body, "changes": body["changes"][1:]}))

    lossy = client.SyncOptions(transport=Hooked(lose_first), policy=client.RetryPolicy(attempts=1))
    monkeypatch.setattr(cmd_sync, "sync_once", lambda ws, url: client.sync_once(ws, url, lossy))
    monkeypatch.setenv("XUEJI_PASSWORD", PASSWORD)
    args = ["sync", "--db", str(enrolled.store.path), "--user", "registrar"]
    assert main(args) == 1
    assert "暂存 5 条" in capsys.readouterr().out
    monkeypatch.setattr(cmd_sync, "sync_once", client.sync_once)
    assert main(args) == 0
    assert "同步完成" in capsys.readouterr().out
