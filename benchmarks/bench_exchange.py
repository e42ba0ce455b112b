"""Excel exchange: a 10,000-row national-template workbook read and imported.

Writes demo students as a template workbook (the export path, timed too), then times
(a) python-calamine only reading it, (b) openpyxl read-only only reading it, and (c) the
full import: read, parse, validate, plan and write into a fresh encrypted database. Prints
the ratio of the full import to the fastest reader (target <= 4x) and its time (<= 10 s).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from benchmarks.common import header, report, timed
from desktop.domain.grades import SchoolSystem
from desktop.exchange.files import apply_workbook, read_import
from desktop.exchange.xlsx_writer import write_template
from desktop.models.keyslots import KdfParams
from desktop.services.accounts import NewSchool, create_database
from desktop.services.demo import demo_rows
from desktop.services.import_plan import RowAction

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
SCHOOL = NewSchool(code="4406040001", name="基准测试学校", stages="小学,初中")


def read_calamine(path: Path) -> int:
    book = CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_index(0).to_python()
    book.close()
    return len(rows)


def read_openpyxl(path: Path) -> int:
    book = load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count


def full_import(folder: Path, path: Path) -> tuple[int, float]:
    """(students created, seconds) for read + plan + write into a new database."""
    ws, _ = create_database(folder / "import.db", SCHOOL, "admin", "bench-pass-1",
                            KdfParams(time_cost=1, memory_kib=8192, parallelism=1))
    results: dict[str, float] = {}
    with timed("import", results):
        result = apply_workbook(ws, read_import(path))
    ws.lock()
    assert result.plan.count(RowAction.REFUSED) == 0, "demo rows must all be valid"
    return len(result.created), results["import"]


def main() -> None:
    header(f"Excel exchange: {COUNT} rows in the national template")
    rows = list(demo_rows(SchoolSystem.parse("6-3-3", "小学,初中"), SCHOOL.code, COUNT, 2026,
                          dt.date.today()))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "students.xlsx"
        results: dict[str, float] = {}
        with timed("write", results):
            write_template(path, rows)
        report(f"write {COUNT} rows (openpyxl write-only, lists)", results["write"], "s")
        report("  file size", path.stat().st_size / 1e6, "MB")
        with timed("calamine", results):
            read_calamine(path)
        report("(a) python-calamine: read only", results["calamine"], "s")
        with timed("openpyxl", results):
            read_openpyxl(path)
        report("(b) openpyxl read-only: read only", results["openpyxl"], "s")
        created, seconds = full_import(folder, path)
        report(f"(c) full import of {created} students", seconds, "s", "<= 10 s")
        fastest = min(results["calamine"], results["openpyxl"])
        report("ratio full import / fastest read", seconds / fastest, "x", "<= 4 x")


if __name__ == "__main__":
    main()
