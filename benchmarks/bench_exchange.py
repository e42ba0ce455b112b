"""Excel exchange: a 10,000-row national-template workbook exported, read and imported.

Each figure is printed with its floor measured in the same run, python-calamine's bare read
of the same file (the floor is taken before and after, the faster counts): the export
(target <= 4x the read of the exported file), the full import into a fresh encrypted
database (guard, read, parse, validate, match, plan, back up, write; <= 3x) and its dry run
(read and plan, nothing written; <= 2x). openpyxl's read-only read is printed for scale.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from openpyxl import load_workbook
from python_calamine import CalamineWorkbook

from benchmarks.common import Clock, header, load, report, report_ratio
from benchmarks.raw_copy import copy_rows, insert_raw
from desktop.domain.grades import SchoolSystem
from desktop.exchange.files import apply_workbook, preview_import, read_import
from desktop.exchange.xlsx_writer import write_template
from desktop.models.keyslots import KdfParams
from desktop.services.context import Workspace
from desktop.services.importing.demo import demo_rows
from desktop.services.safekeeping.accounts import NewSchool, create_database

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 10_000
SCHOOL = NewSchool(code="4406040001", name="基准测试学校", stages="小学,初中")
KDF = KdfParams(time_cost=1, memory_kib=8192, parallelism=1)


def read_calamine(path: Path) -> Clock:
    with Clock() as clock:
        book = CalamineWorkbook.from_path(str(path))
        book.get_sheet_by_index(0).to_python()
        book.close()
    return clock


def floor(path: Path) -> Clock:
    """The faster of two bare calamine reads of `path`."""
    first, second = read_calamine(path), read_calamine(path)
    return min(first, second, key=lambda c: c.cpu)


def read_openpyxl(path: Path) -> Clock:
    with Clock() as clock:
        book = load_workbook(path, read_only=True, data_only=True)
        sum(1 for _row in book.worksheets[0].iter_rows(values_only=True))
        book.close()
    return clock


def dry_run(folder: Path, path: Path) -> tuple[Clock, Clock]:
    """(the dry run, nothing: it writes no rows)."""
    ws, _ = create_database(folder / "dry.db", SCHOOL, "admin", "bench-pass-1", KDF)
    with Clock() as clock:
        plan = preview_import(ws, read_import(path)).plan
    ws.lock()
    assert not plan.refused, "demo rows must all be valid"
    nothing = Clock()
    nothing.wall = nothing.cpu = 0.0
    return clock, nothing


def full_import(folder: Path, path: Path) -> tuple[Clock, Clock]:
    """(the import, raw sqlcipher3 writing the rows it wrote)."""
    ws, _ = create_database(folder / "import.db", SCHOOL, "admin", "bench-pass-1", KDF)
    with Clock() as clock:
        result = apply_workbook(ws, read_import(path))
    assert not result.plan.refused, "demo rows must all be imported"
    writes = raw_writes(folder, ws)
    ws.lock()
    return clock, writes


def raw_writes(folder: Path, ws: Workspace) -> Clock:
    """Every row of the tables the import filled, those with half a row a pupil or more (the
    pupils, their families, 学籍号, events, audit and outbox entries), inserted again by raw
    sqlcipher3 into a new file with the same schema: the least the import's writes can
    cost, with no Python at all."""
    schema, data = copy_rows(ws.store.path, ws.store.key)
    half = len(data["student"]) // 2
    data = {name: rows for name, rows in data.items() if len(rows) >= half}
    clock, conn = insert_raw(folder / "raw-writes.db", schema, data)
    conn.close()
    return clock


def cold(step: str, folder: Path, path: Path) -> tuple[Clock, Clock, Clock]:
    """(the step, its floor, raw writes of its rows) measured in a new process, as the CLI
    runs it: nothing parsed before is remembered."""
    out = subprocess.run([sys.executable, __file__, "--step", step, str(folder), str(path)],
                         check=True, capture_output=True, text=True).stdout
    measured, base, writes = Clock(), Clock(), Clock()
    figures = json.loads(out.splitlines()[-1])
    measured.wall, measured.cpu, base.wall, base.cpu, writes.wall, writes.cpu = figures
    return measured, base, writes


def step(name: str, folder: Path, path: Path) -> None:
    measured, writes = (dry_run if name == "dry" else full_import)(folder, path)
    base = floor(path)
    print(json.dumps([measured.wall, measured.cpu, base.wall, base.cpu, writes.wall, writes.cpu]))


def main() -> None:
    header(f"Excel exchange: {COUNT} rows in the national template")
    rows = list(demo_rows(SchoolSystem.parse("6-3-3", "小学,初中"), SCHOOL.code, COUNT, 2026,
                          dt.date.today()))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = folder / "students.xlsx"
        with Clock() as export:
            write_template(path, rows)
        base = floor(path)
        report(f"  file size ({COUNT} rows)", path.stat().st_size / 1e6, "MB")
        print(f"{'floor: python-calamine bare read of the file':<48} {base.wall:>8.2f} s   "
              f"cpu {base.cpu:.2f} s   {load()}")
        report_ratio(f"export {COUNT} rows (rust_xlsxwriter)", export, base, 4)
        opx = read_openpyxl(path)
        print(f"{'openpyxl read-only, read only (for scale)':<48} {opx.wall:>8.2f} s   {load()}")
        dry, base, _nothing = cold("dry", folder, path)
        report_ratio(f"import --dry-run of {COUNT} rows (read, plan)", dry, base, 2)
        full, base, writes = cold("full", folder, path)
        report_ratio(f"full import of {COUNT} students", full, base, 3)
        least = writes.cpu + base.cpu
        print(f"{'  its writes alone, by raw sqlcipher3':<48} {writes.wall:>8.2f} s   "
              f"cpu {writes.cpu:.2f} s: with the read {least / base.cpu:.2f}x the read, "
              f"the least an import writing these rows can take   {load()}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--step"]:
        step(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]))
    else:
        main()
