"""Schema versions: a ladder of upgrade steps keyed on PRAGMA user_version.

A new database gets the current schema at once. An older one is first backed up, then
upgraded step by step inside one transaction. A newer one is refused (NewerSchema).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from sqlalchemy import Connection, Engine, text
from sqlalchemy.schema import CreateIndex, CreateTable

from desktop.models import (  # noqa: F401  (the tables an unlock and the roster use)
    accounts,
    audit,
    drafts,
    outbox,
    school,
    student,
)
from desktop.models.base import Base
from desktop.models.errors import NewerSchema, ReadOnly
from desktop.models.errors import NotADatabase as NotXuejiDatabase

SCHEMA_VERSION = 14

# The other tables' models are loaded by the code that uses them, by the steps below, and
# before a new database is made (register_every_table): an unlock does not pay for them.
LATER_MODELS = ("archive", "deferral", "history", "import_profile", "intake", "sync_cases",
                "sync_state", "verification")


def register_every_table() -> None:
    """Put every table of the current schema on Base.metadata."""
    for name in LATER_MODELS:
        importlib.import_module(f"desktop.models.{name}")


def _upgrade_to_2(conn: Connection) -> None:
    """v2: possible-duplicate marks on students; failed-login counter on accounts."""
    conn.exec_driver_sql("ALTER TABLE student ADD COLUMN possible_duplicate_of VARCHAR(36)")
    conn.exec_driver_sql(
        "ALTER TABLE account ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0"
    )


def _upgrade_to_3(conn: Connection) -> None:
    """v3: status-change flags on students (辍学 / 专门学校, overseas study experience)."""
    conn.exec_driver_sql("ALTER TABLE student ADD COLUMN away_flag VARCHAR(10)")
    conn.exec_driver_sql(
        "ALTER TABLE student ADD COLUMN studied_abroad BOOLEAN NOT NULL DEFAULT 0"
    )


def _upgrade_to_4(conn: Connection) -> None:
    """v4: semester verification marks, the dropout ledger and the deferral register."""
    from desktop.models import deferral, verification

    for table in (verification.VerificationMark.__table__, verification.DropoutCase.__table__,
                  deferral.DeferralEntry.__table__):
        table.create(conn)


def _upgrade_to_5(conn: Connection) -> None:
    """v5: the paper-archive register (checklist, location, scans, loans, handovers)."""
    from desktop.models import archive

    for model in archive.TABLES:
        model.__table__.create(conn)


def _upgrade_to_6(conn: Connection) -> None:
    """v6: online sync state (enrolled device and keys, results, shadow versions, conflicts,
    findings)."""
    from desktop.models import sync_state

    for model in sync_state.TABLES:
        model.__table__.create(conn)


def _upgrade_to_7(conn: Connection) -> None:
    """v7: the registry's cases (transfers, approvals) and guardian requests; an index of the
    outbox by operation and state."""
    from desktop.models import sync_cases

    for model in sync_cases.TABLES:
        model.__table__.create(conn)
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_outbox_op_state ON outbox (op, state)")


def _upgrade_to_8(conn: Connection) -> None:
    """v8: unsaved editor forms (drafts), kept across a lock, a closed window or a crash."""
    for model in drafts.TABLES:
        model.__table__.create(conn)


def _upgrade_to_9(conn: Connection) -> None:
    """v9: template profiles of import files (what each column of a layout holds)."""
    from desktop.models import import_profile

    import_profile.ImportProfile.__table__.create(conn, checkfirst=True)


def _upgrade_to_10(conn: Connection) -> None:
    """v10: the preschool matched list and the entrance handover list (受控字段)."""
    from desktop.models import intake

    intake.IntakeEntry.__table__.create(conn, checkfirst=True)


def _upgrade_to_11(conn: Connection) -> None:
    """v11: the file format of a template profile's layout (exports default to it). A table
    made by the v9 step from today's tables has the column already."""
    columns = {row[1] for row in conn.exec_driver_sql("PRAGMA table_info(import_profile)")}
    if "file_format" in columns:
        return
    conn.exec_driver_sql(
        "ALTER TABLE import_profile ADD COLUMN file_format VARCHAR(4) NOT NULL DEFAULT 'xlsx'")


_SEARCH_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_student_initials_order"
    " ON student (name_initials, name_key, id)",
    "CREATE INDEX IF NOT EXISTS ix_student_id_number_order ON student (id_number, name_key, id)",
    "CREATE INDEX IF NOT EXISTS ix_student_xjh_order ON student (xjh, name_key, id)",
    "DROP INDEX IF EXISTS ix_student_name_initials",  # each a prefix of its new index
    "DROP INDEX IF EXISTS ix_student_xjh",
)


def _upgrade_to_12(conn: Connection) -> None:
    """v12: the initials, ID-number and 学籍号 indexes carry the roster order (pinyin key, id),
    so a letter or number search finds its page of matches in the index alone."""
    for statement in _SEARCH_INDEXES:
        conn.exec_driver_sql(statement)


def _upgrade_to_13(conn: Connection) -> None:
    """v13: the status index carries the roster order, the name and its initials, so a status
    filter (nearly every pupil is 在籍在读), alone or with a name, pinyin or initials, finds its
    page in the index without sorting or reading every pupil of that status."""
    conn.exec_driver_sql("CREATE INDEX IF NOT EXISTS ix_student_status_order"
                         " ON student (status, name_key, id, name, name_initials)")
    conn.exec_driver_sql("DROP INDEX IF EXISTS ix_student_status")  # a prefix of the new one


def _upgrade_to_14(conn: Connection) -> None:
    """v14: a change's payload is written once, as its audit entry's `after`; the outbox's
    payload may be NULL, read as that text (OutboxEntry.payload). SQLite cannot drop a NOT NULL,
    so the table is rebuilt as a new database makes it, its rows copied as they are (their own
    copies kept) and its indexes made again."""
    table = outbox.OutboxEntry.__table__
    names = ", ".join(column.name for column in table.columns)
    conn.exec_driver_sql("ALTER TABLE outbox RENAME TO outbox_v13")  # no table refers to it
    conn.execute(CreateTable(table))
    conn.exec_driver_sql(f"INSERT INTO outbox ({names}) SELECT {names} FROM outbox_v13")
    conn.exec_driver_sql("DROP TABLE outbox_v13")  # and the indexes it took with it
    for index in table.indexes:
        conn.execute(CreateIndex(index))


STEPS: dict[int, Callable[[Connection], None]] = {
    2: _upgrade_to_2, 3: _upgrade_to_3, 4: _upgrade_to_4, 5: _upgrade_to_5, 6: _upgrade_to_6,
    7: _upgrade_to_7, 8: _upgrade_to_8, 9: _upgrade_to_9,
    10: _upgrade_to_10, 11: _upgrade_to_11, 12: _upgrade_to_12,
    13: _upgrade_to_13, 14: _upgrade_to_14,
}


def schema_version(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.exec_driver_sql("PRAGMA user_version").scalar_one())


def _is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        count: int = conn.execute(text("SELECT count(*) FROM sqlite_master WHERE type='table'")).scalar_one()
        return count == 0


def prepare(engine: Engine, backup: Callable[[int], object], *, create: bool = True,
            read_only: bool = False) -> int:
    """Bring the schema to SCHEMA_VERSION; returns the version found before. Opening an
    existing database (`create` False) never lays down a schema in an empty one, and a
    read-only one that would need an upgrade is refused."""
    found = schema_version(engine)
    if found > SCHEMA_VERSION:
        raise NewerSchema(found=found, known=SCHEMA_VERSION)
    if found == 0 and (not create or not _is_empty(engine)):
        raise NotXuejiDatabase()
    if found < SCHEMA_VERSION and read_only:
        raise ReadOnly("an upgrade is needed")
    if found == 0:
        register_every_table()
        with engine.connect().execution_options(begin="IMMEDIATE") as conn, conn.begin():
            Base.metadata.create_all(conn)
            conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
        return 0
    if found < SCHEMA_VERSION:
        backup(found)
        _climb(engine, found)
    return found


def _climb(engine: Engine, found: int) -> None:
    with engine.connect().execution_options(begin="IMMEDIATE") as conn, conn.begin():
        for version in range(found + 1, SCHEMA_VERSION + 1):
            STEPS[version](conn)
        conn.exec_driver_sql(f"PRAGMA user_version = {SCHEMA_VERSION}")
