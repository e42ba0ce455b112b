"""The one-folder program dist/windows/xueji/ (xueji.exe, xueji-cli.exe): PyInstaller run by
Windows Python inside the build prefix, from the same spec as the host build
(packaging/xueji.spec), then a self-test of the result in that prefix.

Wine 8.0 under load now and then fails to start one of PyInstaller's helper processes or to
load a DLL ("[WinError 1359]", or an ImportError inside a hook). A run that stops or meets that
is run once more from a clean work folder, at PyInstaller's debug level so that, if it fails
again, the log shows the cause (a failing hook's own traceback) instead of only its last words.
"""

from __future__ import annotations

import re
import shutil

from layout import APP_DIR, DIST_WINDOWS, SPEC, WORK_WINDOWS
from prefix import PYTHON
from project import windows_version_info
from wine import Wine, windows_path

# PyInstaller looks for Windows' API sets (api-ms-win-crt-*.dll) that Windows 10 provides itself.
EXPECTED_NOISE = "Library not found: could not resolve 'api-ms-win-"
FLAKE = "[WinError 1359]"
# A PyInstaller log record at a level below WARNING ("1234 DEBUG: ..."); the indented lines
# after it (a traceback's frames) belong to it.
QUIET_RECORD = re.compile(r"^\d+ (DEBUG|INFO): ")
RECORD = re.compile(r"^\d+ [A-Z]+: ")
HOOK_FAILED = "Hook failed with"


def freeze(wine: Wine, version: str, log=print) -> None:
    info = WORK_WINDOWS / "version_info.txt"
    info.parent.mkdir(parents=True, exist_ok=True)
    info.write_text(windows_version_info(version), encoding="utf-8")
    env = {"XUEJI_VERSION": version, "XUEJI_VERSION_FILE": windows_path(info)}
    shutil.rmtree(APP_DIR, ignore_errors=True)
    for attempt in (1, 2):
        second = attempt == 2
        result = wine.run(PYTHON, "-m", "PyInstaller", "--noconfirm",
                          *(("--clean", "--log-level", "DEBUG") if second else ("--log-level", "WARN")),
                          "--distpath", windows_path(DIST_WINDOWS),
                          "--workpath", windows_path(WORK_WINDOWS / "pyinstaller"),
                          windows_path(SPEC), env=env, check=False)
        output = result.stdout.decode("utf-8", "replace")
        log(shown(output))
        if result.returncode == 0 and FLAKE not in output:
            break
        if not second:
            log(f"PyInstaller stopped (exit {result.returncode}) or met a Wine hiccup; "
                "building once more from a clean work folder")
            wine.wait()
        elif result.returncode != 0:
            raise SystemExit(f"PyInstaller failed twice (exit {result.returncode}); the cause is above")
        else:
            log(f"PyInstaller met {FLAKE} again; the self-test below decides")
    for program in ("xueji.exe", "xueji-cli.exe"):
        if not (APP_DIR / program).is_file():
            raise SystemExit(f"PyInstaller finished but {APP_DIR / program} is missing")


def shown(output: str) -> str:
    """PyInstaller's output for the build log: warnings and errors with their tracebacks, a
    failing hook's traceback, and a count in place of the expected API-set warnings."""
    lines: list[str] = []
    noise, first_noise, keep = 0, 0, True
    for line in output.splitlines():
        if EXPECTED_NOISE in line:
            noise, first_noise = noise + 1, first_noise if noise else len(lines)
            continue
        if QUIET_RECORD.match(line):
            keep = HOOK_FAILED in line
        elif RECORD.match(line) or not line[:1].isspace():
            keep = True  # a warning, an error, a traceback's first or last line
        if keep:
            lines.append(line)
    if noise:
        note = f"({noise} warnings about Windows API sets left out: Windows 10 provides them)"
        lines.insert(first_noise, note)
    return "\n".join(lines)


def selftest(wine: Wine, log=print) -> None:
    """The built program's own --selftest, in the build prefix; stops the build if it fails."""
    result = wine.run(APP_DIR / "xueji-cli.exe", "--selftest", check=False)
    output = result.stdout.decode("utf-8", "replace")
    log(output.rstrip())
    if result.returncode != 0 or not output.rstrip().endswith("自检通过。"):
        raise SystemExit(f"the built program failed its self-test (exit {result.returncode})")
