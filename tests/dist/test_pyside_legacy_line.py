"""The code on both PySide6 lines: `make test` runs on the current one (6.10 and later); this
runs the window-state GUI tests again on PySide6 6.9.3, the line the legacy build ships (the
last with wheels for glibc 2.28).

The interpreter is this one, in a venv kept in the build cache (~/.cache/xueji-build, or
$XUEJI_CACHE) that sees this venv's packages through a .pth file and has PySide6 6.9.3 of its
own, installed from the wheels `make dist-legacy` downloaded: nothing is downloaded here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from tests.dist.conftest import ROOT, prerequisite_missing

PYSIDE = "6.9.3"
GUI_TESTS = ("tests/gui/test_window_state.py",)
pytestmark = pytest.mark.timeout(900)


def _cache() -> Path:
    return Path(os.environ.get("XUEJI_CACHE") or Path.home() / ".cache" / "xueji-build")


def _wheels() -> Path:
    found = sorted(_cache().glob(f"wheels/*/pyside6-{PYSIDE}-*.whl"))
    if not found:
        prerequisite_missing(f"PySide6 {PYSIDE} wheels not found under {_cache()}/wheels: "
                             "run `make dist-legacy` first")
    return found[-1].parent


def _venv() -> Path:
    """The venv with PySide6 6.9 first on its path, this venv's packages after it."""
    venv = _cache() / f"pyside-{PYSIDE}-py{sys.version_info.major}.{sys.version_info.minor}"
    python = venv / "bin" / "python"
    if not (venv / ".complete").is_file():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(venv)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "--no-index", "--find-links", str(_wheels()), f"PySide6=={PYSIDE}"], check=True)
        (venv / ".complete").touch()
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                          capture_output=True, text=True, check=True).stdout.strip()
    (Path(site) / "zz_project_venv.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    return venv


def test_window_state_gui_tests_pass_on_pyside6_6_9() -> None:
    python = str(_venv() / "bin" / "python")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    probe = "import PySide6, desktop; print(PySide6.__version__, desktop.__file__)"
    found = subprocess.run([python, "-c", probe], capture_output=True, text=True, check=True, cwd=ROOT,
                           env=env).stdout.split()
    assert found == [PYSIDE, str(ROOT / "desktop" / "__init__.py")]
    done = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", *GUI_TESTS],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=600, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout and "failed" not in done.stdout
