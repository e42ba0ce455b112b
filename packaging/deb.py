"""The Debian package dist/xueji_<version>_<arch>.deb (UOS, Kylin, Debian, Ubuntu): the
one-folder build under /opt/xueji, /usr/bin/xueji, a menu entry, icons and the .xjb file type.

The desktop database, the MIME database and the icon cache are refreshed by the dpkg triggers
of desktop-file-utils, shared-mime-info and the icon theme, so the package has no scripts.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from PIL import Image
from project import APP_DIR, DIST, ROOT, WORK, deb_architecture

LINUX = Path(__file__).resolve().parent / "linux"
ICON = ROOT / "resources" / "icons" / "xueji.png"
ICON_SIZES = (48, 128, 256)
MAINTAINER = "学籍管理（离线版）维护组 <maintainers@xueji.invalid>"
# What the bundled Qt needs from the system (X11/Wayland, OpenGL, fonts, D-Bus, printing);
# libc6 gets the lowest version that every bundled binary accepts, found at build time.
DEPENDS = (
    "libglib2.0-0", "libegl1", "libgl1", "libopengl0", "libfontconfig1", "libfreetype6",
    "libdbus-1-3", "libxkbcommon0", "libxkbcommon-x11-0", "libx11-6", "libx11-xcb1", "libxcb1",
    "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1", "libxcb-randr0",
    "libxcb-render-util0", "libxcb-shape0", "libxcb-shm0", "libxcb-sync1", "libxcb-xfixes0",
    "libxcb-xkb1", "libxcb-render0", "libwayland-client0", "libwayland-cursor0", "libwayland-egl1",
    "libcups2",
)
CONTROL = """Package: xueji
Version: {version}
Architecture: {arch}
Maintainer: {maintainer}
Installed-Size: {size}
Depends: {depends}
Section: education
Priority: optional
Description: 学籍管理（离线版） offline student-status registrar desk
 中小学学籍管理员的加密离线桌面程序：学籍数据保存在本机的加密数据库中，
 断网也能照常工作；打印国家标准表格，交换国家模板 Excel 文件。
 .
 Encrypted offline desktop application for a Chinese school's student-status
 registrar. Installs to /opt/xueji; user data stays in the home folder.
"""

COPYRIGHT = """xueji (学籍管理（离线版）): MIT License.
Bundled fonts, with their licence texts under /opt/xueji/_internal/resources/fonts/:
 WenQuanYi Micro Hei: Apache-2.0 or GPL-3+ with font exception.
 XJ Sans Rare (a subset of Noto Sans CJK SC): SIL Open Font License 1.1.
 HanaMinB: SIL Open Font License 1.1 or Hanazono Font License.
Qt and PySide6: LGPL-3.0; Python: PSF License.
"""


def package_name(version: str, arch: str) -> str:
    return f"xueji_{version}_{arch}.deb"


def build(version: str, app_dir: Path = APP_DIR, out_dir: Path = DIST,
          extra_depends: tuple[str, ...] = (), work: Path = WORK) -> Path:
    """Assemble the package tree from `app_dir` and build the .deb; returns its path.
    `extra_depends`: system libraries the build left out on purpose (the legacy build's)."""
    arch = deb_architecture()
    root = work / "deb" / "root"
    shutil.rmtree(root.parent, ignore_errors=True)
    _fill_tree(root, app_dir)
    _write_control(root, version, arch, (*DEPENDS, *extra_depends))
    target = out_dir / package_name(version, arch)
    subprocess.run(["dpkg-deb", "--root-owner-group", "-Zxz", "-z2", "--build", str(root),
                    str(target)], check=True, stdout=subprocess.DEVNULL)
    shutil.rmtree(root.parent, ignore_errors=True)
    return target


def _fill_tree(root: Path, app_dir: Path) -> None:
    shutil.copytree(app_dir, root / "opt" / "xueji", symlinks=True)
    (root / "usr" / "bin").mkdir(parents=True)
    (root / "usr" / "bin" / "xueji").symlink_to("/opt/xueji/xueji")
    share = root / "usr" / "share"
    _copy(LINUX / "xueji.desktop", share / "applications" / "xueji.desktop")
    _copy(LINUX / "xueji-mime.xml", share / "mime" / "packages" / "xueji.xml")
    _copy_to(share / "doc" / "xueji" / "copyright", COPYRIGHT)
    with Image.open(ICON) as icon:
        for size in ICON_SIZES:
            folder = share / "icons" / "hicolor" / f"{size}x{size}" / "apps"
            folder.mkdir(parents=True)
            icon.resize((size, size), Image.Resampling.LANCZOS).save(folder / "xueji.png")
    _normalise_modes(root)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


def _copy_to(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def _normalise_modes(root: Path) -> None:
    """Directories and programs 0755, other files 0644, whatever the build's umask was."""
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            os.chmod(Path(folder) / name, 0o755)
        for name in files:
            path = Path(folder) / name
            if not path.is_symlink():
                os.chmod(path, 0o755 if os.access(path, os.X_OK) else 0o644)


def _installed_size_kib(root: Path) -> int:
    return sum(p.stat().st_size for p in root.rglob("*") if p.is_file() and not p.is_symlink()) // 1024


def glibc_floor(folder: Path) -> str:
    """The highest GLIBC_x.y symbol version any ELF file under `folder` requires."""
    found = {(2, 17)}
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink() and _is_elf(path):
            report = subprocess.run(["objdump", "-p", str(path)], capture_output=True, text=True,
                                    check=False).stdout
            found.update((int(a), int(b)) for a, b in re.findall(r"GLIBC_(\d+)\.(\d+)", report))
    major, minor = max(found)
    return f"{major}.{minor}"


def _is_elf(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(4) == b"\x7fELF"


def _write_control(root: Path, version: str, arch: str, depends: tuple[str, ...]) -> None:
    control = root / "DEBIAN" / "control"
    control.parent.mkdir(parents=True)
    libc = f"libc6 (>= {glibc_floor(root / 'opt' / 'xueji')})"
    control.write_text(CONTROL.format(version=version, arch=arch, maintainer=MAINTAINER,
                                      size=_installed_size_kib(root),
                                      depends=", ".join((libc, *depends))),
                       encoding="utf-8")
    os.chmod(control.parent, 0o755)
