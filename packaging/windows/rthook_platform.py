"""PyInstaller runtime hook of the Windows build: `platform` learns the Windows version without
starting `cmd /c ver`.

On Windows, Python 3.11's `platform.uname()` (behind `platform.machine()`, `platform.system()` …,
which SQLAlchemy calls when it is imported) runs `cmd /c ver` in a child process to read the
version, and falls back to `sys.getwindowsversion().platform_version` when that output cannot be
read. A child process costs 30–50 ms on Windows and 0.15–0.3 s under Wine, at every start that
imports SQLAlchemy. The hook makes `platform` take that fallback at once (the version Windows
reports to the process, from kernel32's version resource); nothing else in `platform` changes.
"""

import platform


def _no_ver_command(system="", release="", version="", supported_platforms=()):  # noqa: ARG001 (the signature of the function it replaces)
    return system, release, version


platform._syscmd_ver = _no_ver_command
