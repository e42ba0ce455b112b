"""Helpers shared by the benchmarks: machine description, timing, percentiles, output."""

from __future__ import annotations

import datetime as dt
import os
import platform
import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}"


def header(title: str) -> None:
    print(f"== {title} ==")
    print(f"machine: {machine()}")
    print(f"date: {dt.datetime.now():%Y-%m-%d %H:%M}")


@contextmanager
def timed(label: str, results: dict[str, float]):
    start = time.perf_counter()
    yield
    results[label] = time.perf_counter() - start


def latencies_ms(action: Callable[[str], object], inputs: list[str]) -> list[float]:
    out = []
    for item in inputs:
        start = time.perf_counter()
        action(item)
        out.append((time.perf_counter() - start) * 1000)
    return out


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def report(label: str, value: float, unit: str, target: str = "") -> None:
    suffix = f"   (target {target})" if target else ""
    print(f"{label:<48} {value:>10.2f} {unit}{suffix}")


def load() -> str:
    """The 1-minute load average, printed beside each figure (the machine may be shared)."""
    return f"load {os.getloadavg()[0]:.1f}"


class Clock:
    """Wall and CPU seconds of one block: `with Clock() as c: ...; c.wall, c.cpu`."""

    def __enter__(self) -> Clock:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu


def report_ratio(label: str, measured: Clock, floor: Clock, target: float) -> None:
    """A figure with its floor from the same run: wall seconds, the wall and CPU ratios, the
    target ratio and the load average."""
    wall, cpu = measured.wall / floor.wall, measured.cpu / max(floor.cpu, 1e-9)
    status = "met" if cpu <= target else "NOT met"  # CPU: what a shared machine distorts least
    print(f"{label:<48} {measured.wall:>8.2f} s   floor {floor.wall:.2f} s   "
          f"ratio {wall:.2f}x (cpu {cpu:.2f}x)   target <= {target:g}x {status}   {load()}")
