"""Shared fixtures: real SQLCipher databases in tmp folders, a cheap KDF, a valid record."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.models.keyslots import KdfParams
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import NewSchool, create_database
from tests.factories import SCHOOL_CODE, valid_row

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("XUEJI_LOG_DIR", str(Path(__file__).parent / ".logs"))

# Argon2id at test cost: the same code path, a fraction of the production cost.
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)
PASSWORD = "correct-horse-7"


@pytest.fixture
def fast_kdf() -> KdfParams:
    return FAST_KDF


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "school.db"


@pytest.fixture
def created(db_path: Path) -> Iterator[tuple[Workspace, str]]:
    """A new database for a 小学+初中 school, its registrar signed in, and the recovery key."""
    school = NewSchool(code=SCHOOL_CODE, name="测试县第一小学", stages="小学,初中")
    ws, recovery = create_database(db_path, school, "registrar", PASSWORD, FAST_KDF)
    yield ws, recovery
    ws.lock()


@pytest.fixture
def ws(created: tuple[Workspace, str]) -> Workspace:
    return created[0]


@pytest.fixture
def locked_db(created: tuple[Workspace, str], db_path: Path) -> Path:
    """An existing database whose key is not in memory (as at start-up)."""
    created[0].lock()
    return db_path


@pytest.fixture
def row() -> dict[str, str]:
    return valid_row()


@pytest.fixture
def today() -> dt.date:
    return dt.date(2026, 11, 26)
