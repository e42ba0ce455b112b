"""Crash safety: a child process doing real work on a real encrypted database is SIGKILLed at
a random moment; afterwards the database opens, passes every integrity check, holds each
operation whole or not at all, and keeps every commit the child reported before the kill.

Short profile (every `make test`): each operation once killed at a random progress call and
once by a timer. Long profile (`make test-long`, XUEJI_LONG=1): XUEJI_CRASH_TRIALS trials
(default 120) spread over the operations. XUEJI_CRASH_SEED fixes the random choices.
"""

from __future__ import annotations

import os
import random
import signal
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.crash import checks, harness, scenario

LONG = os.environ.get("XUEJI_LONG") == "1"
SEED = int(os.environ.get("XUEJI_CRASH_SEED", "20261126"))
LONG_TRIALS = int(os.environ.get("XUEJI_CRASH_TRIALS", "120"))
WORKERS = int(os.environ.get("XUEJI_CRASH_WORKERS", "2"))

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("crash")


@pytest.fixture(scope="module")
def template(workdir: Path) -> Path:
    return scenario.build_template(workdir / "template")


@pytest.fixture(scope="module")
def base(template: Path) -> checks.Baseline:
    return checks.baseline(template)


@pytest.fixture(scope="module")
def calibrations(template: Path, workdir: Path) -> dict[str, harness.Calibration]:
    """How many progress calls and seconds each whole operation takes (run in parallel)."""
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        measured = pool.map(lambda op: harness.calibrate(template, workdir, op), scenario.OPERATIONS)
        return dict(zip(scenario.OPERATIONS, measured, strict=True))


def _run_and_verify(trial: harness.Trial, base: checks.Baseline) -> harness.Trial:
    harness.run(trial)
    try:
        checks.verify(trial, base)
    except AssertionError as exc:
        raise AssertionError(f"{trial.label()} seed {SEED}: {exc}\nreport: {trial.report}") from exc
    return trial


def run_trials(trials: list[harness.Trial], base: checks.Baseline) -> list[harness.Trial]:
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        return list(pool.map(lambda t: _run_and_verify(t, base), trials))


def summary(done: list[harness.Trial]) -> str:
    """Per operation: killed / trials, for the kill-point and the timer trials."""
    outcome = Counter((t.op, t.mode, t.killed) for t in done)
    parts = []
    for op in dict.fromkeys(t.op for t in done):
        modes = [f"{mode} {outcome[op, mode, True]}/{outcome[op, mode, True] + outcome[op, mode, False]}"
                 for mode in ("kill", "timer") if outcome[op, mode, True] + outcome[op, mode, False]]
        parts.append(f"{op}: " + ", ".join(modes))
    killed = sum(t.killed for t in done)
    return f"{len(done)} trials ({killed} killed mid-operation), seed {SEED} — " + "; ".join(parts)


@pytest.mark.parametrize("op", scenario.OPERATIONS)
def test_short_profile(op: str, template: Path, base: checks.Baseline, workdir: Path,
                       calibrations: dict[str, harness.Calibration]) -> None:
    rng = random.Random(f"{SEED}-{op}")
    trials = [harness.plan(op, mode, calibrations[op], rng,
                           scenario.copy_template(template, workdir / f"{op}-{mode}").parent)
              for mode in ("kill", "timer")]
    done = run_trials(trials, base)
    print(summary(done))
    assert len(done) == 2


@pytest.mark.slow
@pytest.mark.timeout(3600)
@pytest.mark.skipif(not LONG, reason="long profile: make test-long (XUEJI_LONG=1)")
def test_long_profile(template: Path, base: checks.Baseline, workdir: Path,
                      calibrations: dict[str, harness.Calibration]) -> None:
    rng = random.Random(SEED)
    trials = []
    for number in range(LONG_TRIALS):
        op = scenario.OPERATIONS[number % len(scenario.OPERATIONS)]
        mode = "kill" if number // len(scenario.OPERATIONS) % 2 == 0 else "timer"
        folder = scenario.copy_template(template, workdir / "long" / f"trial-{number:04d}").parent
        trials.append(harness.plan(op, mode, calibrations[op], rng, folder))
    done = run_trials(trials, base)
    line = summary(done)
    print(line)
    (workdir / "long-summary.txt").write_text(line + "\n", encoding="utf-8")
    assert len(done) == LONG_TRIALS
