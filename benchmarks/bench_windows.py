"""The Windows build from `make dist-windows`: the one-folder size, the installer size, and the time
from launching `xueji-cli.exe --selftest` under Wine to its end, beside Wine's own floors measured
the same way in the same prefix (the build's cached one, which has the shim DLLs Wine 8.0 lacks):

- `wine cmd /c exit`: Wine starting and ending a built-in Windows program;
- the prefix's CPython: `python.exe -c pass`, then `-c "import PySide6.QtCore"`;
- the frozen program: `xueji-cli.exe --version`, then `--selftest`.

wineserver, Wine's services and its desktop process are started once first (`wineserver -p`, then
programs with no standard handles, one of which keeps the desktop up), as on Windows, where the
system and its desktop are up before the program starts; that start is reported on its own.
Each command then gets pipes as its standard handles (Windows Python under Wine needs them).
Besides the wall time, where the kernel's cpuacct cgroup can be made (root on cgroup v1) the CPU
time of each run's processes and of wineserver is reported: the machine is shared, and on a loaded
machine the wall time is several times the CPU time.

Targets: dist/windows/xueji <= 250 MB, installer <= 100 MB, launch to end of self-test <= 2 s.

    python benchmarks/bench_windows.py [runs]
"""

from __future__ import annotations

import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "packaging"))  # project.py
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "packaging" / "windows"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import header, report

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 5
CPUACCT = Path("/sys/fs/cgroup/cpuacct")


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


class CpuMeter:
    """CPU seconds of the processes started in one cpuacct cgroup (None where none can be made)."""

    def __init__(self, name: str) -> None:
        self.folder: Path | None = CPUACCT / f"xueji-bench-{os.getpid()}-{name}"
        try:
            self.folder.mkdir()
        except OSError:
            self.folder = None

    def wrap(self, command: Sequence[str]) -> list[str]:
        if self.folder is None:
            return list(command)
        return ["sh", "-c", f'echo $$ > "{self.folder}/cgroup.procs" && exec "$@"', "sh", *command]

    def seconds(self) -> float | None:
        if self.folder is None:
            return None
        return int((self.folder / "cpuacct.usage").read_text()) / 1e9

    def close(self) -> None:
        if self.folder is not None:
            with contextlib.suppress(OSError):
                self.folder.rmdir()  # only once its processes are gone


class Bench:
    def __init__(self, wine) -> None:  # type: ignore[no-untyped-def]
        self.env = wine.environment()
        self.runs, self.server = CpuMeter("runs"), CpuMeter("server")

    def start_system(self) -> float:
        """wineserver (persistent) and Wine's services, as a booted Windows has them; seconds."""
        subprocess.run(["wineserver", "-k"], env=self.env, check=False)
        subprocess.run(["wineserver", "-w"], env=self.env, check=False)
        start = time.perf_counter()
        subprocess.run(self.server.wrap(["wineserver", "-p"]), env=self.env, check=True)
        # no standard handles: the services it starts would otherwise hold a later run's pipes open
        subprocess.run(self.server.wrap(["wine", "cmd", "/c", "exit"]), env=self.env, check=True,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self._start_desktop()
        return time.perf_counter() - start

    def _start_desktop(self) -> None:
        """Wine's desktop process (explorer.exe /desktop), kept up as Windows keeps its desktop.
        Without it the first Qt GUI library a run loads starts one, which inherits the run's
        pipes and holds them open for a second after the run ends, and after every later run too
        (it leaves a second after its last client): the wall time would count a second the
        program never spends. Started with no standard handles, by a process that asks for the
        desktop window and stays until wineserver is stopped."""
        import prefix

        ready = Path(tempfile.mkdtemp()) / "desktop-ready"
        keeper = ("import ctypes, time; ctypes.windll.user32.GetDesktopWindow(); "
                  f"open(r'Z:{ready}', 'w').close(); time.sleep(3600)")
        subprocess.Popen(self.server.wrap(["wine", prefix.PYTHON, "-c", keeper]), env=self.env,
                         stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not ready.exists():
            if time.monotonic() > deadline:
                raise SystemExit("Wine's desktop did not start within 60 s")
            time.sleep(0.05)

    def stop_system(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, check=False)
        subprocess.run(["wineserver", "-w"], env=self.env, check=False)
        self.runs.close()
        self.server.close()

    def once(self, command: Sequence[str]) -> tuple[float, float | None, float | None]:
        """(wall s, CPU s of the run's processes, CPU s of wineserver and the services)."""
        cpu, server = self.runs.seconds(), self.server.seconds()
        start = time.perf_counter()
        done = subprocess.run(self.runs.wrap(["wine", *command]), env=self.env, input=b"",
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=600, check=False)
        wall = time.perf_counter() - start
        if done.returncode != 0:
            raise SystemExit(f"{' '.join(command)} failed:\n" + done.stdout.decode("utf-8", "replace"))
        after, server_after = self.runs.seconds(), self.server.seconds()
        return (wall, None if cpu is None or after is None else after - cpu,
                None if server is None or server_after is None else server_after - server)

    def measure(self, label: str, command: Sequence[str]) -> float:
        """Report the medians of RUNS runs; return the median wall time."""
        results = [self.once(command) for _ in range(RUNS)]
        wall = statistics.median(r[0] for r in results)
        cpu = [r[1] for r in results if r[1] is not None]
        server = [r[2] for r in results if r[2] is not None]
        extra = (f"CPU {statistics.median(cpu):.2f} s + wineserver {statistics.median(server):.2f} s; "
                 if cpu and server else "")
        report(f"{label}, median of {RUNS}", wall, "s")
        print(f"    {extra}fastest {min(r[0] for r in results):.2f} s; load {os.getloadavg()[0]:.1f}")
        return wall


def main() -> int:
    import prefix
    from layout import APP_DIR, DIST_WINDOWS

    program = APP_DIR / "xueji-cli.exe"
    if not program.is_file():
        print(f"{program} not found: run `make dist-windows` first")
        return 1
    header("Windows build under Wine: size, Wine's floors and the self-test")
    report("dist/windows/xueji size", size_mb(APP_DIR), "MB", "<= 250 MB")
    for setup in sorted(DIST_WINDOWS.glob("xueji-setup-*.exe")):
        report(f"{setup.name} size", setup.stat().st_size / 1e6, "MB", "<= 100 MB")
    bench = Bench(prefix.ready())
    print(f"load average at the start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    try:
        report("wineserver and Wine's services started (once per session)", bench.start_system(), "s")
        floor = bench.measure("floor: wine cmd /c exit", ["cmd", "/c", "exit"])
        bench.measure("floor: python.exe -c pass", [prefix.PYTHON, "-c", "pass"])
        bench.measure("floor: python.exe -c 'import PySide6.QtCore'",
                      [prefix.PYTHON, "-c", "import PySide6.QtCore"])
        bench.measure("xueji-cli.exe --version", [str(program), "--version"])
        selftest = bench.measure("xueji-cli.exe --selftest (target <= 2 s)", [str(program), "--selftest"])
        print(f"    self-test / Wine's floor: {selftest / floor:.0f}x; "
              f"the self-test over the floor: {selftest - floor:.2f} s")
    finally:
        bench.stop_system()
    print(f"load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
