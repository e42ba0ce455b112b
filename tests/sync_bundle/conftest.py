"""The central server's database fixtures (SQLite, and a private PostgreSQL per session) for
the bundle import tests."""

from __future__ import annotations

from tests.central.conftest import db_url, postgres

__all__ = ["db_url", "postgres"]
