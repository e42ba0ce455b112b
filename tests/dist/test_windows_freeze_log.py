"""The Windows build's PyInstaller step (packaging/windows/freeze.py) without Wine: what of
PyInstaller's output reaches the build log, and a run that stops is run once more, at the
debug level, before the build gives up. Wine itself is replaced by a scripted runner (the
edge of the system); the output samples are PyInstaller 6's own wording."""

from __future__ import annotations

import importlib
import subprocess
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

HOOK_FAILURE = """\
653 INFO: PyInstaller: 6.22.3, contrib hooks: 2026.10
700 DEBUG: Loading module hook 'hook-PySide6.QtCore.py'
41000 DEBUG: Hook failed with:
Traceback (most recent call last):
  File "C:\\python\\Lib\\site-packages\\PyInstaller\\depend\\imphook.py", line 420, in _load_hook_module
ImportError: DLL load failed while importing QtWidgets: An internal error occurred.
41001 DEBUG: Collecting binaries
  a debug record's second line
ERROR: Unable to find 'Z:\\work\\resources\\translations\\xueji_en.qm' when adding binary and data files.
41002 WARNING: Library not found: could not resolve 'api-ms-win-crt-heap-l1-1-0.dll'
41003 WARNING: Hidden import "tzdata" not found!
Traceback (most recent call last):
PyInstaller.exceptions.ImportErrorWhenRunningHook: ERROR: Failed to import module
"""


@pytest.fixture
def freeze(windows_tools: SimpleNamespace, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    module = importlib.import_module("freeze")
    monkeypatch.setattr(module, "DIST_WINDOWS", tmp_path / "dist")
    monkeypatch.setattr(module, "APP_DIR", tmp_path / "dist" / "xueji")
    monkeypatch.setattr(module, "WORK_WINDOWS", tmp_path / "work")
    return module


class ScriptedWine:
    """Answers each PyInstaller run with the next (exit code, output); a run that exits 0
    leaves both programs in the folder, as PyInstaller would."""

    def __init__(self, app_dir: Path, answers: list[tuple[int, str]]) -> None:
        self.app_dir, self.answers, self.runs, self.waits = app_dir, answers, [], 0

    def run(self, *args, **_options) -> subprocess.CompletedProcess[bytes]:
        self.runs.append(args)
        code, output = self.answers.pop(0)
        if code == 0:
            self.app_dir.mkdir(parents=True, exist_ok=True)
            for program in ("xueji.exe", "xueji-cli.exe"):
                (self.app_dir / program).write_bytes(b"MZ")
        return subprocess.CompletedProcess(args, code, output.encode())

    def wait(self) -> None:
        self.waits += 1


def test_the_log_keeps_a_failing_hooks_traceback_and_the_warnings(freeze: ModuleType) -> None:
    shown = freeze.shown(HOOK_FAILURE)
    assert "ImportError: DLL load failed while importing QtWidgets" in shown
    assert "41000 DEBUG: Hook failed with:" in shown
    assert 'Hidden import "tzdata" not found!' in shown
    assert shown.rstrip().endswith("ImportErrorWhenRunningHook: ERROR: Failed to import module")
    assert "Loading module hook" not in shown and "a debug record's second line" not in shown
    assert "ERROR: Unable to find" in shown
    assert "PyInstaller: 6.22.3" not in shown
    assert "api-ms-win-crt-heap" not in shown
    assert "(1 warnings about Windows API sets left out" in shown


def test_a_stopped_run_is_run_once_more_from_a_clean_work_folder_at_debug_level(freeze: ModuleType) -> None:
    wine = ScriptedWine(freeze.APP_DIR, [(1, HOOK_FAILURE), (0, "")])
    log: list[str] = []
    freeze.freeze(wine, "0.1.0", log=log.append)
    first, second = wine.runs
    assert "--clean" not in first and first[first.index("--log-level"):][:2] == ("--log-level", "WARN")
    assert "--clean" in second and "DEBUG" in second
    assert wine.waits == 1
    assert any("building once more" in line for line in log)


def test_two_stopped_runs_stop_the_build_with_the_cause_in_the_log(freeze: ModuleType) -> None:
    wine = ScriptedWine(freeze.APP_DIR, [(1, HOOK_FAILURE), (1, HOOK_FAILURE)])
    log: list[str] = []
    with pytest.raises(SystemExit, match="PyInstaller failed twice"):
        freeze.freeze(wine, "0.1.0", log=log.append)
    assert "DLL load failed while importing QtWidgets" in log[-1]


def test_a_clean_first_run_is_the_only_run(freeze: ModuleType) -> None:
    wine = ScriptedWine(freeze.APP_DIR, [(0, "653 INFO: PyInstaller: 6.22.3\n")])
    freeze.freeze(wine, "0.1.0", log=lambda _line: None)
    assert len(wine.runs) == 1 and wine.waits == 0
