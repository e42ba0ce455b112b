"""What the spec leaves out of the files PyInstaller collected, to keep dist/xueji small:
Qt translations other than Chinese, Qt plugins and libraries the app never loads, and on
Linux the system libraries the .deb depends on (plus whatever only they needed).

Entries are PyInstaller TOC tuples (destination name, source path, type code).
"""

from __future__ import annotations

import posixpath
import subprocess
from collections.abc import Iterable
from pathlib import PurePosixPath

# Qt's own translations: only the Chinese ones (qtbase_zh_CN.qm gives 确定/取消).
QT_TRANSLATIONS_KEPT = ("qtbase_zh_CN.qm", "qt_zh_CN.qm")
# Qt plugin folders the app needs; the rest (sql drivers, multimedia, 3D, tls …) are left out.
QT_PLUGIN_DIRS_KEPT = (
    "platforms", "platformthemes", "platforminputcontexts", "imageformats", "iconengines",
    "printsupport", "xcbglintegrations", "styles", "wayland-decoration-client",
    "wayland-graphics-integration-client", "wayland-shell-integration",
)
QT_PLATFORMS_KEPT = ("xcb", "offscreen", "wayland", "wayland-egl", "minimal", "windows", "cocoa")
QT_IMAGE_FORMATS_KEPT = ("qjpeg", "qico", "qgif", "qsvg")
# Plugins inside kept folders that need something left out (GTK, Qt Quick).
QT_PLUGINS_DROPPED = ("qgtk3", "qtvirtualkeyboardplugin")
# Qt libraries only a left-out plugin or module would load.
QT_LIBRARIES_DROPPED = (
    "Qt6Quick", "Qt6Qml", "Qt6VirtualKeyboard", "Qt6WebEngine", "Qt6Multimedia", "Qt63D",
    "Qt6Designer", "Qt6Sql", "Qt6Test", "Qt6EglF",
)
# Linux libraries the .deb's Depends provide: the system copy matches the display server,
# the GPU driver and the font configuration, so a bundled one would only get in the way.
SYSTEM_LIBRARIES = (
    "libX11", "libXext", "libXrender", "libXau", "libXdmcp", "libxcb", "libxkbcommon",
    "libfontconfig", "libfreetype", "libdbus-1", "libglib-2.0", "libgobject-2.0", "libgio-2.0",
    "libgmodule-2.0", "libgthread-2.0", "libEGL", "libGL", "libGLX", "libOpenGL", "libGLdispatch",
    "libwayland-", "libcups", "libgtk-3", "libgdk-3",
)
# The legacy build (glibc 2.28) also leaves out the build machine's C++ runtime, zstd and
# Kerberos, which need glibc 2.33 to 2.36; its .deb depends on the target system's copies.
LEGACY_SYSTEM_LIBRARIES = (
    "libstdc++.so", "libgcc_s.so", "libzstd.so", "libkrb5.so", "libgssapi_krb5.so",
    "libk5crypto.so", "libkrb5support.so", "libcom_err.so", "libkeyutils.so",
)


def _qt_part(dest: str) -> tuple[str, list[str]] | None:
    """('plugins'|'translations'|'lib'|'bin', path below it) for a file of PySide6's Qt tree:
    PySide6/Qt/plugins/… on Linux and macOS, PySide6/plugins/… and PySide6/Qt6*.dll on Windows."""
    parts = PurePosixPath(dest.replace("\\", "/")).parts
    if "PySide6" not in parts:
        return None
    rest = list(parts[parts.index("PySide6") + 1:])
    if rest[:1] == ["Qt"]:
        rest = rest[1:]
    if len(rest) >= 2 and rest[0] in ("plugins", "translations", "lib", "bin"):
        return rest[0], rest[1:]
    if len(rest) == 1 and rest[0].startswith("Qt6") and rest[0].endswith(".dll"):
        return "lib", rest
    return None


def _plugin_kept(rest: list[str]) -> bool:
    folder, name = rest[0], rest[-1]
    if folder not in QT_PLUGIN_DIRS_KEPT or any(drop in name for drop in QT_PLUGINS_DROPPED):
        return False
    if folder == "platforms":
        return any(f"q{kind}." in name for kind in QT_PLATFORMS_KEPT)
    if folder == "imageformats":
        return any(name.removeprefix("lib").startswith(kind + ".") for kind in QT_IMAGE_FORMATS_KEPT)
    return True


def qt_kept(entry: tuple) -> bool:
    """Whether a collected file belongs in the build as far as Qt is concerned."""
    part = _qt_part(entry[0])
    if part is None:
        return True
    anchor, rest = part
    if anchor == "translations":
        return rest[-1] in QT_TRANSLATIONS_KEPT
    if anchor == "plugins":
        return _plugin_kept(rest)
    return not rest[-1].removeprefix("lib").startswith(QT_LIBRARIES_DROPPED)


def _is_system_library(dest: str, legacy: bool = False) -> bool:
    names = SYSTEM_LIBRARIES + LEGACY_SYSTEM_LIBRARIES if legacy else SYSTEM_LIBRARIES
    return "/" not in dest and dest.startswith(names)


def _needed(path: str) -> set[str]:
    """The DT_NEEDED names of an ELF file (empty if it is not one)."""
    result = subprocess.run(["objdump", "-p", path], capture_output=True, text=True, check=False)
    return {line.split()[-1] for line in result.stdout.splitlines() if line.strip().startswith("NEEDED")}


def _reachable(roots: Iterable[tuple], libraries: dict[str, tuple]) -> set[str]:
    """Names of the top-level libraries that the roots need, directly or through each other."""
    seen: set[str] = set()
    pending = [entry[1] for entry in roots]
    while pending:
        for name in _needed(pending.pop()):
            if name in libraries and name not in seen:
                seen.add(name)
                pending.append(libraries[name][1])
    return seen


def _root(entry: tuple) -> bool:
    """Kept whatever needs it: package files, extension modules, libpython (the bootloader
    loads it by name)."""
    dest, _source, kind = entry
    return "/" in dest or kind in ("EXTENSION", "SYMLINK") or dest.startswith("libpython")


def without_system_libraries(binaries: list[tuple], legacy: bool = False) -> list[tuple]:
    """Linux: drop the Depends-provided libraries and every top-level library that only they
    (or nothing) needed. `legacy`: also the ones of LEGACY_SYSTEM_LIBRARIES."""
    kept = [entry for entry in binaries if not _is_system_library(entry[0], legacy)]
    libraries = {entry[0]: entry for entry in kept if not _root(entry)}
    reachable = _reachable([entry for entry in kept if _root(entry)], libraries)
    return [entry for entry in kept if _root(entry) or entry[0] in reachable]


def without_dangling_links(entries: list[tuple]) -> list[tuple]:
    """Drop the symbolic links (PyInstaller adds them beside top-level names) whose target was
    left out."""
    files = {posixpath.normpath(entry[0]) for entry in entries if entry[2] != "SYMLINK"}

    def target(entry: tuple) -> str:
        return posixpath.normpath(posixpath.join(posixpath.dirname(entry[0]), entry[1]))

    return [entry for entry in entries if entry[2] != "SYMLINK" or target(entry) in files]
