"""Sync fixtures: the registry's fixtures from tests/central (uvicorn on loopback, SQLite and a
private PostgreSQL) and a desk database that is enrolled with it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.sync.client import enroll
from tests.central.conftest import central, db_url, postgres  # noqa: F401  (fixtures)
from tests.central.desk import SCHOOL_B, Central
from tests.conftest import FAST_KDF, PASSWORD
from tests.factories import SCHOOL_CODE


@pytest.fixture
def enrolled(central: Central, ws: Workspace) -> Workspace:  # noqa: F811
    """The test desk (`ws`) enrolled with the running registry for its own school."""
    enroll(ws, central.url, central.token(SCHOOL_CODE))
    return ws


@pytest.fixture
def school_b(central: Central, tmp_path: Path) -> Iterator[Workspace]:  # noqa: F811
    """School B's own encrypted desk (another county), enrolled with the same registry."""
    school = NewSchool(code=SCHOOL_B, name="测试县第二小学", stages="小学,初中")
    ws, _recovery = create_database(tmp_path / "b.db", school, "registrar", PASSWORD, FAST_KDF)
    enroll(ws, central.url, central.token(SCHOOL_B))
    yield ws
    ws.lock()
