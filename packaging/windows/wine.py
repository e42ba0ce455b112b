"""Running Windows programs under Wine for the build and its tests.

Every run gets the three standard handles as pipes or /dev/null (Windows Python under Wine
stops with "init_sys_streams ... Invalid handle" on a terminal), no Mono/Gecko installer
prompts, and Wine's own chatter switched off.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path, PurePosixPath

# Wine's placeholders for .NET and Internet Explorer would offer to download them: not needed.
# winemenubuilder would copy every shortcut and file type into the Linux desktop's menus.
BASE_OVERRIDES = "mscoree,mshtml=;winemenubuilder.exe=d"


def windows_path(path: Path | str) -> str:
    """A Linux path as Wine's programs see it, on drive Z:."""
    return "Z:" + str(PurePosixPath(Path(path).resolve())).replace("/", "\\")


def missing_tools(names: Sequence[str] = ("wine", "wineserver")) -> list[str]:
    return [name for name in names if shutil.which(name) is None]


class Wine:
    """One Wine prefix (a Windows user profile and registry in a folder). `home` stands in for
    the Linux home folder, which Wine links the Windows Desktop, Documents … folders to."""

    def __init__(self, prefix: Path, home: Path, overrides: str = "", display: str = "") -> None:
        self.prefix = prefix
        self.home = home
        self.display = display  # an X display (Xvfb) for programs that make windows even when silent
        self.overrides = ";".join(part for part in (BASE_OVERRIDES, overrides) if part)

    def environment(self, extra: Mapping[str, str | None] | None = None) -> dict[str, str]:
        """The host's environment for Wine; in `extra`, None removes a variable."""
        env = {**os.environ, "WINEPREFIX": str(self.prefix), "WINEARCH": "win64",
               "WINEDEBUG": "-all", "WINEDLLOVERRIDES": self.overrides, "HOME": str(self.home)}
        for name in ("DISPLAY", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_DESKTOP_DIR"):
            env.pop(name, None)  # nothing may wait for a window or write to the desktop's folders
        if self.display:
            env["DISPLAY"] = self.display
        for name, value in (extra or {}).items():
            if value is None:
                env.pop(name, None)
            else:
                env[name] = value
        return env

    def run(self, program: str | Path, *args: str, env: Mapping[str, str | None] | None = None,
            cwd: Path | None = None, check: bool = True, timeout: float = 3600,
            ) -> subprocess.CompletedProcess[bytes]:
        """Run a Windows program; stdout and stderr come back together as bytes."""
        command = ["wine", str(program), *args]
        result = subprocess.run(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, env=self.environment(env), cwd=cwd,
                                timeout=timeout, check=False)
        if check and result.returncode != 0:
            tail = result.stdout.decode("utf-8", "replace")[-3000:]
            raise SystemExit(f"{Path(str(program)).name} {' '.join(args)[:200]} failed "
                             f"(exit {result.returncode}):\n{tail}")
        return result

    def boot(self, windows_version: str = "win10") -> None:
        """Create the prefix and make Wine say it is `windows_version` (Wine tells 32-bit
        programs 6.1 otherwise, and the installer's MinVersion=10.0 refuses it)."""
        self.prefix.mkdir(parents=True, exist_ok=True)
        self.home.mkdir(parents=True, exist_ok=True)
        self.run("wineboot", "--init")
        self.run("winecfg", "/v", windows_version)
        self.wait()

    def wait(self) -> None:
        """Let the prefix's wineserver finish (registry written to disk, processes gone)."""
        subprocess.run(["wineserver", "-w"], env=self.environment(), check=False, timeout=600)

    @property
    def drive_c(self) -> Path:
        return self.prefix / "drive_c"

    @property
    def system32(self) -> Path:
        return self.drive_c / "windows" / "system32"
