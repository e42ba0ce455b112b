"""`make bench`: run every benchmark and print its figures (copied into docs/BENCHMARKS.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
BENCHMARKS = ("bench_core.py", "bench_gui.py", "bench_entry.py", "bench_print.py",
              "bench_exchange.py", "bench_sync.py", "bench_scale.py", "bench_central_scale.py")


def main() -> int:
    failed = 0
    for name in BENCHMARKS:
        result = subprocess.run([sys.executable, str(HERE / name)], check=False)
        failed += result.returncode != 0
        print()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
