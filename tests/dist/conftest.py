"""The build outputs the tests in this folder examine: the one-folder build and the .deb that
`make dist` leaves in dist/, and the Windows build that `make dist-windows` leaves in
dist/windows/. They are not rebuilt here (that takes minutes): a test that needs one fails with
a message telling which make target to run. The Windows build needs Wine: without it (or the
build) those tests skip with that reason, except in CI (CI=true), where they fail."""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[2]
DIST = ROOT / "dist"
APP_DIR = DIST / "xueji"
PROGRAM = APP_DIR / ("xueji.exe" if sys.platform == "win32" else "xueji")
MISSING = "{what} not found: run `make dist` first (it builds dist/xueji/ and the .deb)."
WINDOWS_DIST = DIST / "windows"
WINDOWS_APP_DIR = WINDOWS_DIST / "xueji"
WINDOWS_PACKAGING = ROOT / "packaging" / "windows"


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


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def prerequisite_missing(message: str) -> NoReturn:
    """Skip with the reason on a developer's machine; fail in CI, where nothing may be skipped."""
    if in_ci():
        pytest.fail(f"{message} (CI=true: the Windows build and its test must run)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def windows_tools() -> SimpleNamespace:
    """The Windows build's own modules (packaging/windows/: wine, shims, layout), which the
    tests use to run Wine the same way the build does."""
    for folder in (ROOT / "packaging", WINDOWS_PACKAGING):
        if str(folder) not in sys.path:
            sys.path.append(str(folder))
    tools = SimpleNamespace(**{name: importlib.import_module(name) for name in ("layout", "shims", "wine")})
    missing = tools.wine.missing_tools(("wine", "wineserver", tools.shims.COMPILER))
    if missing:
        prerequisite_missing(f"Wine tools missing: {', '.join(missing)} (see .ci/run)")
    return tools


@pytest.fixture(scope="session")
def windows_app_dir() -> Path:
    if not (WINDOWS_APP_DIR / "xueji-cli.exe").is_file():
        prerequisite_missing("dist/windows/xueji/ not found: run `make dist-windows` first")
    return WINDOWS_APP_DIR


@pytest.fixture(scope="session")
def windows_setup(version: str) -> Path:
    path = WINDOWS_DIST / f"xueji-setup-{version}.exe"
    if not path.is_file():
        prerequisite_missing(f"{path.relative_to(ROOT)} not found: run `make dist-windows` first")
    return path


@pytest.fixture(scope="session")
def xvfb_display() -> Iterator[str]:
    """A private X display: Inno Setup makes its (hidden) wizard window even when silent."""
    if shutil.which("Xvfb") is None:
        prerequisite_missing("Xvfb missing: apt-get install xvfb")
    read, write = os.pipe()
    server = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "1024x768x24",
                               "-nolisten", "tcp"], pass_fds=(write,), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write)
    number = b""
    while not number.endswith(b"\n"):
        chunk = os.read(read, 16)
        if not chunk:
            break
        number += chunk
    os.close(read)
    if not number.strip():
        server.kill()
        pytest.fail("Xvfb did not start")
    yield f":{number.decode().strip()}"
    server.terminate()
    server.wait(timeout=30)
