"""A private PostgreSQL for the tests: initdb into a temporary folder, a Unix socket only.

initdb refuses to run as root, so under root (as in CI) the cluster belongs to the
`postgres` user (or `nobody`) and its commands run as that user. Without PostgreSQL
installed the tests fail with a message saying how to install it; they never skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

import psycopg
import pytest

PORT = 5432  # only names the socket file inside the private folder


def find_bindir() -> Path:
    """The newest /usr/lib/postgresql/*/bin holding initdb and pg_ctl, or the one on PATH."""
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                      key=lambda path: int(Path(path).parent.name.split(".")[0]))
    for folder in reversed(versions):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    on_path = shutil.which("initdb")
    if on_path and shutil.which("pg_ctl"):
        return Path(on_path).resolve().parent
    pytest.fail("PostgreSQL is not installed: no initdb/pg_ctl under /usr/lib/postgresql/*/bin "
                "or on PATH. Install it with `apt-get install -y postgresql` (.ci/run does).",
                pytrace=False)


def _owner() -> pwd.struct_passwd | None:
    """The user the cluster runs as when the tests run as root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    pytest.fail("running as root, but neither a `postgres` nor a `nobody` user exists for initdb",
                pytrace=False)


class PostgresCluster:
    """One throwaway cluster per test session; one new database per test."""

    def __init__(self) -> None:
        self.bindir = find_bindir()
        self.owner = _owner()
        self.root = Path(tempfile.mkdtemp(prefix="xueji-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"

    def start(self) -> None:
        if self.owner is not None:
            os.chown(self.root, self.owner.pw_uid, self.owner.pw_gid)
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--no-locale")
        options = (f"-k {self.root} -p {PORT} -c listen_addresses='' -c fsync=off "
                   "-c synchronous_commit=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                  "-o", options, "start")

    def stop(self) -> None:
        if self.data.exists():
            self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop", check=False)
        shutil.rmtree(self.root, ignore_errors=True)

    def new_database(self) -> str:
        name = f"central_{uuid.uuid4().hex[:12]}"
        with psycopg.connect(host=str(self.root), port=PORT, user="postgres", dbname="postgres",
                             autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return f"postgresql+psycopg://postgres@/{name}?host={self.root}&port={PORT}"

    def _run(self, program: str, *args: str, check: bool = True) -> None:
        user = {} if self.owner is None else {"user": self.owner.pw_uid,
                                              "group": self.owner.pw_gid, "extra_groups": []}
        done = subprocess.run([str(self.bindir / program), *args], cwd=self.root,
                              capture_output=True, text=True, check=False, **user)
        if check and done.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            pytest.fail(f"{program} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}\n{log}",
                        pytrace=False)
