"""Server fixtures: every test that takes `central` runs once on SQLite and once on a real
PostgreSQL started for the session, against uvicorn serving on loopback."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from central.app import create_app
from tests.central.desk import Central
from tests.central.live import FakeClock, LiveServer
from tests.central.pg import PostgresCluster


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresCluster]:
    cluster = PostgresCluster()
    try:
        cluster.start()
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'central.db'}"
    return request.getfixturevalue("postgres").new_database()


@pytest.fixture
def central(db_url: str) -> Iterator[Central]:
    clock = FakeClock()
    app = create_app(db_url, clock=clock)
    server = LiveServer(app)
    server.start()
    running = Central(server.url, db_url, clock, app.state.context.engine)
    try:
        yield running
    finally:
        running.close()
        server.stop()
