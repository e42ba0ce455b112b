"""Prints the requirements of the legacy build, one per line: all the dependencies of
pyproject.toml (the desk imports some that come with the server's, such as pydantic through
fastapi; the spec leaves the server out of the bundle) and PyInstaller from the `dist` extra,
with PySide6 pinned below 6.10, the last line with manylinux_2_28 wheels (6.10 and later need
glibc 2.34)."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYSIDE = "6.9.3"
PINNED = {"pyside6": f"PySide6=={PYSIDE}"}


def _name(requirement: str) -> str:
    return re.split(r"[\s\[<>=!~;]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def requirements(pyproject: Path = ROOT / "pyproject.toml") -> list[str]:
    with pyproject.open("rb") as handle:
        project = tomllib.load(handle)["project"]
    wanted = [*project["dependencies"], *project["optional-dependencies"]["dist"]]
    return [PINNED.get(_name(r), r) for r in wanted]


if __name__ == "__main__":
    sys.stdout.write("".join(line + "\n" for line in requirements()))
