"""Before the window is built on Linux: can Qt's platform plugin load? If not, name the missing
system libraries and the packages that hold them, in Chinese and English, instead of Qt's bare
"Could not load the Qt platform plugin" abort.

`ldd` lists what the plugin and Qt's widget modules need and cannot find; the packages come
from resources/system/packages.toml, the project's one list of system packages. No Qt module
is imported here: importing one is what fails when a library is missing.
"""

from __future__ import annotations

import ctypes
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

from desktop.domain.data import resource_dir

PLUGIN_FILES = {"xcb": "libqxcb.so", "wayland": "libqwayland.so", "offscreen": "libqoffscreen.so"}
QT_LIBRARIES = ("libQt6Core.so.6", "libQt6Gui.so.6", "libQt6Widgets.so.6")
NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def candidate_platforms(env: dict[str, str]) -> list[str]:
    """The platform plugins Qt will try on this session, in order."""
    asked = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if asked:
        return [asked]
    if env.get("XDG_SESSION_TYPE") == "wayland" and env.get("WAYLAND_DISPLAY"):
        return ["wayland", "xcb"]
    return ["xcb"]


def pyside_dir() -> Path | None:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "PySide6"
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def files_to_check(pyside: Path, platform: str) -> list[Path]:
    """Qt's widget libraries and the platform plugin, those that exist in this installation."""
    modules = [pyside / "Qt" / "lib" / name for name in QT_LIBRARIES]
    plugin = pyside / "Qt" / "plugins" / "platforms" / PLUGIN_FILES.get(platform, f"libq{platform}.so")
    return [path for path in [*modules, plugin] if path.is_file()]


def loads(path: Path) -> bool:
    """Whether the dynamic loader can load the file with all it needs (Qt loads it next anyway)."""
    try:
        ctypes.CDLL(str(path))
    except OSError:
        return False
    return True


def missing_libraries(files: list[Path]) -> list[str]:
    """Sonames that `ldd` cannot find for the files that do not load, in order, each once.
    `ldd` runs only when something fails to load, so a good start-up pays one dlopen."""
    failing = [str(path) for path in files if not loads(path)]
    if not failing:
        return []
    done = subprocess.run(["ldd", *failing], capture_output=True, text=True, check=False)
    return list(dict.fromkeys(NOT_FOUND.findall(done.stdout)))


def packages_for(sonames: list[str]) -> list[str]:
    table = tomllib.loads((resource_dir() / "system" / "packages.toml").read_text(encoding="utf-8"))
    known = table["libraries"]["debian"]
    return list(dict.fromkeys(known.get(soname, soname) for soname in sonames))


def message(platform: str, sonames: list[str]) -> str:
    packages = " ".join(packages_for(sonames))
    libraries = "、".join(sonames)
    return (f"无法打开程序窗口：Qt 的 {platform} 平台插件缺少系统库 {libraries}。\n"
            f"请用管理员身份安装后再打开（Debian、Ubuntu、统信 UOS、银河麒麟）：\n"
            f"    sudo apt-get install {packages}\n"
            f"The window cannot open: Qt's {platform} platform plugin needs system libraries "
            f"that are missing ({' '.join(sonames)}). Install them with the command above.")


def no_display_message() -> str:
    return ("无法打开程序窗口：没有图形桌面（未设置 DISPLAY 或 WAYLAND_DISPLAY）。请在桌面环境中打开本程序；"
            "命令行功能请用 `xueji --help`。\n"
            "The window cannot open: there is no graphical display (DISPLAY or WAYLAND_DISPLAY is "
            "not set). Start it from a desktop session; for the command line see `xueji --help`.")


def platform_problem(env: dict[str, str] | None = None) -> str | None:
    """A message saying why the window cannot open on this Linux system, or None if it can."""
    env = dict(os.environ) if env is None else env
    pyside = pyside_dir()
    if not sys.platform.startswith("linux") or pyside is None or not shutil.which("ldd"):
        return None
    missing: list[str] = []
    for platform in candidate_platforms(env):
        missing = missing_libraries(files_to_check(pyside, platform))
        if not missing:
            break
    if missing:
        return message(platform, missing)
    if platform == "xcb" and not env.get("DISPLAY"):
        return no_display_message()
    return None
