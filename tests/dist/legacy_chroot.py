"""A Debian 11 root made by packaging/legacy/chroot.sh (cached tarball), unpacked into a
scratch folder with /proc, /dev and /sys mounted, to install and run the legacy package the way
a registrar's machine would. Needs root (chroot, mount).

The legacy tests and benchmarks/bench_legacy.py use it. Where something it needs is missing,
`require` skips on a developer's machine and fails under CI (CI=true), so CI never passes
without having run them.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
LEGACY_DIST = ROOT / "dist" / "legacy"
CHROOT_SCRIPT = ROOT / "packaging" / "legacy" / "chroot.sh"
CACHE = Path(os.environ.get("XUEJI_CACHE", Path.home() / ".cache" / "xueji-build"))
ENV = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "HOME": "/root",
       "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "DEBIAN_FRONTEND": "noninteractive"}
MOUNTS = (("proc", ("-t", "proc", "proc")), ("sys", ("--bind", "/sys")), ("dev", ("--bind", "/dev")))


def load(relative: str) -> ModuleType:
    """A script of packaging/ by its path (they are not a package; their folder is not put on
    sys.path for good, where `build.py` would shadow other modules)."""
    path = ROOT / "packaging" / relative
    sys.path[:0] = [str(path.parent), str(ROOT / "packaging")]
    try:
        spec = importlib.util.spec_from_file_location(f"xueji_packaging_{path.stem}", path)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        return module
    finally:
        del sys.path[:2]


def require(ok: bool, why: str) -> None:
    """Skip with `why` unless `ok`; under CI a missing prerequisite is a failure."""
    if ok:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI cannot run the legacy package test: {why}")
    pytest.skip(why)


def missing_prerequisite() -> str | None:
    """Why the chroot cannot be used here, or None."""
    if not sys.platform.startswith("linux"):
        return "the Debian 11 chroot needs Linux"
    if os.geteuid() != 0:
        return "the Debian 11 chroot needs root (chroot, mount)"
    for tool in ("chroot", "mount", "tar", "dpkg-deb"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    return None


def tarball() -> Path:
    """The cached Debian 11 root; made by chroot.sh when missing (debootstrap, a few minutes)."""
    done = subprocess.run([str(CHROOT_SCRIPT)], capture_output=True, text=True, timeout=1800,
                          check=False)
    if done.returncode != 0:
        pytest.fail(f"packaging/legacy/chroot.sh failed:\n{done.stderr[-3000:]}")
    return Path(done.stdout.strip().splitlines()[-1])


class Chroot:
    """One unpacked root. Use as a context manager: mounts on entry, unmounts on exit and
    deletes the folder only once nothing is mounted below it any more."""

    def __init__(self, tar: Path, folder: Path) -> None:
        self.root = folder / "bullseye"
        self.tar = tar

    def __enter__(self) -> Chroot:
        self.root.mkdir(parents=True)
        subprocess.run(["tar", "-xzf", str(self.tar), "-C", str(self.root)], check=True, timeout=600)
        for target, args in MOUNTS:
            subprocess.run(["mount", *args, str(self.root / target)], check=True)
        archives = CACHE / "apt-bullseye"  # downloaded dependencies, kept between runs
        (archives / "partial").mkdir(parents=True, exist_ok=True)
        subprocess.run(["mount", "--bind", str(archives), str(self.root / "var/cache/apt/archives")],
                       check=True)
        return self

    def __exit__(self, *_: object) -> None:
        for target in ("var/cache/apt/archives", "dev", "sys", "proc"):
            subprocess.run(["umount", "-l", str(self.root / target)], check=False)
        if not self._mounted():
            shutil.rmtree(self.root, ignore_errors=True)

    def _mounted(self) -> list[str]:
        prefix = str(self.root.resolve()) + "/"
        with open("/proc/mounts", encoding="utf-8") as mounts:
            return [line.split()[1] for line in mounts if line.split()[1].startswith(prefix)]

    def path(self, inside: str) -> Path:
        """The host path of a path inside the root."""
        return self.root / inside.lstrip("/")

    def run(self, script: str, timeout: int = 600, **env: str) -> subprocess.CompletedProcess[str]:
        """Run a shell script inside the root; the exit code is for the caller to judge."""
        return subprocess.run(["chroot", str(self.root), "/bin/sh", "-c", script],
                              env={**ENV, **env}, capture_output=True, text=True,
                              encoding="utf-8", errors="replace", timeout=timeout, check=False)

    def install(self, deb: Path) -> subprocess.CompletedProcess[str]:
        """dpkg -i the package, then apt-get -f install its declared dependencies."""
        shutil.copy(deb, self.path("/tmp/xueji.deb"))
        return self.run("dpkg -i /tmp/xueji.deb >/tmp/dpkg.log 2>&1; cat /tmp/dpkg.log; "
                        "apt-get -f install -y -q --no-install-recommends")


def xwd_to_png(xwd: Path, png: Path) -> None:
    """Convert the screen dump of `xwd -root` on Xvfb's 24-bit TrueColor screen to PNG: pixels
    of 4 bytes, least significant first (blue, green, red, unused). Xvfb's header calls them
    24 bits a pixel, so netpbm's xwdtopnm reads them wrongly and draws a black picture."""
    from PIL import Image

    data = xwd.read_bytes()
    fields = struct.unpack(">25I", data[:100])
    header_size, depth, width, height, byte_order = fields[0], fields[3], fields[4], fields[5], fields[7]
    bytes_per_line, visual, masks, colours = fields[12], fields[13], fields[14:17], fields[19]
    if (depth, byte_order, visual, masks, bytes_per_line) != (24, 0, 5, (0xFF0000, 0xFF00, 0xFF), 4 * width):
        raise ValueError(f"unexpected XWD layout: {fields[:17]}")
    start = header_size + colours * 12  # after the window name and the colour map
    pixels = data[start:start + bytes_per_line * height]
    Image.frombuffer("RGB", (width, height), pixels, "raw", "BGRX", bytes_per_line, 1).save(png)
