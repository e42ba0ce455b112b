"""Schemas v12 and v13 on a real encrypted register with pupils: a v11 database (the initials,
学籍号 and status indexes without the roster order) or a v12 one (the status index without it)
is backed up and upgraded on unlock; it then holds the same indexes as a new database, its
pupils are found as before, and a letter search and a status filter walk the new indexes."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from desktop.models.engine import connect_raw
from desktop.models.keyslots import KeySlotFile, keyslot_path
from desktop.models.migrations import SCHEMA_VERSION
from desktop.services.context import Workspace
from desktop.services.safekeeping.accounts import unlock
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, search, search_statements
from tests.conftest import PASSWORD
from tests.factories import valid_row

NAMES = ["张伟", "赵志华", "李丽", "刘磊", "王伟", "欧阳修", "周正", "林立"]
TEXTS = ["", "z", "zh", "l", "w", "4", "G4", "伟"]
V12 = ("ix_student_initials_order", "ix_student_id_number_order", "ix_student_xjh_order")


def student_indexes(conn) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return dict(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index'"
                             " AND tbl_name = 'student' AND sql IS NOT NULL").fetchall())


def registrar_key(path: Path) -> bytes:
    return KeySlotFile.load(keyslot_path(path)).unlock("registrar", PASSWORD)


def indexes_of_file(path: Path, key: bytes) -> dict[str, str]:
    conn = connect_raw(path, key)
    try:
        return student_indexes(conn)
    finally:
        conn.close()


def make_older(path: Path, key: bytes, version: int) -> None:
    """What v11 had (single-column initials, 学籍号 and status indexes, none of v12's), or v12
    (v12's indexes, the single-column status index)."""
    conn = connect_raw(path, key)
    try:
        conn.execute("DROP INDEX ix_student_status_order")
        conn.execute("CREATE INDEX ix_student_status ON student (status)")
        if version == 11:
            for name in V12:
                conn.execute(f"DROP INDEX {name}")
            conn.execute("CREATE INDEX ix_student_name_initials ON student (name_initials)")
            conn.execute("CREATE INDEX ix_student_xjh ON student (xjh)")
        conn.execute(f"PRAGMA user_version = {version}")
    finally:
        conn.close()


def found(ws: Workspace) -> dict[str, tuple[int, list[str]]]:
    out = {}
    for text in TEXTS:
        page = search(ws, StudentQuery(text=text), limit=100)
        out[text] = (page.total, [row.id for row in page.rows])
    return out


def plan_of(ws: Workspace, stmt: object) -> list[str]:
    compiled = stmt.compile(compile_kwargs={"literal_binds": True})  # type: ignore[attr-defined]
    with ws.store.querying() as sql:
        return [row[-1] for row in sql.exec_driver_sql(f"EXPLAIN QUERY PLAN {compiled}")]


@pytest.mark.parametrize("version", [11, 12])
def test_older_register_with_pupils_is_upgraded(ws: Workspace, db_path: Path, today: dt.date,
                                                version: int) -> None:
    add_students(ws, [valid_row(name=name, seq=11 + i, birth=dt.date(2016, 2, 1 + i))
                      for i, name in enumerate(NAMES)], today=today)
    before = found(ws)
    assert before["z"][0] == 3 and before["4"][0] == len(NAMES)
    ws.lock()
    key = registrar_key(db_path)
    fresh = indexes_of_file(db_path, key)
    make_older(db_path, key, version)

    upgraded = unlock(db_path, "registrar", PASSWORD)
    try:
        assert found(upgraded) == before
        _count, page = search_statements(StudentQuery(text="zh"), 0, 100)
        plan = plan_of(upgraded, page)
        assert any("COVERING INDEX ix_student_initials_order" in step for step in plan), plan
        _count, page = search_statements(StudentQuery(status="ACTIVE"), 0, 100)
        plan = plan_of(upgraded, page)
        assert any("COVERING INDEX ix_student_status_order" in step for step in plan), plan
    finally:
        upgraded.lock()
    conn = connect_raw(db_path, key)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 14
        assert student_indexes(conn) == fresh
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        conn.close()
    [backup] = db_path.parent.glob(f"{db_path.name}.v{version}-*.bak")
    conn = connect_raw(backup, key)
    try:  # the copy kept before the upgrade is the older register, pupils and all
        assert conn.execute("PRAGMA user_version").fetchone()[0] == version
        assert conn.execute("SELECT count(*) FROM student").fetchone()[0] == len(NAMES)
        assert "ix_student_status_order" not in student_indexes(conn)
    finally:
        conn.close()
