"""The faster import reads and writes exactly what the import before it did: every record of
a fixed corpus (demo pupils, and the same pupils with spoiled cells) parses to the same
values, members and errors, and importing the corpus as a workbook plans the same rows and
writes the same students, family members, 学籍号, events, audit entries and outbox entries
(tests/exchange/same_output.py; golden files written by the earlier code)."""

from __future__ import annotations

from pathlib import Path

from tests.exchange.same_output import corpus, import_dump, read_golden, records_dump


def test_records_parse_as_before() -> None:
    new, old = records_dump(corpus()), read_golden("records")
    assert len(new) == len(old) == 480
    for index, (got, expected) in enumerate(zip(new, old, strict=True)):
        assert got == expected, f"row {index}"


def test_import_plans_and_writes_as_before(tmp_path: Path) -> None:
    new, old = import_dump(tmp_path), read_golden("import")
    assert new["plan"] == old["plan"]
    assert new["again"] == old["again"]
    assert new["created"] == old["created"] > 50
    for table, rows in old["database"].items():
        assert len(new["database"][table]) == len(rows), table
        for index, (got, expected) in enumerate(zip(new["database"][table], rows, strict=True)):
            assert got == expected, f"{table} row {index}"
