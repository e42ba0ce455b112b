"""A newcomer's Debian 12 (debootstrap minbase plus python3, python3-venv, make, git): without
Qt's system libraries the app and `make run`'s check say exactly what to install, in Chinese
and English, instead of Qt's bare plugin abort; once the check has installed them as root,
the window opens under Xvfb. The whole `make test` in such a root is timed by
`python3 tools/fresh_root.py` (docs/BENCHMARKS.md)."""

from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from fresh_root import WINDOW_CHECK, FreshRoot  # noqa: E402  (tools/ is not a package)

NOBODY = "nobody:nogroup"
PYTHONPATH = {"PYTHONPATH": "/src:/sp"}


@pytest.fixture(scope="module")
def fresh() -> FreshRoot:
    if os.geteuid() != 0 or shutil.which("debootstrap") is None:
        pytest.fail("needs root and debootstrap (`make test` installs debootstrap as root)",
                    pytrace=False)
    root = FreshRoot()
    root.bind(ROOT, "/src")
    root.bind(Path(sysconfig.get_paths()["purelib"]), "/sp")
    yield root
    root.close()


def test_the_app_names_the_missing_qt_libraries_instead_of_aborting(fresh):
    done = fresh.run("python3 -m desktop", user=NOBODY, env={**PYTHONPATH, "DISPLAY": ":0"})
    assert done.returncode == 2, done.stderr
    assert "无法打开程序窗口" in done.stderr and "The window cannot open" in done.stderr
    assert "sudo apt-get install" in done.stderr and "libegl1" in done.stderr
    assert "Could not load the Qt platform plugin" not in done.stderr


def test_the_frozen_program_says_the_same(fresh):
    program = ROOT / "dist" / "xueji"
    if not (program / "xueji").is_file():
        pytest.fail("dist/xueji/ not found: run `make dist` first", pytrace=False)
    fresh.bind(program, "/opt/xueji")
    done = fresh.run("/opt/xueji/xueji", user=NOBODY, env={"DISPLAY": ":0"})
    assert done.returncode == 2, done.stderr
    assert "无法打开程序窗口" in done.stderr and "sudo apt-get install" in done.stderr
    assert "Could not load the Qt platform plugin" not in done.stderr


def test_make_runs_check_names_the_packages_and_the_one_command(fresh):
    done = fresh.run("python3 /src/tools/system_deps.py run", user=NOBODY)
    assert done.returncode == 2
    assert "缺少系统软件包" in done.stderr and "Missing system packages" in done.stderr
    assert "sudo apt-get install -y --no-install-recommends libegl1" in done.stderr
    assert "libxcb-icccm4" in done.stderr and "libxcb-keysyms1" in done.stderr


def test_as_root_the_check_installs_them_and_the_window_opens(fresh):
    installed = fresh.run("python3 /src/tools/system_deps.py run && "
                          "apt-get install -y -q --no-install-recommends xvfb xauth")
    assert installed.returncode == 0, installed.stdout[-2000:] + installed.stderr[-2000:]
    assert "正在用 apt-get 安装" in installed.stderr
    (fresh.path / "tmp" / "window_check.py").write_text(WINDOW_CHECK, encoding="utf-8")
    shown = fresh.run("xvfb-run -a -s '-screen 0 1366x768x24' python3 /tmp/window_check.py",
                      env=PYTHONPATH, timeout=300)
    assert "WINDOWS ['" in shown.stdout, shown.stdout[-2000:] + shown.stderr[-2000:]
    assert "无法打开程序窗口" not in shown.stderr
