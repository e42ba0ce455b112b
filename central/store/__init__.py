"""The registry's store: tables, shards, feed, fan-out, records, schools."""
