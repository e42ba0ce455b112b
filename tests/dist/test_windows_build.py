"""The Windows one-folder build and installer from `make dist-windows`, checked on Linux without
running them: both programs (window and console), the sizes within budget, the bundled data,
and none of the build's Wine workarounds shipped."""

from __future__ import annotations

import struct
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.dist.conftest import ROOT

FOLDER_BUDGET_MB = 250
INSTALLER_BUDGET_MB = 100
GUI, CONSOLE = 2, 3  # IMAGE_SUBSYSTEM_WINDOWS_GUI, IMAGE_SUBSYSTEM_WINDOWS_CUI


def subsystem(program: Path) -> int:
    """The PE optional header's Subsystem field: 2 opens no console, 3 is a console program."""
    data = program.read_bytes()[:4096]
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    assert data[pe:pe + 4] == b"PE\0\0"
    return struct.unpack_from("<H", data, pe + 24 + 68)[0]


def test_window_program_and_console_twin(windows_app_dir: Path) -> None:
    assert subsystem(windows_app_dir / "xueji.exe") == GUI
    assert subsystem(windows_app_dir / "xueji-cli.exe") == CONSOLE


def test_folder_is_within_budget(windows_app_dir: Path) -> None:
    size_mb = sum(p.stat().st_size for p in windows_app_dir.rglob("*") if p.is_file()) / 1e6
    assert size_mb <= FOLDER_BUDGET_MB, f"dist/windows/xueji is {size_mb:.0f} MB"


def test_installer_is_within_budget(windows_setup: Path) -> None:
    size_mb = windows_setup.stat().st_size / 1e6
    assert size_mb <= INSTALLER_BUDGET_MB, f"{windows_setup.name} is {size_mb:.0f} MB"


@pytest.mark.parametrize("relative", [
    "_internal/resources/codes/mz.csv", "_internal/resources/fonts/HanaMinB.ttf",
    "_internal/resources/fonts/wqy-microhei.ttc", "_internal/resources/calendar/workdays.csv",
    "_internal/resources/fonts/xj-sans-rare.ttf", "_internal/resources/fonts/LICENSE-noto-cjk.txt",
    "_internal/PySide6/plugins/platforms/qwindows.dll", "_internal/PySide6/translations/qtbase_zh_CN.qm",
])
def test_bundles_the_data_and_the_windows_platform_plugin(windows_app_dir: Path, relative: str) -> None:
    assert (windows_app_dir / relative).is_file(), relative


def test_sqlcipher_extension_is_bundled(windows_app_dir: Path) -> None:
    assert list(windows_app_dir.glob("_internal/sqlcipher3/_sqlite3*.pyd"))


def test_no_wine_workaround_is_shipped(windows_app_dir: Path, windows_tools: SimpleNamespace) -> None:
    assert windows_tools.shims.NAMES == ("bcryptprimitives.dll", "icuuc.dll")
    assert windows_tools.shims.found_in(windows_app_dir) == []


def test_the_shim_check_would_see_one(tmp_path: Path, windows_tools: SimpleNamespace) -> None:
    (tmp_path / "_internal").mkdir()
    (tmp_path / "_internal" / "ICUUC.dll").write_bytes(b"MZ")
    assert windows_tools.shims.found_in(tmp_path) == ["_internal/ICUUC.dll"]


def test_ci_builds_the_windows_program_before_the_tests() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    lines = [line.split("#")[0].strip() for line in script.splitlines()]
    assert lines.index("make dist-windows") < lines.index("make test")
    assert 'export CI="${CI:-true}"' in script  # so that no Windows test can skip there


def test_make_dist_windows_runs_the_windows_build() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ndist-windows: deps-dist-windows setup\n\t$(BIN)/python packaging/windows/build.py\n" in makefile
    assert "\ndeps-dist-windows:\n\t@$(PY) tools/system_deps.py dist-windows\n" in makefile
