"""The suite collects every folder of tests: pytest's default `norecursedirs` holds "dist",
which silently left out tests/dist/ (the built programs, their installers and the legacy
package) from `make test` until pyproject.toml named its own list."""

from __future__ import annotations

from fnmatch import fnmatch
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parents[1]


def test_no_folder_of_tests_is_left_out_of_collection(pytestconfig: pytest.Config) -> None:
    ignored = pytestconfig.getini("norecursedirs")
    folders = {path.name for path in TESTS.rglob("*") if path.is_dir() and (path / "__init__.py").exists()}
    assert "dist" in folders
    assert not [(folder, pattern) for folder in folders for pattern in ignored if fnmatch(folder, pattern)]
