"""Two DLLs Windows 10 has and Wine 8.0 lacks, compiled from shims/*.c with Debian's MinGW-w64
and copied into a Wine prefix's system32 (never into the program's folder or its installer):

- bcryptprimitives.dll with ProcessPrng: Rust-built extensions (cryptography, python-calamine,
  uuid-utils) fail to load without it;
- icuuc.dll with failing ucnv_* converters: Qt 6.7+ Qt6Core.dll imports them.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from layout import cache_root, digest

SOURCES = Path(__file__).resolve().parent / "shims"
COMPILER = "x86_64-w64-mingw32-gcc"
LIBRARIES = {"bcryptprimitives": ["-ladvapi32"], "icuuc": []}
# The file names a shipped folder must never contain (checked by the build and tests/dist).
NAMES = tuple(f"{name}.dll" for name in LIBRARIES)


def built() -> list[Path]:
    """The compiled DLLs, from the cache when the sources did not change."""
    key = digest(*(path.read_bytes() for path in sorted(SOURCES.glob("*.c"))))
    folder = cache_root() / f"shims-{key}"
    dlls = [folder / name for name in NAMES]
    if all(dll.is_file() for dll in dlls):
        return dlls
    if shutil.which(COMPILER) is None:
        raise SystemExit(f"{COMPILER} is missing: apt-get install gcc-mingw-w64-x86-64-win32")
    scratch = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir(parents=True)
    for name, libraries in LIBRARIES.items():
        subprocess.run([COMPILER, "-O2", "-shared", "-s", "-o", str(scratch / f"{name}.dll"),
                        str(SOURCES / f"{name}.c"), *libraries], check=True)
    shutil.rmtree(folder, ignore_errors=True)
    scratch.rename(folder)
    return dlls


def install(system32: Path) -> None:
    """Put the DLLs into a prefix's system32, where Windows 10 keeps its own copies."""
    for dll in built():
        shutil.copyfile(dll, system32 / dll.name)


def found_in(folder: Path) -> list[str]:
    """Files under `folder` named like a shim (any case): must be none in a shipped folder."""
    lowered = {name.lower() for name in NAMES}
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.name.lower() in lowered)
