"""The installer dist/windows/xueji-setup-<version>.exe: installer/xueji.iss compiled under
Wine by ISCC.exe from the npm package innosetup (Inno Setup 6.4.1, a 32-bit program: Wine's
i386 part is needed). The Chinese wizard texts come from installer/ChineseSimplified.isl."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from layout import APP_DIR, DIST_WINDOWS, ISS, cache_root, setup_name
from wine import Wine, windows_path

PACKAGE = "innosetup"
VERSION = "6.4.1"


def compiler() -> Path:
    """ISCC.exe, installed once from npm into the cache."""
    folder = cache_root() / f"{PACKAGE}-{VERSION}"
    iscc = folder / "node_modules" / PACKAGE / "bin" / "ISCC.exe"
    if iscc.is_file():
        return iscc
    if shutil.which("npm") is None:
        raise SystemExit("npm is missing: apt-get install npm (Inno Setup comes from the npm registry)")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["npm", "install", "--ignore-scripts", "--no-audit", "--no-fund", "--silent",
                    "--prefix", str(folder), f"{PACKAGE}@{VERSION}"], check=True)
    if not iscc.is_file():
        raise SystemExit(f"npm installed {PACKAGE}@{VERSION} but {iscc} is missing")
    return iscc


def build(wine: Wine, version: str) -> Path:
    target = DIST_WINDOWS / setup_name(version)
    target.unlink(missing_ok=True)
    wine.run(compiler(), "/Q", f"/DAppVersion={version}", f"/DBuildDir={windows_path(APP_DIR)}",
             f"/DOutputDir={windows_path(DIST_WINDOWS)}", windows_path(ISS))
    if not target.is_file():
        raise SystemExit(f"ISCC finished but {target} is missing")
    return target
