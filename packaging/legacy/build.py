"""Step 3 of `make dist-legacy` (build.sh runs it with the glibc 2.28 Python and PySide6 6.9):
the one-folder build dist/legacy/xueji/ from packaging/xueji.spec, the package
dist/legacy/xueji_<version>_amd64.deb from packaging/deb.py, then the checks: every ELF file
of the package within glibc 2.28 and GCC 8's C++ runtime (check_elf.py), and the frozen
program's --selftest.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import deb  # noqa: E402  (packaging/ is put on the path just above)
from check_elf import check  # noqa: E402
from project import ROOT, checked_version  # noqa: E402

SPEC = ROOT / "packaging" / "xueji.spec"
DIST = ROOT / "dist" / "legacy"
APP_DIR = DIST / "xueji"
WORK = ROOT / "build" / "legacy"
# Left out of the folder (they need glibc 2.33+ as built on the build machine); the target
# system's own copies are new enough: UOS 20 has GCC 8's, Kylin V10 GCC 9's.
EXTRA_DEPENDS = ("libstdc++6", "libgcc-s1 | libgcc1", "libzstd1", "libgssapi-krb5-2")


def freeze(version: str) -> Path:
    env = {**os.environ, "XUEJI_VERSION": version, "XUEJI_TARGET": "legacy"}
    subprocess.run([sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
                    "--distpath", str(DIST), "--workpath", str(WORK / "pyinstaller"), str(SPEC)],
                   check=True, cwd=ROOT, env=env)
    program = APP_DIR / "xueji"
    if not program.is_file():
        raise SystemExit(f"PyInstaller finished but {program} is missing")
    return program


def selftest(program: Path) -> None:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "HOME": home, "TMPDIR": home, "QT_QPA_PLATFORM": "offscreen"}
        done = subprocess.run([str(program), "--selftest"], env=env, capture_output=True,
                              text=True, timeout=300, check=False)
    if done.returncode != 0:
        raise SystemExit("self-test failed:\n" + done.stdout + done.stderr)
    print(done.stdout.splitlines()[-1])


def size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink()) / 1e6


def main() -> int:
    version = checked_version()
    start = time.monotonic()
    program = freeze(version)
    print(f"built {APP_DIR} ({size_mb(APP_DIR):.0f} MB) in {time.monotonic() - start:.0f} s")
    package = deb.build(version, app_dir=APP_DIR, out_dir=DIST, extra_depends=EXTRA_DEPENDS,
                        work=WORK)
    print(f"built {package} ({package.stat().st_size / 1e6:.0f} MB)")
    report = check(package)
    print("\n".join(report.lines()))
    if report.too_new:
        print("too new for UOS 20 / Kylin V10:\n  " + "\n  ".join(sorted(report.too_new)[:40]))
        return 1
    selftest(program)
    return 0


if __name__ == "__main__":
    sys.exit(main())
