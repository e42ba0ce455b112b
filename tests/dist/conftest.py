"""The build outputs the tests in this folder examine: the one-folder build and the .deb that
`make dist` leaves in dist/. They are not rebuilt here (that takes minutes): a test that needs
one fails with a message telling to run `make dist`."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
APP_DIR = DIST / "xueji"
PROGRAM = APP_DIR / ("xueji.exe" if sys.platform == "win32" else "xueji")
MISSING = "{what} not found: run `make dist` first (it builds dist/xueji/ and the .deb)."


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as handle:
        return tomllib.load(handle)["project"]["version"]


def deb_architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], capture_output=True, text=True,
                          check=True).stdout.strip()


@pytest.fixture(scope="session")
def version() -> str:
    return pyproject_version()


@pytest.fixture(scope="session")
def app_dir() -> Path:
    if not PROGRAM.is_file():
        pytest.fail(MISSING.format(what=PROGRAM.relative_to(ROOT)))
    return APP_DIR


@pytest.fixture(scope="session")
def deb_file(version: str) -> Path:
    if not sys.platform.startswith("linux"):
        pytest.skip("the .deb is built on Linux only")
    path = DIST / f"xueji_{version}_{deb_architecture()}.deb"
    if not path.is_file():
        pytest.fail(MISSING.format(what=path.relative_to(ROOT)))
    return path


def run_program(program: Path, *args: str, env: dict[str, str] | None = None
                ) -> subprocess.CompletedProcess[str]:
    """Run a built program; its exit code is for the test to judge."""
    return subprocess.run([str(program), *args], capture_output=True, text=True, env=env, timeout=300,
                          check=False)
