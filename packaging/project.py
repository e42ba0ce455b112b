"""Facts the packaging scripts share: folders, the version (from pyproject.toml, the single
source), the program's file name and the Windows version resource stamped into the .exe."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
APP_DIR = DIST / "xueji"
WORK = ROOT / "build"
PRODUCT = "学籍管理（离线版）"


def version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The [project] version of pyproject.toml."""
    with pyproject.open("rb") as handle:
        return str(tomllib.load(handle)["project"]["version"])


def package_version(init: Path = ROOT / "desktop" / "__init__.py") -> str:
    """desktop.__version__ as written in the package, read without importing it."""
    found = re.search(r'^__version__\s*=\s*"([^"]+)"', init.read_text(encoding="utf-8"), re.M)
    return found.group(1) if found else ""


def checked_version() -> str:
    """The pyproject version, after making sure the program reports the same one."""
    wanted, stamped = version(), package_version()
    if wanted != stamped:
        raise SystemExit(f"pyproject.toml says {wanted} but desktop/__init__.py says {stamped}")
    return wanted


def program_name(platform: str = sys.platform) -> str:
    return "xueji.exe" if platform == "win32" else "xueji"


def deb_architecture() -> str:
    return subprocess.run(["dpkg", "--print-architecture"], check=True, capture_output=True,
                          text=True).stdout.strip()


def version_numbers(text: str) -> tuple[int, int, int, int]:
    """Four numbers for a Windows file version: '1.2.3' -> (1, 2, 3, 0); '2.0rc1' -> (2, 0, 0, 0)."""
    numbers = [int(re.match(r"\d*", part).group() or 0) for part in text.split(".")[:4]]
    return tuple([*numbers, 0, 0, 0, 0][:4])  # type: ignore[return-value]


def windows_version_info(text: str) -> str:
    """A PyInstaller version-resource file giving the .exe its version and product name."""
    numbers = version_numbers(text)
    strings = {"CompanyName": "xueji", "FileDescription": PRODUCT, "FileVersion": text,
               "InternalName": "xueji", "OriginalFilename": "xueji.exe", "ProductName": PRODUCT,
               "ProductVersion": text, "LegalCopyright": "MIT License"}
    entries = ",\n          ".join(f"StringStruct({k!r}, {v!r})" for k, v in strings.items())
    return f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('080404b0', [
          {entries}])]),
    VarFileInfo([VarStruct('Translation', [2052, 1200])])
  ]
)
"""
