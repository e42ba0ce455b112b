"""A PostgreSQL schema laid out as on a sharded cluster: every distributed table (central/
shards.py) created PARTITION BY HASH of its shard key, with a few partitions each.

PostgreSQL refuses a primary or unique key on a partitioned table that lacks the partition
key (the same rule Citus applies to distribution columns), so the server running on this
schema shows its keys and queries keep to the rule.
"""

from __future__ import annotations

from sqlalchemy import create_engine, text
from sqlalchemy.schema import CreateIndex, CreateTable

from central.store.db import database_url, metadata
from central.store.shards import shard_key

PARTITIONS = 4


def create_partitioned_schema(url: str, partitions: int = PARTITIONS) -> list[str]:
    """Create the central schema at `url`; returns the names of the partitioned tables."""
    engine = create_engine(database_url(url))
    partitioned = []
    with engine.begin() as conn:
        for table in metadata.sorted_tables:
            key = shard_key(table.name)
            ddl = str(CreateTable(table).compile(dialect=conn.dialect)).strip()
            conn.execute(text(ddl + (f" PARTITION BY HASH ({key})" if key else "")))
            for remainder in range(partitions if key else 0):
                conn.execute(text(f"CREATE TABLE {table.name}_p{remainder} PARTITION OF {table.name} "
                                  f"FOR VALUES WITH (MODULUS {partitions}, REMAINDER {remainder})"))
            for index in table.indexes:
                conn.execute(CreateIndex(index))
            if key:
                partitioned.append(table.name)
    engine.dispose()
    return partitioned
