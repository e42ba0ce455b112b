"""The reference registry in its own process for the sync benchmarks: `xueji-central serve`
on a free loopback port, and the CPU a process has used (from /proc)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

TICKS = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(db_url: str, log: Path) -> tuple[subprocess.Popen[bytes], str]:
    """The registry over `db_url`, its output in `log`; returns it and its URL once it answers."""
    port = free_port()
    with log.open("wb") as out:
        process = subprocess.Popen([sys.executable, "-m", "central.cli", "serve", "--db-url", db_url,
                                    "--port", str(port)], stdout=out, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/v1/meta", timeout=2).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.1)
    process.terminate()
    raise RuntimeError(f"the registry did not start: see {log}")


def stat_fields(pid: int) -> list[str]:
    """/proc/PID/stat from its third field (state) on; empty when the process is gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return []
    return text[text.rindex(")") + 2:].split()


def process_cpu(pid: int, *, children: bool = False) -> float:
    """User and system CPU seconds of a process (with its waited-for children if asked)."""
    fields = stat_fields(pid)
    if not fields:
        return 0.0
    return sum(int(value) for value in fields[11:15 if children else 13]) / TICKS
