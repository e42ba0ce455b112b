"""Where the Windows build reads and writes: the outputs under dist/windows/, PyInstaller's
scratch folder under build/windows/, and the cache under ~/.cache/xueji-build/windows/
(XUEJI_BUILD_CACHE moves it), whose entries carry the versions they were made from."""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from project import DIST, ROOT, WORK

DIST_WINDOWS = DIST / "windows"
APP_DIR = DIST_WINDOWS / "xueji"
WORK_WINDOWS = WORK / "windows"
SPEC = ROOT / "packaging" / "xueji.spec"
ISS = ROOT / "installer" / "xueji.iss"
PROGRAMS = ("xueji.exe", "xueji-cli.exe")


def setup_name(version: str) -> str:
    return f"xueji-setup-{version}.exe"


def cache_root() -> Path:
    base = os.environ.get("XUEJI_BUILD_CACHE") or Path.home() / ".cache" / "xueji-build"
    return Path(base) / "windows"


def digest(*parts: str | bytes) -> str:
    """A short stable key for cache entries made from these inputs."""
    hasher = hashlib.sha256()
    for part in parts:
        hasher.update(part if isinstance(part, bytes) else part.encode("utf-8"))
        hasher.update(b"\0")
    return hasher.hexdigest()[:12]
