"""The one-folder program dist/windows/xueji/ (xueji.exe, xueji-cli.exe): PyInstaller run by
Windows Python inside the build prefix, from the same spec as the host build
(packaging/xueji.spec), then a self-test of the result in that prefix."""

from __future__ import annotations

import shutil

from layout import APP_DIR, DIST_WINDOWS, SPEC, WORK_WINDOWS
from prefix import PYTHON
from project import windows_version_info
from wine import Wine, windows_path

# PyInstaller looks for Windows' API sets (api-ms-win-crt-*.dll) that Windows 10 provides itself.
EXPECTED_NOISE = "Library not found: could not resolve 'api-ms-win-"
# Wine 8.0 now and then fails to start one of PyInstaller's helper processes under load.
FLAKE = "[WinError 1359]"


def freeze(wine: Wine, version: str, log=print) -> None:
    info = WORK_WINDOWS / "version_info.txt"
    info.parent.mkdir(parents=True, exist_ok=True)
    info.write_text(windows_version_info(version), encoding="utf-8")
    env = {"XUEJI_VERSION": version, "XUEJI_VERSION_FILE": windows_path(info)}
    shutil.rmtree(APP_DIR, ignore_errors=True)
    for attempt in (1, 2):
        result = wine.run(PYTHON, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                          "--distpath", windows_path(DIST_WINDOWS),
                          "--workpath", windows_path(WORK_WINDOWS / "pyinstaller"),
                          windows_path(SPEC), env=env)
        output = result.stdout.decode("utf-8", "replace")
        noise = [line for line in output.splitlines() if EXPECTED_NOISE in line]
        log("\n".join(line for line in output.splitlines() if EXPECTED_NOISE not in line))
        if noise:
            log(f"({len(noise)} warnings about Windows API sets left out: Windows 10 provides them)")
        if FLAKE not in output:
            break
        log(f"PyInstaller met a Wine hiccup ({FLAKE}); building once more" if attempt == 1
            else f"PyInstaller met {FLAKE} again; the self-test below decides")
    for program in ("xueji.exe", "xueji-cli.exe"):
        if not (APP_DIR / program).is_file():
            raise SystemExit(f"PyInstaller finished but {APP_DIR / program} is missing")


def selftest(wine: Wine, log=print) -> None:
    """The built program's own --selftest, in the build prefix; stops the build if it fails."""
    result = wine.run(APP_DIR / "xueji-cli.exe", "--selftest", check=False)
    output = result.stdout.decode("utf-8", "replace")
    log(output.rstrip())
    if result.returncode != 0 or not output.rstrip().endswith("自检通过。"):
        raise SystemExit(f"the built program failed its self-test (exit {result.returncode})")
