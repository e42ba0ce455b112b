"""The build recipe, checked without building: the spec's exclusions and data files, what the
bundle filter keeps, the version stamping, the Makefile target and CI order."""

from __future__ import annotations

import ast
import importlib.util
import os
import platform
import runpy
import subprocess
import sys
from types import ModuleType

import pytest

from desktop import __version__
from tests.dist.conftest import ROOT, pyproject_version

PACKAGING = ROOT / "packaging"


def _load(name: str) -> ModuleType:
    """A module of packaging/ (not a package: its name would shadow the `packaging` library)."""
    sys.path.insert(0, str(PACKAGING))
    try:
        spec = importlib.util.spec_from_file_location(f"xueji_packaging_{name}", PACKAGING / f"{name}.py")
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(PACKAGING))


def _spec_list(name: str) -> list:
    """A list assigned at the top of packaging/xueji.spec, as source-level values."""
    tree = ast.parse((PACKAGING / "xueji.spec").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == name:
            return node.value.elts
    raise AssertionError(f"{name} not in the spec")


def test_package_and_pyproject_agree_on_the_version() -> None:
    project = _load("project")
    assert project.version() == pyproject_version() == __version__ == project.package_version()


@pytest.mark.parametrize("module", [
    "PySide6.QtWebEngineCore", "PySide6.QtWebEngineWidgets", "PySide6.Qt3DCore", "PySide6.QtMultimedia",
    "PySide6.QtQuick", "PySide6.QtQml", "PySide6.QtNetwork", "PySide6.QtDesigner", "PySide6.QtSql",
    "tkinter", "central", "pytest",
    # their runtime hooks would import them at every start
    "setuptools", "pkg_resources", "multiprocessing",
])
def test_spec_excludes_unused_modules(module: str) -> None:
    assert module in [ast.literal_eval(item) for item in _spec_list("EXCLUDED_MODULES")]


def test_spec_turns_on_utf8_mode_in_the_bootloaders_spelling() -> None:
    # PyInstaller's bootloader knows "X utf8" and "X utf8=0/1"; "X utf8_mode=1" is ignored without a
    # word, and the program then prints with the ANSI code page (cp936 fails on ✓). The run itself is
    # checked under a Chinese code page by tests/dist/test_windows_install.py.
    options = [ast.literal_eval(item) for item in _spec_list("OPTIONS")]
    assert ("X utf8", None, "OPTION") in options
    assert not [name for name, _, _ in options if "utf8_mode" in name]


def test_spec_excludes_nothing_the_app_imports() -> None:
    excluded = {ast.literal_eval(item) for item in _spec_list("EXCLUDED_MODULES")}
    used = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtCharts",
            "PySide6.QtPdf", "PySide6.QtPdfWidgets", "PySide6.QtPrintSupport", "httpx"}
    assert not excluded & used


def test_windows_runtime_hook_keeps_platform_from_starting_a_ver_command(monkeypatch) -> None:
    # Python 3.11's platform.uname() on Windows runs `cmd /c ver` (0.15–0.3 s under Wine), and
    # SQLAlchemy calls it when imported; the hook makes platform use its fallback at once.
    started: list[object] = []
    monkeypatch.setattr(subprocess, "check_output", lambda *args, **_kw: started.append(args) or "")
    monkeypatch.setattr(platform, "_syscmd_ver", platform._syscmd_ver)  # put back after the test
    runpy.run_path(str(PACKAGING / "windows" / "rthook_platform.py"))
    assert platform._syscmd_ver(supported_platforms=(sys.platform,)) == ("", "", "")
    assert started == []
    assert 'RUNTIME_HOOKS.append(str(ROOT / "packaging" / "windows" / "rthook_platform.py"))' in (
        PACKAGING / "xueji.spec").read_text(encoding="utf-8")


@pytest.mark.parametrize(("platform_name", "qt_folder"),
                         [("win32", ["PySide6"]), ("linux", ["PySide6", "Qt"])])
def test_qt_paths_hook_sets_pyinstallers_paths_without_loading_qt(
        monkeypatch, tmp_path, platform_name: str, qt_folder: list[str]) -> None:
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.setattr(sys, "platform", platform_name)
    monkeypatch.setenv("PATH", "/usr/bin")
    monkeypatch.delenv("QT_PLUGIN_PATH", raising=False)
    monkeypatch.delitem(sys.modules, "PySide6.QtCore", raising=False)
    runpy.run_path(str(PACKAGING / "rthook_qt_paths.py"))
    assert os.environ["QT_PLUGIN_PATH"] == os.path.join(str(tmp_path), *qt_folder, "plugins")
    expected_path = os.pathsep.join((str(tmp_path), "/usr/bin")) if platform_name == "win32" else "/usr/bin"
    assert os.environ["PATH"] == expected_path
    assert "PySide6.QtCore" not in sys.modules


def test_spec_replaces_pyinstallers_pyside6_runtime_hook() -> None:
    spec = (PACKAGING / "xueji.spec").read_text(encoding="utf-8")
    assert 'REPLACED_RUNTIME_HOOKS = {"pyi_rth_pyside6"}' in spec
    assert "a.scripts = [entry for entry in a.scripts if entry[0] not in REPLACED_RUNTIME_HOOKS]" in spec
    assert 'str(ROOT / "packaging" / "rthook_qt_paths.py")]' in spec


@pytest.mark.parametrize("folder", ["codes", "regions", "names", "demo", "calendar", "exchange",
                                    "fonts", "icons", "translations"])
def test_spec_bundles_the_data_files(folder: str) -> None:
    targets = [ast.unparse(item.elts[1]) for item in _spec_list("DATA_FILES")]
    assert f"'resources/{folder}'" in targets
    assert (ROOT / "resources" / folder).is_dir()


def test_icon_files_exist() -> None:
    assert (ROOT / "resources" / "icons" / "xueji.png").stat().st_size > 1000
    assert (ROOT / "resources" / "icons" / "xueji.ico").read_bytes()[:4] == b"\0\0\1\0"


@pytest.mark.parametrize(("dest", "kept"), [
    ("PySide6/Qt/translations/qtbase_zh_CN.qm", True),
    ("PySide6/Qt/translations/qtbase_de.qm", False),
    ("PySide6/Qt/translations/assistant_zh_CN.qm", False),
    ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ("PySide6/Qt/plugins/platforms/qwindows.dll", True),
    ("PySide6/Qt/plugins/platforms/libqeglfs.so", False),
    ("PySide6/Qt/plugins/platformthemes/libqgtk3.so", False),
    ("PySide6/Qt/plugins/platforminputcontexts/libqtvirtualkeyboardplugin.so", False),
    ("PySide6/Qt/plugins/sqldrivers/libqsqlite.so", False),
    ("PySide6/Qt/plugins/imageformats/libqjpeg.so", True),
    ("PySide6/Qt/plugins/imageformats/libqtiff.so", False),
    ("PySide6/Qt/plugins/printsupport/libcupsprintersupport.so", True),
    ("PySide6/Qt/lib/libQt6Quick.so.6", False),
    ("PySide6/Qt/lib/libQt6Widgets.so.6", True),
    ("PySide6\\Qt6Qml.dll", False),  # Windows: DLLs beside the bindings, plugins in PySide6\\plugins
    ("PySide6\\Qt6Widgets.dll", True),
    ("PySide6\\plugins\\platforms\\qwindows.dll", True),
    ("PySide6\\plugins\\sqldrivers\\qsqlite.dll", False),
    ("PySide6\\translations\\qtbase_fr.qm", False),
    ("PySide6\\QtWidgets.pyd", True),
    ("resources/fonts/HanaMinB.ttf", True),
    ("resources/fonts/xj-sans-rare.ttf", True),
])
def test_bundle_filter_keeps_what_the_app_loads(dest: str, kept: bool) -> None:
    assert _load("bundle_filter").qt_kept((dest, "/src", "DATA")) is kept


def test_links_to_left_out_files_are_dropped() -> None:
    entries = [("PySide6/Qt/lib/libQt6Core.so.6", "/src", "BINARY"),
               ("libQt6Core.so.6", "PySide6/Qt/lib/libQt6Core.so.6", "SYMLINK"),
               ("libQt6Quick.so.6", "PySide6/Qt/lib/libQt6Quick.so.6", "SYMLINK")]
    assert _load("bundle_filter").without_dangling_links(entries) == entries[:2]


def test_windows_version_resource_is_stamped_from_pyproject() -> None:
    project = _load("project")
    assert project.version_numbers("1.2.3") == (1, 2, 3, 0)
    assert project.version_numbers("2.0rc1") == (2, 0, 0, 0)
    text = project.windows_version_info(pyproject_version())
    assert f"'ProductVersion', '{pyproject_version()}'" in text
    tree = ast.parse(text, mode="eval")  # PyInstaller evaluates this expression on Windows
    stamped = {kw.arg: ast.literal_eval(kw.value) for node in ast.walk(tree)
               if isinstance(node, ast.Call) for kw in node.keywords if kw.arg in ("filevers", "prodvers")}
    assert stamped == dict.fromkeys(("filevers", "prodvers"), project.version_numbers(pyproject_version()))


def test_make_dist_installs_pyinstaller_after_setup() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\ndist: deps-dist setup " in makefile
    assert "'.[test,dist]'" in makefile
    assert "packaging/build.py" in makefile
    groups = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "\ndist = [\n    \"pyinstaller" in groups


def test_ci_builds_the_distribution_before_the_tests() -> None:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert lines.index("make dist") < lines.index("make test")


def test_linux_desktop_entry_and_file_type() -> None:
    entry = (PACKAGING / "linux" / "xueji.desktop").read_text(encoding="utf-8").splitlines()
    for line in ("Name=学籍管理", "Name[zh_CN]=学籍管理", "Categories=Office;Education;",
                 "MimeType=application/x-xueji-bundle;", "Icon=xueji", "Exec=/usr/bin/xueji %f"):
        assert line in entry
    mime = (PACKAGING / "linux" / "xueji-mime.xml").read_text(encoding="utf-8")
    assert '<mime-type type="application/x-xueji-bundle">' in mime
    assert '<glob pattern="*.xjb"/>' in mime
