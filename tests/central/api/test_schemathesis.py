"""schemathesis against the server's OpenAPI document: requests generated for every
operation, sent to the live server on loopback (with a valid access token where one is
needed), and no answer may be a 5xx. Runs on SQLite and on PostgreSQL, examples limited so
the whole module stays well under a minute."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error

from central.app import create_app
from tests.central.cases_kit import request_transfer, two_schools
from tests.central.desk import Central, Desk
from tests.central.live import FakeClock, LiveServer
from tests.central.pg import PostgresCluster

EXAMPLES = 20


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> Iterator[tuple[Central, Desk]]:
    """A server with two schools, a pupil and an open transfer; a desk signed in."""
    if request.param == "sqlite":
        url = f"sqlite:///{Path(tmp_path_factory.mktemp('st')) / 'central.db'}"
    else:
        cluster: PostgresCluster = request.getfixturevalue("postgres")
        url = cluster.new_database()
    clock = FakeClock()
    app = create_app(url, clock=clock)
    server = LiveServer(app)
    server.start()
    central = Central(server.url, url, clock, app.state.context.engine)
    schools = two_schools(central)
    schools.b.push(request_transfer(schools.b))
    try:
        yield central, schools.a
    finally:
        central.close()
        server.stop()


def check_operation(operation: schemathesis.APIOperation, desk: Desk) -> None:
    """Generated requests for one operation; fails on the first 5xx."""
    headers = desk.auth if operation.path.startswith("/v1/sync") else {}

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    def run(case: schemathesis.Case) -> None:
        response = case.call(headers=headers, timeout=30)
        case.validate_response(response, checks=[not_a_server_error])

    run()


def test_no_generated_request_gets_a_server_error(live: tuple[Central, Desk]) -> None:
    central, desk = live
    api = schemathesis.openapi.from_url(f"{central.url}/openapi.json")
    operations = [result.ok() for result in api.get_all_operations()]
    assert {op.label for op in operations} >= {"GET /v1/public/cases/{code}",
                                               "POST /v1/public/guardian-requests",
                                               "POST /v1/sync/push", "GET /v1/sync/pull"}
    for operation in operations:
        check_operation(operation, desk)
