"""Locating and reading the bundled reference data (resources/: code tables, regions, names).

The files are read-only data shipped with the program; they are found next to the source
tree in a checkout, inside the wheel as desktop/_resources, or in a frozen build's bundle.
"""

from __future__ import annotations

import csv
import sys
from functools import cache
from pathlib import Path
from typing import Any

import orjson


@cache
def resource_dir() -> Path:
    """The folder holding codes/, regions/, names/ and the other bundled data."""
    frozen = getattr(sys, "_MEIPASS", None)
    candidates = [Path(frozen) / "resources"] if frozen else []
    here = Path(__file__).resolve()
    candidates += [here.parents[2] / "resources", here.parents[1] / "_resources"]
    for candidate in candidates:
        if (candidate / "codes").is_dir():
            return candidate
    raise FileNotFoundError("resources/ not found next to the program")


def read_json(relative: str) -> Any:
    """A bundled JSON file, parsed."""
    return orjson.loads((resource_dir() / relative).read_bytes())


def read_rows(relative: str) -> list[dict[str, str]]:
    """Rows of a bundled CSV file as dicts, skipping the leading `#` comment lines."""
    path = resource_dir() / relative
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return [
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(lines)
        ]
