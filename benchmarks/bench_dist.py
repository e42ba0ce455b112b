"""The frozen build from `make dist`: its size on disk, and the time from launching the program to
the unlock dialog on screen (an existing database; XUEJI_EXIT_AT_UNLOCK=1 makes the app print the
moment the dialog is up and quit).

Targets: dist/xueji <= 250 MB; launch to unlock dialog <= 2 s.

    python benchmarks/bench_dist.py [runs]     # QT_QPA_PLATFORM defaults to offscreen
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import header, report

ROOT = Path(__file__).resolve().parents[1]
APP_DIR = ROOT / "dist" / "xueji"
PROGRAM = APP_DIR / ("xueji.exe" if sys.platform == "win32" else "xueji")
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 5


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def make_database(folder: Path) -> Path:
    from desktop.services.safekeeping.accounts import NewSchool, create_database

    path = folder / "学籍.db"
    ws, _ = create_database(path, NewSchool(code="4406040001", name="基准测试小学"), "管理员",
                            "Bench-pass-1")
    ws.lock()
    return path


def launch_seconds(db: Path, home: Path) -> tuple[float, float]:
    """(launch to unlock dialog shown, launch to process exit) for one run."""
    env = {**os.environ, "HOME": str(home), "XDG_CONFIG_HOME": str(home / "config"),
           "XUEJI_EXIT_AT_UNLOCK": "1"}
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    start = time.time()
    done = subprocess.run([str(PROGRAM), "--db", str(db)], capture_output=True, text=True, env=env,
                          timeout=120, check=True)
    ended = time.time()
    shown = [line for line in done.stdout.splitlines() if line.startswith("unlock-shown ")]
    if not shown:
        raise SystemExit(f"the app did not report the unlock dialog:\n{done.stdout}{done.stderr}")
    return float(shown[0].split()[1]) - start, ended - start


def main() -> int:
    if not PROGRAM.is_file():
        print(f"{PROGRAM} not found: run `make dist` first")
        return 1
    header("frozen build: size and launch to unlock")
    report("dist/xueji size", size_mb(APP_DIR), "MB", "<= 250 MB")
    for deb in sorted((ROOT / "dist").glob("xueji_*.deb")):
        report(f"{deb.name} size", deb.stat().st_size / 1e6, "MB")
    with tempfile.TemporaryDirectory(prefix="xueji-bench-") as folder:
        db = make_database(Path(folder))
        runs = [launch_seconds(db, Path(folder)) for _ in range(RUNS)]
    shown = [run[0] for run in runs]
    report("launch to unlock dialog, first run", shown[0], "s", "<= 2 s")
    report(f"launch to unlock dialog, median of {len(shown)}", statistics.median(shown), "s", "<= 2 s")
    report("launch to unlock dialog, slowest", max(shown), "s")
    report("launch to exit (dialog shown, app closed), median", statistics.median(r[1] for r in runs), "s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
