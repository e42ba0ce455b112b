"""`make dist-windows`: the Windows program and its installer, built on Linux under Wine.

    python packaging/windows/build.py                  # dist/windows/xueji/ and the installer
    python packaging/windows/build.py --no-installer   # the folder only

Steps (each cached under ~/.cache/xueji-build/windows/, see layout.py):
  prefix.py        Wine prefix with Windows CPython (python_embed.py), the dependencies, the
                   shim DLLs Wine 8.0 lacks (shims.py)
  freeze.py        PyInstaller inside Wine -> dist/windows/xueji/, then its --selftest
  inno.py          Inno Setup from npm -> dist/windows/xueji-setup-<version>.exe
The shim DLLs live in the prefix's system32 only; the build stops if one is in the folder.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # packaging/: project.py
sys.path.insert(0, str(Path(__file__).resolve().parent))

import freeze
import inno
import prefix
import shims
from layout import APP_DIR
from project import checked_version
from wine import missing_tools

TOOLS = ("wine", "wineserver", "osslsigncode", "npm", shims.COMPILER)


def folder_size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-installer", action="store_true", help="build the folder only")
    args = parser.parse_args(argv)
    missing = missing_tools(TOOLS)
    if missing:
        raise SystemExit("missing for the Windows build: " + ", ".join(missing)
                         + " (`make dist-windows` installs them: resources/system/packages.toml)")
    version = checked_version()
    started = time.monotonic()
    wine = prefix.ready()
    step = time.monotonic()
    freeze.freeze(wine, version)
    leftovers = shims.found_in(APP_DIR)
    if leftovers:
        raise SystemExit(f"build-time Wine workarounds in the shipped folder: {leftovers}")
    freeze.selftest(wine)
    print(f"built {APP_DIR} ({folder_size_mb(APP_DIR):.0f} MB) in {time.monotonic() - step:.0f} s")
    if not args.no_installer:
        step = time.monotonic()
        setup = inno.build(wine, version)
        print(f"built {setup} ({setup.stat().st_size / 1e6:.0f} MB) in {time.monotonic() - step:.0f} s")
    wine.wait()
    print(f"Windows build done in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
