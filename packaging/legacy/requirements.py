"""Prints the requirements of the legacy build, one per line: the program's dependencies from
pyproject.toml (less the reference server's) and PyInstaller from the `dist` extra, with
PySide6 pinned below 6.10, the last line with manylinux_2_28 wheels (6.10 and later need
glibc 2.34)."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYSIDE = "6.9.3"
PINNED = {"pyside6": f"PySide6=={PYSIDE}"}
# Only central/ (the reference server) uses these; the spec leaves them out of the build.
SERVER_ONLY = {"fastapi", "uvicorn", "psycopg"}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    with pyproject.open("rb") as handle:
        project = tomllib.load(handle)["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dist"]]
    return [PINNED.get(_name(r), r) for r in wanted if _name(r) not in SERVER_ONLY]


if __name__ == "__main__":
    sys.stdout.write("".join(line + "\n" for line in requirements()))
