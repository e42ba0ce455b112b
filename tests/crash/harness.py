"""Running crash trials: calibrate an operation, start the child, kill it, collect the outcome.

Two ways to kill, both SIGKILL (no handler, no flush, no atexit — what a crash or a killed
process leaves behind):
- `kill`: the child kills itself at a progress-handler call chosen uniformly between 1 and
  the number of calls the whole operation makes (measured once by a calibration run);
- `timer`: the parent kills the child after a delay chosen uniformly between 0 and 80 % of
  the operation's measured duration, counted from the child's `ready` line (this also lands in
  the parts that are not SQL: Argon2, zip packing, file renames).
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.crash import scenario

ROOT = Path(__file__).resolve().parents[2]
CHILD_TIMEOUT = 180.0


@dataclass(frozen=True)
class Calibration:
    calls: int  # progress-handler calls of the whole operation
    seconds: float  # from `ready` to exit


@dataclass
class Trial:
    op: str
    mode: str  # kill | timer | count
    folder: Path
    kill_at: int | None = None
    delay: float | None = None
    killed: bool = False
    seconds: float = 0.0  # from `ready` to the end of the child
    report: list[str] = field(default_factory=list)

    def label(self) -> str:
        where = f"call {self.kill_at}" if self.mode == "kill" else f"{self.delay or 0:.2f}s"
        return f"{self.op}/{self.mode}@{where} ({self.folder.name})"


def _start(trial: Trial) -> subprocess.Popen:
    args = [sys.executable, "-m", "tests.crash.child", str(trial.folder), trial.op, trial.mode]
    if trial.kill_at is not None:
        args.append(str(trial.kill_at))
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    stderr = (trial.folder / "child.err").open("wb")
    return subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=stderr)


def _wait_ready(process: subprocess.Popen, folder: Path) -> float:
    deadline = time.monotonic() + CHILD_TIMEOUT
    while "ready" not in scenario.read_report(folder):
        if process.poll() is not None or time.monotonic() > deadline:
            break
        time.sleep(0.005)
    return time.monotonic()


def run(trial: Trial) -> Trial:
    """Run one child to its end or its kill; raise if it failed any other way."""
    process = _start(trial)
    ready_at = _wait_ready(process, trial.folder)
    if trial.mode == "timer" and trial.delay is not None:
        time.sleep(max(0.0, ready_at + trial.delay - time.monotonic()))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
    code = process.wait(timeout=CHILD_TIMEOUT)
    trial.seconds = time.monotonic() - ready_at
    trial.killed = code == -signal.SIGKILL
    trial.report = scenario.read_report(trial.folder)
    if code not in (0, -signal.SIGKILL):
        errors = (trial.folder / "child.err").read_text("utf-8", "replace")[-3000:]
        raise AssertionError(f"{trial.label()}: child exited {code}\n{errors}")
    if code == 0 and not any(line.startswith("done") for line in trial.report):
        raise AssertionError(f"{trial.label()}: child ended without finishing")
    return trial


def calibrate(template: Path, workdir: Path, op: str) -> Calibration:
    folder = scenario.copy_template(template, workdir / f"calibrate-{op}").parent
    trial = run(Trial(op, "count", folder))
    done = next(line for line in trial.report if line.startswith("done"))
    return Calibration(int(done.split()[1]), trial.seconds)


def plan(op: str, mode: str, calibration: Calibration, rng: random.Random,
         folder: Path) -> Trial:
    """A trial of `op` killed at a random point of the operation."""
    if mode == "kill" and calibration.calls > 0:
        return Trial(op, "kill", folder, kill_at=rng.randint(1, calibration.calls))
    # the child's last moments (locking, exiting) are not the operation: aim inside it
    return Trial(op, "timer", folder, delay=rng.uniform(0.0, 0.8 * calibration.seconds))
