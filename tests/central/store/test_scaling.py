"""Shard discipline (docs/scaling.md): every table has a placement, every primary and unique
key of a distributed table contains its shard key, and a representative part of the server
suite (enroll, push, pull, scope, transfer saga, approvals, guardian requests) runs on a
PostgreSQL schema whose distributed tables are hash-partitioned by their shard keys."""

from __future__ import annotations

import pytest
from sqlalchemy import PrimaryKeyConstraint, UniqueConstraint, create_engine, text

from central.store.db import database_url, metadata
from central.store.shards import DISTRIBUTION, SCHOOL, shard_key
from tests.central.api import test_enroll_auth, test_pull, test_push, test_scope
from tests.central.cases import test_cases, test_guardian
from tests.central.partitioned import PARTITIONS, create_partitioned_schema
from tests.central.pg import PostgresCluster


def test_every_table_has_a_placement() -> None:
    assert {table.name for table in metadata.sorted_tables} == set(DISTRIBUTION)


def unique_keys(table: object) -> list[tuple[str, set[str]]]:
    keys = [(type(c).__name__, {col.name for col in c.columns}) for c in table.constraints  # type: ignore[attr-defined]
            if isinstance(c, PrimaryKeyConstraint | UniqueConstraint)]
    keys += [("Index(unique)", {col.name for col in i.columns}) for i in table.indexes  # type: ignore[attr-defined]
             if i.unique]
    return keys


@pytest.mark.parametrize("table", metadata.sorted_tables, ids=lambda t: t.name)
def test_every_unique_key_contains_the_shard_key(table: object) -> None:
    key = shard_key(table.name)  # type: ignore[attr-defined]
    if key is None:
        return  # a reference table: copied whole to every node
    for kind, columns in unique_keys(table):
        assert key in columns, f"{table.name}: {kind} {sorted(columns)} lacks the shard key {key}"  # type: ignore[attr-defined]


def test_tables_of_a_school_are_distributed_by_school() -> None:
    """A distributed table with a school column is keyed by it, but for the few looked up by
    their own key alone (tokens, devices) and the claim table."""
    own_keys = {"enrollment_tokens", "devices", "access_tokens", "id_claims"}
    for table in metadata.sorted_tables:
        distributed = shard_key(table.name) is not None
        if distributed and SCHOOL in table.columns and table.name not in own_keys:
            assert shard_key(table.name) == SCHOOL, table.name


@pytest.fixture
def db_url(postgres: PostgresCluster) -> str:
    """Overrides conftest's: the `central` fixture then runs on the partitioned schema."""
    url = postgres.new_database()
    partitioned = create_partitioned_schema(url)
    assert len(partitioned) == sum(1 for p in DISTRIBUTION.values() if p.column)
    return url


def test_the_schema_really_is_partitioned(db_url: str) -> None:
    engine = create_engine(database_url(db_url))
    with engine.connect() as conn:
        tables = conn.scalar(text("SELECT count(*) FROM pg_partitioned_table"))
        children = conn.scalar(text("SELECT count(*) FROM pg_inherits JOIN pg_class c "
                                    "ON c.oid = pg_inherits.inhrelid WHERE c.relkind = 'r'"))
    engine.dispose()
    distributed = sum(1 for p in DISTRIBUTION.values() if p.column)
    assert (tables, children) == (distributed, distributed * PARTITIONS)


# The representative subset, collected here again so it runs on the partitioned schema.
test_enroll = test_enroll_auth.test_a_code_works_once_but_a_retry_of_the_same_enrollment_is_answered_again
test_tokens = test_enroll_auth.test_every_sync_endpoint_needs_a_valid_token
test_push_once = test_push.test_the_same_batch_twice_takes_effect_once
test_push_held = test_push.test_a_change_after_a_gap_is_held_until_the_gap_fills
test_push_conflict = test_push.test_a_stale_edit_of_an_item_changed_centrally_is_a_conflict
test_push_commands = test_push.test_status_commands_check_the_state_they_start_from
test_pull_pages = test_pull.test_the_feed_comes_in_pages_from_the_cursor
test_snapshot = test_pull.test_the_snapshot_pages_through_records_and_findings
schools = test_scope.schools
test_scope_push = test_scope.test_push_cannot_touch_another_schools_student
test_transfer_saga = test_cases.test_a_transfer_passes_four_parties_and_moves_the_record
test_transfer_refusal = test_cases.test_a_refusal_at_any_step_ends_the_transfer_and_gives_the_pupil_back
test_suspension = test_cases.test_a_suspension_waits_for_the_bureau_and_the_decision_flows_back
test_guardian_request = \
    test_guardian.test_the_school_answers_item_by_item_and_accepted_items_reach_the_record
