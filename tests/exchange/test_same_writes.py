"""The faster student path writes exactly what the code before it wrote: pupils created through
add_students in two batches (the second naming possible duplicates of the first), and a
workbook imported into a register that already holds its pupils, matched and updated
(tests/exchange/same_writes.py; golden files written by the earlier code)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.exchange.same_output import read_golden
from tests.exchange.same_writes import add_dump, update_dump


def _same_rows(new: dict[str, Any], old: dict[str, Any]) -> None:
    assert sorted(new) == sorted(old)
    for table, rows in old.items():
        assert len(new[table]) == len(rows), table
        for index, (got, expected) in enumerate(zip(new[table], rows, strict=True)):
            assert got == expected, f"{table} row {index}"


def test_add_students_writes_as_before(tmp_path: Path) -> None:
    new, old = add_dump(tmp_path), read_golden("add")
    assert new["created"] == old["created"] == [120, 126]
    assert new["warnings"] == old["warnings"]
    assert new["duplicates"] == old["duplicates"] and len(old["duplicates"]) == 6
    assert new["chain"] is old["chain"] is True
    _same_rows(new["database"], old["database"])


def test_import_into_a_register_updates_as_before(tmp_path: Path) -> None:
    new, old = update_dump(tmp_path), read_golden("update")
    assert new["plan"] == old["plan"]
    assert (new["created"], new["updated"]) == (old["created"], old["updated"]) == (20, 56)
    assert new["chain"] is old["chain"] is True
    _same_rows(new["database"], old["database"])
