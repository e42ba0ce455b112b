"""Where each table of the central schema lives on a sharded cluster (docs/scaling.md).

Every table is either distributed by a column (its shard key) or a reference table copied
to every node. The rule tests/central/store/test_scaling.py checks: every primary key and every
unique key of a distributed table contains its shard key, so each uniqueness check stays
on one shard; Citus and PostgreSQL's hash partitions refuse anything else. Uniqueness
across shards (ID numbers, 学籍号, device keys, case codes) goes through `id_claims`.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Placement:
    column: str | None  # the shard key; None for a reference table
    why: str


SCHOOL = "school_id"


def _school(why: str) -> Placement:
    return Placement(SCHOOL, why)


def _reference(why: str) -> Placement:
    return Placement(None, why)


DISTRIBUTION: dict[str, Placement] = {
    "server_identity": _reference("one row: the epoch and the server's keys"),
    "schools": _reference("small, read by almost every request"),
    "bureaus": _reference("a few thousand county accounts"),
    "enrollment_tokens": Placement("token_hash", "looked up by the code's hash alone"),
    "devices": Placement("device_id", "looked up by device id; keys unique through id_claims"),
    "auth_challenges": Placement("nonce", "looked up by the nonce alone"),
    "access_tokens": Placement("token_hash", "looked up by the token's hash alone"),
    "bureau_sessions": Placement("session_hash", "looked up by the cookie's hash alone"),
    "change_receipts": _school("a push touches only its own school"),
    "students": _school("sync reads and writes one school; a transfer moves the row"),
    "student_history": _school("written with the record, on the record's shard"),
    "id_claims": Placement("value", "claim table: a national uniqueness check is one shard"),
    "findings": Placement("finding_id", "one finding spans schools; parties index it"),
    "finding_parties": _school("a school's snapshot lists its findings"),
    "feed": Placement("recipient_id", "a pull is a range scan of one recipient"),
    "recipient_cursors": Placement("recipient_id", "the row lock that numbers a feed"),
    "bundles_in": _school("USB bundles of a school's devices"),
    "bundles_out": _school("replies to a school's devices"),
    "cases": Placement("case_id", "a transfer spans two schools and two bureaus: the saga log"),
    "case_parties": Placement("party_id", "a school's or a bureau's list of its cases"),
    "guardian_requests": _school("delivered to and answered by one school"),
}


def shard_key(table_name: str) -> str | None:
    """The table's shard key (None: reference table); KeyError for an unplaced table."""
    return DISTRIBUTION[table_name].column
