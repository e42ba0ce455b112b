"""tools/system_deps.py: which system packages each make target needs, and what it says when
it may not install them. The install itself is exercised in a fresh Debian root
(tests/dist/test_fresh_root.py)."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def deps():
    spec = importlib.util.spec_from_file_location("system_deps", ROOT / "tools" / "system_deps.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def table():
    return tomllib.loads((ROOT / "resources" / "system" / "packages.toml").read_text("utf-8"))


def test_the_test_purpose_brings_what_running_and_packaging_need(deps, table):
    names = [name for name, _ in deps.wanted(["test"], "debian", table)]
    assert {"postgresql", "poppler-utils", "zbar-tools", "fonts-wqy-microhei"} <= set(names)
    assert {"libxcb-icccm4", "libxcb-keysyms1", "libegl1"} <= set(names)  # from `run`
    assert {"binutils", "dpkg-dev", f"libpython{sys.version_info.major}.{sys.version_info.minor}"} \
        <= set(names)  # from `dist`, with the python that runs the check
    assert len(names) == len(set(names))


def test_every_purpose_names_packages_for_both_families(table):
    for name, purpose in table["purpose"].items():
        assert purpose["debian"] and purpose["fedora"], name
        assert purpose["why"] and purpose["why_en"], name


@pytest.mark.parametrize(("text", "family"), [
    ('ID=debian\nVERSION_ID="12"\n', "debian"),
    ('ID=ubuntu\nID_LIKE=debian\n', "debian"),
    ('ID=uos\nVERSION_ID="20"\n', "debian"),
    ('ID=kylin\nID_LIKE="debian"\n', "debian"),
    ('ID="openEuler"\n', "fedora"),
    ('ID=arch\n', None),
])
def test_the_system_family_is_read_from_os_release(deps, tmp_path, text, family):
    release = tmp_path / "os-release"
    release.write_text(text, encoding="utf-8")
    assert deps.os_family(release) == family


def test_a_missing_os_release_is_an_unknown_system(deps, tmp_path):
    assert deps.os_family(tmp_path / "absent") is None


def test_the_refusal_names_the_packages_and_the_one_command(deps, capsys):
    code = deps.refuse([("libxcb-icccm4", "运行程序的界面"), ("postgresql", "运行全部测试")], "debian")
    err = capsys.readouterr().err
    assert code == 2
    assert "缺少系统软件包" in err and "Missing system packages" in err
    assert "sudo apt-get install -y --no-install-recommends libxcb-icccm4 postgresql" in err


def test_an_unknown_purpose_is_refused_with_the_list(deps, capsys):
    assert deps.main(["nonsense"]) == 2
    assert "run, test, dist" in capsys.readouterr().err


def test_the_windows_build_brings_wine_with_its_32_bit_part(deps, table):
    names = [name for name, _ in deps.wanted(["dist-windows"], "debian", table)]
    assert {"wine", "wine64", "wine32:i386", "libwine:i386", "gcc-mingw-w64-x86-64-win32",
            "osslsigncode", "nodejs", "xvfb", "locales"} <= set(names)
    assert deps.architectures(["dist-windows"], table) == ["i386"]
    assert deps.architectures(["test"], table) == []
