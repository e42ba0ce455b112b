"""The one-folder build dist/xueji/ that `make dist` made: complete, within its size budget,
and without the Qt parts the app never loads."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.dist.conftest import PROGRAM, run_program

SIZE_BUDGET_MB = 250


def _files(app_dir: Path) -> list[Path]:
    return [p for p in app_dir.rglob("*") if p.is_file() and not p.is_symlink()]


def test_size_is_within_budget(app_dir: Path) -> None:
    size_mb = sum(p.stat().st_size for p in _files(app_dir)) / 1e6
    assert size_mb <= SIZE_BUDGET_MB, f"dist/xueji is {size_mb:.0f} MB"


def test_version_is_the_pyproject_version(app_dir: Path, version: str) -> None:
    out = run_program(PROGRAM, "--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"xueji {version}"


def test_version_loads_no_qt(app_dir: Path) -> None:
    # PyInstaller's own PySide6 runtime hook imported QtCore before any of the program's code;
    # rthook_qt_paths.py sets the same paths and leaves Qt to the code that uses it. The dynamic
    # loader names every library it opens (LD_DEBUG=files): libpython yes, Qt no.
    out = run_program(PROGRAM, "--version", env={**os.environ, "LD_DEBUG": "files"})
    assert out.returncode == 0
    opened = out.stderr
    assert "libpython3" in opened
    assert "libQt6Core" not in opened


@pytest.mark.parametrize("relative", [
    "resources/codes/mz.csv", "resources/regions/gb2260.csv", "resources/calendar/workdays.csv",
    "resources/fonts/wqy-microhei.ttc", "resources/fonts/HanaMinB.ttf", "resources/icons/xueji.png",
    "resources/fonts/xj-sans-rare.ttf", "resources/fonts/LICENSE-noto-cjk.txt",
    "resources/translations/xueji_en.qm", "PySide6/Qt/translations/qtbase_zh_CN.qm",
    "resources/translations/qt_zh_CN_extra.csv",
])
def test_bundles_the_data(app_dir: Path, relative: str) -> None:
    assert list(app_dir.glob(f"*/{relative}")) or (app_dir / relative).is_file(), relative


def test_sqlcipher_extension_is_bundled(app_dir: Path) -> None:
    assert list(app_dir.glob("*/sqlcipher3/_sqlite3*"))


def test_only_chinese_qt_translations(app_dir: Path) -> None:
    names = {p.name for p in app_dir.glob("*/PySide6/Qt/translations/*.qm")}
    assert names and all("zh_CN" in name for name in names)


@pytest.mark.parametrize("part", ["WebEngine", "Qt63D", "Multimedia", "Quick", "Qml", "Designer",
                                  "QtSql", "qgtk3", "sqldrivers"])
def test_unused_qt_parts_are_left_out(app_dir: Path, part: str) -> None:
    found = [str(p.relative_to(app_dir)) for p in app_dir.rglob(f"*{part}*")]
    assert not found


def test_no_broken_links(app_dir: Path) -> None:
    assert not [p for p in app_dir.rglob("*") if p.is_symlink() and not p.exists()]


def test_modules_are_read_without_opening_the_program_file_for_each(app_dir: Path, tmp_path: Path) -> None:
    # rthook_archive_view.py: PyInstaller's reader opened the program file once per module read
    # (about 600 in a self-test; 1.2–1.5 ms each under Wine); through one map, the opens before
    # the hook runs remain (the bootloader's own and the modules of PyInstaller's start-up: 18).
    trace = tmp_path / "opens.txt"
    out = subprocess.run(["strace", "-f", "-qq", "-e", "trace=open,openat", "-o", str(trace), str(PROGRAM),
                          "--selftest"], capture_output=True, text=True, timeout=300, check=False,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stdout + out.stderr
    opens = [line for line in trace.read_text().splitlines() if f'"{PROGRAM.resolve()}"' in line]
    assert out.stdout.count("✓") >= 9  # every step ran (each imports its part of the program)
    assert 0 < len(opens) <= 40, f"{len(opens)} opens of {PROGRAM}"
