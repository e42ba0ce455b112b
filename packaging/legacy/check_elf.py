"""The symbol versions every ELF file of a package or folder needs, read with `objdump -T`,
against what the oldest supported system provides: glibc 2.28 (UOS 20) and the C++ runtime
of GCC 8 (UOS 20's libstdc++6: GLIBCXX_3.4.25, CXXABI_1.3.11; Kylin V10 has newer).

    python check_elf.py dist/legacy/xueji_0.1.0_amd64.deb   # or a folder
prints the highest version of each kind and the file needing it, and exits 1 if any file needs
more than the limit.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

LIMITS = {"GLIBC": (2, 28), "GLIBCXX": (3, 4, 25), "CXXABI": (1, 3, 11)}
VERSION = re.compile(r"\((GLIBC|GLIBCXX|CXXABI)_(\d+(?:\.\d+)*)\)")


def _key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


@dataclass
class Report:
    files: int = 0
    highest: dict[str, tuple[tuple[int, ...], str]] = field(default_factory=dict)  # kind -> (version, file)
    too_new: list[str] = field(default_factory=list)

    def add(self, kind: str, version: tuple[int, ...], name: str) -> None:
        if kind not in self.highest or version > self.highest[kind][0]:
            self.highest[kind] = (version, name)
        if version > LIMITS[kind]:
            self.too_new.append(f"{name}: {kind}_{'.'.join(map(str, version))}")

    def lines(self) -> list[str]:
        out = [f"{self.files} ELF files checked"]
        for kind, (version, name) in sorted(self.highest.items()):
            limit = ".".join(map(str, LIMITS[kind]))
            out.append(f"highest {kind}_{'.'.join(map(str, version))} (limit {limit}) in {name}")
        return out


def is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def needed_versions(path: Path) -> set[tuple[str, tuple[int, ...]]]:
    """(kind, version) of every undefined (imported) dynamic symbol of one file."""
    dump = subprocess.run(["objdump", "-T", str(path)], capture_output=True, text=True, check=True)
    imported = "\n".join(line for line in dump.stdout.splitlines() if "*UND*" in line)
    return {(kind, _key(text)) for kind, text in VERSION.findall(imported)}


def check_folder(folder: Path) -> Report:
    report = Report()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and not path.is_symlink() and is_elf(path):
            report.files += 1
            for kind, version in needed_versions(path):
                report.add(kind, version, str(path.relative_to(folder)))
    return report


def check(target: Path) -> Report:
    """Check a folder, or a .deb unpacked with dpkg -x."""
    if target.is_dir():
        return check_folder(target)
    with tempfile.TemporaryDirectory() as scratch:
        subprocess.run(["dpkg-deb", "-x", str(target), scratch], check=True)
        return check_folder(Path(scratch))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="a .deb or a folder")
    report = check(parser.parse_args(argv).target)
    print("\n".join(report.lines()))
    if report.too_new:
        print("too new for UOS 20 / Kylin V10:\n  " + "\n  ".join(sorted(report.too_new)[:40]))
        return 1
    if report.files == 0 or "GLIBC" not in report.highest:
        print("no ELF file found")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
