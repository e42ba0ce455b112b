"""The PostgreSQL fixture fails loudly (never skips) when PostgreSQL is not installed."""

from __future__ import annotations

import pytest

from tests.central import pg


def test_missing_postgresql_fails_with_the_install_command(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pg.glob, "glob", lambda _pattern: [])
    monkeypatch.setattr(pg.shutil, "which", lambda _name: None)
    with pytest.raises(pytest.fail.Exception, match="apt-get install -y postgresql"):
        pg.find_bindir()


def test_the_installed_postgresql_is_found() -> None:
    folder = pg.find_bindir()
    assert (folder / "initdb").exists() and (folder / "pg_ctl").exists()
