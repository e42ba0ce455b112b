"""How the desk's costs grow with the size of the school: 1,000, 5,000 and 20,000 pupils
(`bench_scale.py 1000 5000 20000 50000` for the largest schools).

Each size runs in its own process on a fresh encrypted database filled with demo pupils:
cold unlock to the first roster page (Argon2id at its production cost), search p95 over
mixed queries, opening a pupil p95, importing 1,000 new rows into the existing register,
a full backup, `xueji check`, the year-end, peak memory and the database size. The table
gives each figure's growth between sizes (the exponent k of time ~ n^k): flat (k < 0.2),
sublinear (k < 0.75), linear (k <= 1.25), or worse than linear, which is a bug.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import math
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import header, latencies_ms, load, p95
from desktop.domain.grades import SchoolSystem
from desktop.exchange.files import apply_workbook, read_import
from desktop.exchange.xlsx_writer import write_template
from desktop.models.keyslots import KdfParams
from desktop.services.changes.year_end import run_year_end
from desktop.services.importing.demo import demo_rows
from desktop.services.importing.demo_load import load_demo
from desktop.services.safekeeping.accounts import NewSchool, create_database, unlock
from desktop.services.safekeeping.backup import create_backup
from desktop.services.safekeeping.integrity import check_database
from desktop.services.students.read import StudentQuery, get_student, search

SIZES = [int(a) for a in sys.argv[1:] if a.isdigit()] or [1000, 5000, 20_000]
SCHOOL = NewSchool(code="4406040001", name="基准测试学校", stages="小学,初中")
PASSWORD = "bench-pass-1"
TODAY = dt.date(2026, 12, 7)
FIGURES = (("cold unlock to first roster page", "s"), ("search p95", "ms"),
           ("open a pupil p95", "ms"), ("import 1,000 rows into the register", "s"),
           ("full backup", "s"), ("xueji check", "s"), ("year-end", "s"),
           ("peak memory", "MB"), ("database size", "MB"))


def timed(action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def measure(size: int) -> dict[str, float]:
    """Every figure for one school of `size` pupils (run in a child process)."""
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "school.db"
        ws, _ = create_database(db, SCHOOL, "admin", PASSWORD, KdfParams())
        load_demo(ws, size, 2026, TODAY)
        ws.lock()
        start = time.perf_counter()
        ws = unlock(db, "admin", PASSWORD)
        page = search(ws, StudentQuery(), limit=100)
        out["cold unlock to first roster page"] = time.perf_counter() - start
        rng = random.Random(19)
        names = [row.name for row in search(ws, StudentQuery(), limit=size).rows]
        probes = [name[1:] or name for name in rng.sample(names, 40)] + ["王", "li", "zh", "4406"]
        out["search p95"] = p95(latencies_ms(lambda t: search(ws, StudentQuery(text=t)), probes))
        ids = [row.id for row in page.rows]
        out["open a pupil p95"] = p95(latencies_ms(lambda i: get_student(ws, i), ids * 2))
        extra = list(demo_rows(SchoolSystem.parse("6-3-3", "小学,初中"), SCHOOL.code, 1000, 77,
                               TODAY))
        write_template(folder / "new.xlsx", extra)
        out["import 1,000 rows into the register"] = timed(
            lambda: apply_workbook(ws, read_import(folder / "new.xlsx"), skip_invalid=True))
        out["full backup"] = timed(lambda: create_backup(ws, folder / "backup.zip"))
        out["xueji check"] = timed(lambda: check_database(ws))
        out["year-end"] = timed(lambda: run_year_end(ws, TODAY))
        ws.lock()
        out["database size"] = db.stat().st_size / 1e6
    out["peak memory"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    out["load"] = float(load().split()[1])
    return out


def growth(small: float, large: float, ratio: float) -> str:
    if small <= 0 or large <= 0:
        return "-"
    k = math.log(large / small) / math.log(ratio)
    kind = ("flat" if k < 0.2 else "sublinear" if k < 0.75 else "linear" if k <= 1.25
            else "WORSE THAN LINEAR")
    return f"{kind} (k={k:.2f})"


def main() -> None:
    header(f"desk at {', '.join(map(str, SIZES))} pupils")
    results = {}
    for size in SIZES:
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], check=True,
                             capture_output=True, text=True).stdout
        results[size] = json.loads(out.splitlines()[-1])
        print(f"  {size} pupils measured ({load()})", flush=True)
    print(f"{'figure':<40}" + "".join(f"{size:>12}" for size in SIZES) + "   growth")
    for name, unit in FIGURES:
        cells = "".join(f"{results[size][name]:>12.2f}" for size in SIZES)
        steps = [growth(results[a][name], results[b][name], b / a)
                 for a, b in itertools.pairwise(SIZES)]
        print(f"{name + ' (' + unit + ')':<40}{cells}   {'; '.join(steps)}")
    print(f"{'load average during each size':<40}"
          + "".join(f"{results[size]['load']:>12.1f}" for size in SIZES))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        print(json.dumps(measure(int(sys.argv[2]))))
    else:
        main()
