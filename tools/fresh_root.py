"""A fresh Debian 12 minimal root, as a newcomer's machine: `debootstrap --variant=minbase
bookworm` with only python3, python3-venv, make, git and ca-certificates added. Built once and
kept as a tarball under ~/.cache/xueji-build/; each use unpacks a new copy.

    python3 tools/fresh_root.py [--keep]     clone this repository into a fresh root and
                                             time `make test`, `make run ARGS=--selftest`
                                             and the window under Xvfb there

Used by tests/dist/test_fresh_root.py for the message path (no Qt libraries, not root).
Needs root (chroot, mount) and debootstrap; standard library only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CACHE = Path.home() / ".cache" / "xueji-build"
SUITE = "bookworm"
BASE = ("python3", "python3-venv", "make", "git", "ca-certificates")
MIRROR = "http://deb.debian.org/debian"
TARBALL = CACHE / f"debian-{SUITE}-minbase.tar"
BINDS = ("dev", "dev/pts", "proc", "sys")
NETWORK_FILES = ("/etc/resolv.conf", "/etc/ssl/certs/ca-certificates.crt", "/etc/pip.conf")


def tarball() -> Path:
    """The cached minimal root, made with debootstrap when missing."""
    if TARBALL.is_file():
        return TARBALL
    CACHE.mkdir(parents=True, exist_ok=True)
    build = Path(tempfile.mkdtemp(prefix="xueji-debootstrap-", dir=CACHE))
    try:
        subprocess.run(["debootstrap", "--variant=minbase", f"--include={','.join(BASE)}",
                        SUITE, str(build), MIRROR], check=True, stdout=subprocess.DEVNULL)
        for package in (build / "var" / "cache" / "apt" / "archives").glob("*.deb"):
            package.unlink()
        build.chmod(0o755)  # the root's "." in the tarball: mkdtemp made it 0700
        partial = TARBALL.with_suffix(".partial")
        subprocess.run(["tar", "-C", str(build), "-cf", str(partial), "."], check=True)
        partial.replace(TARBALL)
    finally:
        shutil.rmtree(build, ignore_errors=True)
    return TARBALL


class FreshRoot:
    """An unpacked copy of the minimal root with /dev, /proc and /sys bound in."""

    def __init__(self) -> None:
        self.path = Path(tempfile.mkdtemp(prefix="xueji-fresh-"))
        subprocess.run(["tar", "-C", str(self.path), "-xf", str(tarball())], check=True)
        # a root others may enter: the tests run programs in it as nobody, and a tarball made
        # from a mkdtemp folder (0700) gives the unpacked root that mode
        self.path.chmod(0o755)
        self.copy_network_settings()
        self.mounted: list[Path] = []
        for name in BINDS:
            target = self.path / name
            target.mkdir(parents=True, exist_ok=True)
            subprocess.run(["mount", "--bind", f"/{name}", str(target)], check=True)
            self.mounted.append(target)

    def copy_network_settings(self) -> None:
        """This machine's way out: its resolver, its trusted certificates (a network may
        inspect TLS with its own authority) and its pip settings."""
        for name in NETWORK_FILES:
            source = Path(name)
            if source.is_file():
                target = self.path / name.lstrip("/")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy(source, target)
        local = self.path / "usr" / "local" / "share" / "ca-certificates"
        local.mkdir(parents=True, exist_ok=True)  # kept when the root's apt renews the bundle
        shutil.copy(NETWORK_FILES[1], local / "this-machine.crt")

    def bind(self, source: Path, inside: str, read_only: bool = True) -> None:
        """Make a host folder visible inside the root (read-only unless asked)."""
        target = self.path / inside.lstrip("/")
        target.mkdir(parents=True, exist_ok=True)
        subprocess.run(["mount", "--bind", str(source), str(target)], check=True)
        self.mounted.append(target)
        if read_only:
            subprocess.run(["mount", "-o", "remount,bind,ro", str(target)], check=True)

    def run(self, command: str, user: str | None = None, env: dict[str, str] | None = None,
            timeout: float = 3600) -> subprocess.CompletedProcess[str]:
        """A shell command inside the root, as root or as `user`, with a clean environment."""
        base = {"PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                "HOME": "/root" if user is None else "/tmp", "LANG": "C.UTF-8"}
        who = [f"--userspec={user}"] if user else []
        argv = ["chroot", *who, str(self.path), "/usr/bin/env", "-i",
                *[f"{key}={value}" for key, value in {**base, **(env or {})}.items()],
                "/bin/sh", "-c", command]
        return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)

    def close(self) -> None:
        for target in reversed(self.mounted):
            subprocess.run(["umount", "-l", str(target)], check=False)
        shutil.rmtree(self.path, ignore_errors=True)

    def __enter__(self) -> FreshRoot:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


WINDOW_CHECK = (
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication\n"
    "import desktop.app as app\n"
    "qt = QApplication(['xueji'])\n"
    "def report():\n"
    "    print('WINDOWS', [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible()])\n"
    "    QApplication.quit()\n"
    "QTimer.singleShot(4000, report)\n"
    "raise SystemExit(app.main(['--db', '/tmp/none/xueji.db']))\n"
)


def timed(root: FreshRoot, label: str, command: str, **kwargs: object) -> None:
    started = time.monotonic()
    done = root.run(command, **kwargs)  # type: ignore[arg-type]  # keyword pass-through
    seconds = time.monotonic() - started
    lines = 8 if done.returncode == 0 else 80
    tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-lines:])
    print(f"{label}: rc {done.returncode} in {seconds:.0f} s\n{tail}\n", flush=True)
    if done.returncode != 0:
        raise SystemExit(f"{label} failed")


def newcomer(repo: Path, keep: bool) -> None:
    """A clean clone in a fresh root, then the README's commands, each timed."""
    root = FreshRoot()
    try:
        subprocess.run(["git", "clone", "--quiet", str(repo), str(root.path / "src")], check=True)
        timed(root, "make test", "cd /src && make test")
        timed(root, "make run ARGS=--selftest", "cd /src && make run ARGS=--selftest")
        script = root.path / "tmp" / "window_check.py"
        script.write_text(WINDOW_CHECK, encoding="utf-8")
        timed(root, "window under Xvfb",
              "cd /src && xvfb-run -a -s '-screen 0 1366x768x24' .venv/bin/python /tmp/window_check.py")
    finally:
        if keep:
            print(f"kept {root.path}")
        else:
            root.close()


if __name__ == "__main__":
    if os.geteuid() != 0:
        sys.exit("needs root (chroot, mount)")
    newcomer(Path(__file__).resolve().parents[1], "--keep" in sys.argv)
