"""The Debian package: its control fields, and the program it installs, unpacked into a
scratch root with `dpkg -x` and run from there (--selftest, --version)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from tests.dist.conftest import deb_architecture, run_program


@pytest.fixture(scope="module")
def root(deb_file: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("debroot")
    subprocess.run(["dpkg", "-x", str(deb_file), str(target)], check=True, timeout=300)
    return target


def _field(deb_file: Path, name: str) -> str:
    return subprocess.run(["dpkg-deb", "-f", str(deb_file), name], capture_output=True, text=True,
                          check=True).stdout.strip()


def test_control_fields(deb_file: Path, version: str) -> None:
    assert _field(deb_file, "Package") == "xueji"
    assert _field(deb_file, "Version") == version
    assert _field(deb_file, "Architecture") == deb_architecture()
    assert "<" in _field(deb_file, "Maintainer")
    depends = _field(deb_file, "Depends")
    for package in ("libc6 (>= 2.", "libegl1", "libgl1", "libxkbcommon0", "libfontconfig1",
                    "libdbus-1-3", "libxcb-cursor0"):
        assert package in depends


def test_program_symlink_menu_entry_icon_and_file_type(root: Path) -> None:
    assert (root / "opt/xueji/xueji").is_file()
    assert os.readlink(root / "usr/bin/xueji") == "/opt/xueji/xueji"
    entry = (root / "usr/share/applications/xueji.desktop").read_text(encoding="utf-8")
    assert "Name=学籍管理" in entry and "Categories=Office;Education;" in entry
    assert (root / "usr/share/icons/hicolor/256x256/apps/xueji.png").is_file()
    mime = (root / "usr/share/mime/packages/xueji.xml").read_text(encoding="utf-8")
    assert 'type="application/x-xueji-bundle"' in mime and "*.xjb" in mime


def test_installed_program_passes_its_selftest(root: Path, tmp_path: Path) -> None:
    env = {**os.environ, "HOME": str(tmp_path), "TMPDIR": str(tmp_path)}
    out = run_program(root / "opt/xueji/xueji", "--selftest", env=env)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert lines[-1] == "自检通过。"
    assert any(line.startswith("✓ 加密数据库（SQLCipher）") for line in lines)
    assert any(line.startswith("✓ PDF 打印与内嵌字体") for line in lines)
    assert any(line.startswith("✓ Qt 界面库与中文翻译") for line in lines)
    assert list(tmp_path.iterdir()) == []  # the temporary database is gone


def test_installed_program_reports_the_pyproject_version(root: Path, version: str) -> None:
    out = run_program(root / "opt/xueji/xueji", "--version")
    assert out.returncode == 0
    assert out.stdout.strip() == f"xueji {version}"
