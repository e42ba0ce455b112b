"""Entering one complete new pupil through the editor: keystrokes, clicks and dead ends of a
scripted registrar (benchmarks/entry_scenario.py, driven by pytest-qt), plus its wall time.

Target: no dead ends; fewer keystrokes and clicks than the figures recorded before the
editor learnt typed dates, ID-number filling and empty family members (docs/BENCHMARKS.md).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import header, report

ROOT = Path(__file__).resolve().parents[1]


def run() -> dict:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "entry.json"
        env = {**os.environ, "ENTRY_RESULT": str(out), "QT_QPA_PLATFORM": "offscreen"}
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        str(ROOT / "benchmarks" / "entry_scenario.py")],
                       cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
        return json.loads(out.read_text(encoding="utf-8"))


def main() -> None:
    header("entering one new pupil in the editor")
    result = run()
    report("keystrokes", result["keys"], "keys")
    report("clicks", result["clicks"], "clicks")
    report("dead ends", len(result["dead_ends"]), "", "0")
    for dead_end in result["dead_ends"]:
        print(f"  dead end: {dead_end}")
    report("scripted entry, wall time", result["seconds"] * 1000, "ms")


if __name__ == "__main__":
    main()
