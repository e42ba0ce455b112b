"""Desktop app with 20,000 students: cold start to an interactive roster, search keystroke to
updated view, and resident memory while scrolling the whole roster.

Targets: cold start <= 0.7 s (password typing excluded, the Argon2id unwrap included); keystroke
to updated view p95 <= 20 ms; peak resident memory <= 350 MB while scrolling. The load average
is printed with them: on a shared machine the wall times follow it.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import header, load, p95, report

COUNT = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 20_000
PASSWORD = "bench-pass-1"
RUNS = 3


def peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as handle:
        for line in handle:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def child(db: str) -> None:
    """Runs in a fresh process: open the app on `db`, unlock, report timings on stdout."""
    from PySide6.QtWidgets import QApplication

    from desktop.views.controller import AppController
    from desktop.views.fonts import install_fonts

    app = QApplication([sys.argv[0]])
    install_fonts(app, 100)
    controller = AppController(app, Path(db))
    controller.start()
    controller.dialog.account.setCurrentText("admin")
    controller.dialog.password.setText(PASSWORD)
    controller.dialog.try_unlock()
    window = controller.window
    app.processEvents()
    window.roster.table.viewport().repaint()
    print(f"ready {time.time():.6f}", flush=True)
    # CPU to this point: of the process (with Argon2id's lanes and any other thread), and of
    # the GUI thread alone, which is what a quiet two-core machine waits for.
    print(f"cpu {time.process_time():.3f} {time.thread_time():.3f}", flush=True)
    walls, cpus = keystrokes(app, window)
    print(f"keystroke {' '.join(f'{v:.3f}' for v in walls)}", flush=True)
    print(f"keystroke_cpu {' '.join(f'{v:.3f}' for v in cpus)}", flush=True)
    scroll_all(app, window)
    print(f"rss {peak_rss_mb():.1f}", flush=True)
    os._exit(0)  # skip PySide6's teardown, which can fault at interpreter exit


def keystrokes(app, window) -> tuple[list[float], list[float]]:  # type: ignore[no-untyped-def]
    """Wall and CPU milliseconds of each keystroke, from the text set to the view repainted.
    The CPU time is what a crowded machine distorts least (the wall time waits for other
    processes too)."""
    samples, cpu = [], []
    box = window.roster.search
    for text in ["z", "zh", "zha", "zhan", "zhang", "", "w", "wa", "wan", "wang", "", "l", "li",
                 "4", "44", "440", "王", "李", "张", "", "c", "ch", "chen", "", "x", "xi"] * 2:
        start, start_cpu = time.perf_counter(), time.process_time()
        box.setText(text)  # as a keystroke does: textChanged starts the (0 ms) debounce timer
        expected = window.roster.current_query()
        while window.roster.model.query != expected:
            app.processEvents()
        app.processEvents()  # the repaint the model reset scheduled
        samples.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    return samples, cpu


def scroll_all(app, window) -> None:  # type: ignore[no-untyped-def]
    table = window.roster.table
    bar = table.verticalScrollBar()
    step = max(1, table.viewport().height() // max(1, table.rowHeight(0)))
    for row in range(0, window.roster.model.total, step):
        table.scrollTo(window.roster.model.index(row, 0))
        table.viewport().repaint()
        if row % (step * 50) == 0:
            app.processEvents()
    bar.setValue(bar.maximum())


def median(values: Iterable[float]) -> float:
    return statistics.median(list(values))


def main() -> None:
    header(f"desktop app: {COUNT} students")
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.db"
        env = {**os.environ, "XUEJI_PASSWORD": PASSWORD, "QT_QPA_PLATFORM": "offscreen",
               "XDG_CONFIG_HOME": tmp}
        # Like a registrar's machine (and the frozen build), the project's modules are compiled
        # once and kept, not compiled again at every start.
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        subprocess.run([sys.executable, "-m", "desktop", "demo", "--db", str(db), "--students",
                        str(COUNT)], check=True, env=env, capture_output=True)
        runs = [run_child(db, env) for _ in range(RUNS)]
    starts = sorted(r["start"] for r in runs)
    samples = [v for r in runs for v in r["keystrokes"]]
    cpu = sorted(v for r in runs for v in r["keystroke_cpu"])
    report(f"cold start to interactive roster: median of {RUNS}", starts[RUNS // 2], "s",
           "<= 0.7 s")
    report("cold start: slowest run", starts[-1], "s")
    report("cold start: CPU of the process, median", median(r["cpu"] for r in runs), "s")
    report("cold start: CPU of the GUI thread, median", median(r["gui_cpu"] for r in runs), "s")
    report("search keystroke to updated view: p50", sorted(samples)[len(samples) // 2], "ms")
    report("search keystroke to updated view: p95", p95(samples), "ms", "<= 20 ms")
    report("the same keystrokes, CPU of the process: p50", cpu[len(cpu) // 2], "ms")
    report("the same keystrokes, CPU of the process: p95", p95(cpu), "ms")
    report("peak resident memory while scrolling all rows", max(r["rss"] for r in runs), "MB",
           "<= 350 MB")
    print(load())


def run_child(db: Path, env: dict[str, str]) -> dict:
    start = time.time()
    out = subprocess.run([sys.executable, __file__, "--child", str(db)], check=True, env=env,
                         capture_output=True, text=True).stdout
    lines = dict(line.split(" ", 1) for line in out.strip().splitlines())
    cpu, gui_cpu = (float(v) for v in lines["cpu"].split())
    return {"start": float(lines["ready"]) - start, "rss": float(lines["rss"]),
            "cpu": cpu, "gui_cpu": gui_cpu,
            "keystrokes": [float(v) for v in lines["keystroke"].split()],
            "keystroke_cpu": [float(v) for v in lines["keystroke_cpu"].split()]}


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        child(sys.argv[2])
    else:
        main()
