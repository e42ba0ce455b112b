"""The legacy package from `make dist-legacy` (glibc 2.28): its sizes, the highest symbol
versions its ELF files need, and the time from launching the installed program to the unlock
window under Xvfb inside the Debian 11 root of tests/dist (needs root).

Targets: dist/legacy/xueji <= 250 MB, the .deb <= 100 MB, GLIBC <= 2.28, launch <= 2 s.

    python benchmarks/bench_legacy.py [runs]
"""

from __future__ import annotations

import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import header, report
from tests.dist.legacy_chroot import LEGACY_DIST, Chroot, load, missing_prerequisite, tarball

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 5
PASSWORD = "Bench-pass-1"
# One launch: prints "<start> <unlock window shown>" (both from the same clock).
LAUNCH = """s=$(date +%s.%N)
XUEJI_EXIT_AT_UNLOCK=1 xueji --db /root/学籍.db | sed -n "s/^unlock-shown /$s /p"
"""


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def launches(deb: Path) -> list[float]:
    """Seconds from launch to the unlock window, RUNS times, in a fresh Debian 11 root."""
    with tempfile.TemporaryDirectory(prefix="xueji-bench-legacy-") as folder, \
            Chroot(tarball(), Path(folder)) as root:
        installed = root.install(deb)
        made = root.run(f"XUEJI_PASSWORD={PASSWORD} xueji init --db /root/学籍.db --school-code 4406040001 "
                        "--school-name 基准测试小学 --user 管理员")
        if made.returncode != 0:
            raise SystemExit(installed.stdout[-2000:] + made.stdout + made.stderr)
        root.path("/root/launch.sh").write_text(LAUNCH * RUNS, encoding="utf-8")
        run = root.run("xvfb-run -a -s '-screen 0 1366x768x24' sh /root/launch.sh")
        times = [float(b) - float(a) for a, b in re.findall(r"^(\d+\.\d+) (\d+\.\d+)$", run.stdout, re.M)]
        if len(times) != RUNS:
            raise SystemExit(f"the app did not report the unlock window:\n{run.stdout}{run.stderr}")
        return times


def main() -> int:
    debs = sorted(LEGACY_DIST.glob("xueji_*_amd64.deb"))
    if not debs:
        print("dist/legacy/xueji_*_amd64.deb not found: run `make dist-legacy` first")
        return 1
    header("legacy package (glibc 2.28): sizes, symbol versions, launch in Debian 11")
    report("dist/legacy/xueji size", size_mb(LEGACY_DIST / "xueji"), "MB", "<= 250 MB")
    report(f"{debs[-1].name} size", debs[-1].stat().st_size / 1e6, "MB", "<= 100 MB")
    for line in load("legacy/check_elf.py").check(debs[-1]).lines():
        print(line)
    why = missing_prerequisite()
    if why:
        print(f"launch not measured: {why}")
        return 0
    shown = launches(debs[-1])
    report("launch to unlock window (Xvfb, Debian 11 root), first run", shown[0], "s", "<= 2 s")
    report(f"launch to unlock window, median of {len(shown)}", statistics.median(shown), "s", "<= 2 s")
    report("launch to unlock window, slowest", max(shown), "s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
