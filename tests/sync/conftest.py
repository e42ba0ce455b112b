"""Sync fixtures: the registry's fixtures from tests/central (uvicorn on loopback, SQLite and a
private PostgreSQL) and a desk database that is enrolled with it."""

from __future__ import annotations

import pytest

from desktop.services.context import Workspace
from desktop.sync.client import enroll
from tests.central.conftest import central, db_url, postgres  # noqa: F401  (fixtures)
from tests.central.desk import Central
from tests.factories import SCHOOL_CODE


@pytest.fixture
def enrolled(central: Central, ws: Workspace) -> Workspace:  # noqa: F811
    """The test desk (`ws`) enrolled with the running registry for its own school."""
    enroll(ws, central.url, central.token(SCHOOL_CODE))
    return ws
