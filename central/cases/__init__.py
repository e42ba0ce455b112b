"""The case engine: transfers, approvals, guardian requests, deadlines."""
