"""The Windows build from `make dist-windows`: the one-folder size, the installer size, and the time
from launching `xueji-cli.exe --selftest` under Wine to its end (in the build's cached Wine prefix,
which has the shim DLLs Wine 8.0 lacks). The first run includes starting wineserver; the later
ones find it running, as on Windows the system is already up.

Targets: dist/windows/xueji <= 250 MB, installer <= 100 MB, launch to end of self-test <= 2 s.

    python benchmarks/bench_windows.py [runs]
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "packaging"))  # project.py
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "packaging" / "windows"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import header, report

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 5


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def timed_run(wine, program: Path, *args: str) -> float:
    start = time.perf_counter()
    done = wine.run(program, *args, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(done.stdout.decode("utf-8", "replace"))
    return seconds


def main() -> int:
    import prefix
    from layout import APP_DIR, DIST_WINDOWS

    program = APP_DIR / "xueji-cli.exe"
    if not program.is_file():
        print(f"{program} not found: run `make dist-windows` first")
        return 1
    header("Windows build under Wine: size and self-test")
    report("dist/windows/xueji size", size_mb(APP_DIR), "MB", "<= 250 MB")
    for setup in sorted(DIST_WINDOWS.glob("xueji-setup-*.exe")):
        report(f"{setup.name} size", setup.stat().st_size / 1e6, "MB", "<= 100 MB")
    wine = prefix.ready()
    subprocess.run(["wineserver", "-k"], env=wine.environment(), check=False)
    wine.wait()
    first = timed_run(wine, program, "--selftest")
    runs = [timed_run(wine, program, "--selftest") for _ in range(RUNS)]
    versions = [timed_run(wine, program, "--version") for _ in range(RUNS)]
    report("launch to end of --selftest, wineserver cold", first, "s")
    report(f"launch to end of --selftest, median of {RUNS}", statistics.median(runs), "s", "<= 2 s")
    report("launch to end of --selftest, fastest", min(runs), "s")
    report(f"launch to end of --version, median of {RUNS}", statistics.median(versions), "s")
    wine.wait()
    return 0


if __name__ == "__main__":
    sys.exit(main())
