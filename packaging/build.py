"""`make dist`: the one-folder build dist/xueji/ with PyInstaller (spec: packaging/xueji.spec),
then on Linux the Debian package dist/xueji_<version>_<arch>.deb.

    python packaging/build.py               # both
    python packaging/build.py --no-deb      # the folder only
    python packaging/build.py --version     # the version every artifact is stamped with

The version comes from pyproject.toml; the build stops if desktop/__init__.py disagrees.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from project import APP_DIR, DIST, ROOT, WORK, checked_version, program_name, windows_version_info

SPEC = ROOT / "packaging" / "xueji.spec"


def _environment(version: str) -> dict[str, str]:
    env = {**os.environ, "XUEJI_VERSION": version}
    if sys.platform == "win32":
        info = WORK / "version_info.txt"
        info.parent.mkdir(parents=True, exist_ok=True)
        info.write_text(windows_version_info(version), encoding="utf-8")
        env["XUEJI_VERSION_FILE"] = str(info)
    return env


def freeze(version: str) -> Path:
    """Run PyInstaller; returns the built program."""
    command = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
               "--distpath", str(DIST), "--workpath", str(WORK / "pyinstaller"), str(SPEC)]
    subprocess.run(command, check=True, cwd=ROOT, env=_environment(version))
    program = APP_DIR / program_name()
    if not program.is_file():
        raise SystemExit(f"PyInstaller finished but {program} is missing")
    return program


def folder_size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-deb", action="store_true", help="skip the Debian package")
    parser.add_argument("--version", action="store_true", help="print the version and stop")
    args = parser.parse_args(argv)
    version = checked_version()
    if args.version:
        print(version)
        return 0
    start = time.monotonic()
    program = freeze(version)
    print(f"built {program} ({folder_size_mb(APP_DIR):.0f} MB) in {time.monotonic() - start:.0f} s")
    if sys.platform.startswith("linux") and not args.no_deb:
        from deb import build

        package = build(version)
        print(f"built {package} ({package.stat().st_size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
