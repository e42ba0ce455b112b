"""The legacy build's recipe, checked without building: PySide6 pinned below 6.10 and the
server-only dependencies left out, the host's C++ runtime and Kerberos libraries left out of
the folder and declared instead, the ELF check failing on a binary built for a newer glibc,
and CI building the package before the tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.dist.conftest import ROOT
from tests.dist.legacy_chroot import load

LEGACY = ROOT / "packaging" / "legacy"
bundle_filter = load("bundle_filter.py")
check_elf = load("legacy/check_elf.py")
requirements = load("legacy/requirements.py")


def test_pyside6_is_pinned_below_6_10() -> None:
    wanted = requirements.requirements()
    pyside = [line for line in wanted if line.lower().startswith("pyside6")]
    assert pyside == ["PySide6==6.9.3"]
    major, minor, _ = (int(n) for n in pyside[0].split("==")[1].split("."))
    assert (major, minor) < (6, 10)


def test_every_dependency_and_pyinstaller_are_in() -> None:
    names = {requirements._name(line) for line in requirements.requirements()}
    # fastapi too: it brings pydantic, which the desk's sync protocol imports
    assert {"pyinstaller", "sqlcipher3", "reportlab", "cryptography", "fastapi"} <= names


@pytest.mark.parametrize("name", ["libstdc++.so.6", "libgcc_s.so.1", "libzstd.so.1",
                                  "libgssapi_krb5.so.2", "libkrb5.so.3"])
def test_legacy_build_leaves_the_hosts_runtime_libraries_out(name: str) -> None:
    binaries = [(name, f"/usr/lib/x86_64-linux-gnu/{name}", "BINARY"),
                ("libpython3.11.so.1.0", "/x/libpython3.11.so.1.0", "BINARY")]
    assert [e[0] for e in bundle_filter.without_system_libraries(binaries, legacy=True)] == \
        ["libpython3.11.so.1.0"]
    kept = [e[0] for e in bundle_filter.without_system_libraries(binaries)]
    assert "libpython3.11.so.1.0" in kept  # the host build is unchanged: dropped only if unused


def test_left_out_libraries_are_declared_as_dependencies() -> None:
    source = (LEGACY / "build.py").read_text(encoding="utf-8")
    for package in ("libstdc++6", "libgcc-s1 | libgcc1", "libzstd1", "libgssapi-krb5-2"):
        assert f'"{package}"' in source


@pytest.mark.skipif(shutil.which("objdump") is None, reason="objdump (binutils) is not installed")
def test_elf_check_fails_on_a_binary_built_for_a_newer_glibc(tmp_path: Path) -> None:
    host = Path(shutil.which("ls") or "/bin/ls").resolve()
    shutil.copy(host, tmp_path / "ls")
    report = check_elf.check_folder(tmp_path)
    assert report.files == 1
    if report.highest["GLIBC"][0] <= check_elf.LIMITS["GLIBC"]:
        pytest.skip("this machine's ls needs no glibc newer than 2.28")  # an old build machine
    assert report.too_new and report.too_new[0].startswith("ls: GLIBC_2.")
    assert check_elf.main([str(tmp_path)]) == 1


def test_elf_check_passes_a_folder_within_the_limits(tmp_path: Path) -> None:
    report = check_elf.Report()
    report.add("GLIBC", (2, 28), "a.so")
    report.add("GLIBCXX", (3, 4, 21), "b.so")
    report.add("CXXABI", (1, 3, 11), "b.so")
    assert not report.too_new
    assert report.lines()[1:] == ["highest CXXABI_1.3.11 (limit 1.3.11) in b.so",
                                  "highest GLIBC_2.28 (limit 2.28) in a.so",
                                  "highest GLIBCXX_3.4.21 (limit 3.4.25) in b.so"]
    report.add("GLIBCXX", (3, 4, 26), "c.so")
    assert report.too_new == ["c.so: GLIBCXX_3.4.26"]


def test_ci_builds_the_legacy_package_before_the_tests() -> None:
    lines = [line.split("#")[0].strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert lines.index("make dist-legacy") < lines.index("make test")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = ("\ndist-legacy: deps-dist-legacy setup\n"
              "\tPYTHON=$(CURDIR)/$(BIN)/python packaging/legacy/build.sh")
    assert recipe in makefile
