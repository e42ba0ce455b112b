"""How the desk's costs grow with the size of the school: 1,000, 5,000 and 20,000 pupils,
and 50,000 (the largest schools) when asked: `make bench-scale`, `XUEJI_BENCH_50K=1 make
bench`, or `bench_scale.py 1000 5000 20000 50000`.

Each size runs in its own process on a copy of an encrypted database of demo pupils:
cold unlock to the first roster page (Argon2id at its production cost), search p95 over
mixed queries, opening a pupil p95, importing 1,000 new rows into the existing register,
a full backup, `xueji check`, the year-end, peak memory and the database size. The table
gives each figure's growth: the exponent k of figure ~ n^k fitted over every size (least
squares on the logarithms), read as flat (k < 0.2), log (k < 0.75: slower than any power
near 1), linear (k <= 1.25), or worse than linear, which is a bug; the steps between
neighbouring sizes are printed beside it.

Generating the pupils takes minutes at 50,000 on a shared 2-core machine, so each generated
database is kept in ~/.cache/xueji-bench/ (XUEJI_BENCH_CACHE overrides), under a name that
carries a hash of the generator and of the schema: a change to either makes a new one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import json
import math
import os
import random
import resource
import shutil
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

ROOT = Path(__file__).resolve().parents[1]
LARGEST = 50_000
SIZES = ([int(a) for a in sys.argv[1:] if a.isdigit()]
         or [1000, 5000, 20_000, *([LARGEST] if os.environ.get("XUEJI_BENCH_50K") == "1" else [])])
CACHE = Path(os.environ.get("XUEJI_BENCH_CACHE") or Path.home() / ".cache" / "xueji-bench")
# What a cached database depends on: the demo generator, the way pupils are added, the schema.
GENERATOR = ("desktop/services/importing/demo.py", "desktop/services/importing/demo_load.py",
             "desktop/services/students/add.py", "desktop/models")
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


def generator_version() -> str:
    digest = hashlib.sha256()
    for name in GENERATOR:
        path = ROOT / name
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(ROOT).as_posix().encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def cached_database(size: int) -> Path:
    """A folder holding the demo school of `size` pupils (the database and its key slots),
    generated once per generator version."""
    folder = CACHE / f"school-{size}-{generator_version()}"
    if not folder.exists():
        building = CACHE / f"building-{size}"
        shutil.rmtree(building, ignore_errors=True)
        building.mkdir(parents=True)
        ws, _ = create_database(building / "school.db", SCHOOL, "admin", PASSWORD, KdfParams())
        load_demo(ws, size, 2026, TODAY)
        ws.lock()
        for older in CACHE.glob(f"school-{size}-*"):  # an older generator's copy
            shutil.rmtree(older)
        building.rename(folder)
    return folder


def measure(size: int) -> dict[str, float]:
    """Every figure for one school of `size` pupils (run in a child process)."""
    out: dict[str, float] = {}
    source = cached_database(size)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "school"
        shutil.copytree(source, folder)
        db = folder / "school.db"
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


def exponent(points: list[tuple[int, float]]) -> float | None:
    """k of figure ~ n^k, fitted by least squares on the logarithms."""
    points = [(n, v) for n, v in points if v > 0]
    if len(points) < 2:
        return None
    xs, ys = [math.log(n) for n, _ in points], [math.log(v) for _, v in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread


def kind(k: float | None) -> str:
    if k is None:
        return "-"
    return ("flat" if k < 0.2 else "log" if k < 0.75 else "linear" if k <= 1.25
            else "WORSE THAN LINEAR")


def main() -> None:
    header(f"desk at {', '.join(map(str, SIZES))} pupils")
    results = {}
    for size in SIZES:
        # The database is generated (or found in the cache) in a process of its own, so that
        # the measuring process's peak memory is the desk's, not the generator's.
        subprocess.run([sys.executable, __file__, "--generate", str(size)], check=True)
        out = subprocess.run([sys.executable, __file__, "--one", str(size)], check=True,
                             capture_output=True, text=True).stdout
        results[size] = json.loads(out.splitlines()[-1])
        print(f"  {size} pupils measured ({load()})", flush=True)
    print(f"{'figure':<40}" + "".join(f"{size:>10}" for size in SIZES)
          + "   growth, fitted (target: no worse than linear); steps")
    for name, unit in FIGURES:
        cells = "".join(f"{results[size][name]:>10.2f}" for size in SIZES)
        k = exponent([(size, results[size][name]) for size in SIZES])
        steps = [exponent([(a, results[a][name]), (b, results[b][name])])
                 for a, b in itertools.pairwise(SIZES)]
        fitted = f"{kind(k)} (k={k:.2f})" if k is not None else "-"
        print(f"{name + ' (' + unit + ')':<40}{cells}   {fitted}; "
              + ", ".join("-" if step is None else f"{step:.2f}" for step in steps))
    print(f"{'load average during each size':<40}"
          + "".join(f"{results[size]['load']:>10.1f}" for size in SIZES))


if __name__ == "__main__":
    if sys.argv[1:2] == ["--generate"]:
        cached_database(int(sys.argv[2]))
    elif sys.argv[1:2] == ["--one"]:
        print(json.dumps(measure(int(sys.argv[2]))))
    else:
        main()
