"""desktop/system_libs.py: before the window is built, a Qt platform plugin that cannot load is
explained with the missing libraries and their packages, never Qt's bare abort."""

from __future__ import annotations

import shutil

import pytest

from desktop import system_libs


@pytest.mark.parametrize(("env", "expected"), [
    ({}, ["xcb"]),
    ({"QT_QPA_PLATFORM": "offscreen"}, ["offscreen"]),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, ["wayland"]),
    ({"XDG_SESSION_TYPE": "wayland", "WAYLAND_DISPLAY": "wayland-0"}, ["wayland", "xcb"]),
    ({"XDG_SESSION_TYPE": "wayland"}, ["xcb"]),
])
def test_the_platforms_qt_will_try(env, expected):
    assert system_libs.candidate_platforms(env) == expected


def test_a_plugin_whose_libraries_are_missing_is_named_by_ldd(tmp_path):
    """The real xcb plugin copied away from Qt's own libraries: the loader cannot find them."""
    pyside = system_libs.pyside_dir()
    plugin = pyside / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    moved = tmp_path / "PySide6" / "Qt" / "plugins" / "platforms"
    moved.mkdir(parents=True)
    shutil.copy(plugin, moved / "libqxcb.so")
    files = system_libs.files_to_check(tmp_path / "PySide6", "xcb")
    assert files == [moved / "libqxcb.so"]
    missing = system_libs.missing_libraries(files)
    assert "libQt6XcbQpa.so.6" in missing


def test_this_installation_loads_every_library_it_needs():
    pyside = system_libs.pyside_dir()
    files = system_libs.files_to_check(pyside, "xcb")
    assert len(files) == 4
    assert system_libs.missing_libraries(files) == []


def test_the_message_names_the_packages_in_both_languages():
    text = system_libs.message("xcb", ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libodd.so.9"])
    assert "无法打开程序窗口" in text and "The window cannot open" in text
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1 libodd.so.9" in text


def test_no_display_is_said_plainly():
    assert "没有图形桌面" in system_libs.platform_problem({})
    assert system_libs.platform_problem({"DISPLAY": ":0"}) is None
    assert system_libs.platform_problem({"QT_QPA_PLATFORM": "offscreen"}) is None


def test_the_app_stops_with_exit_2_before_any_window(monkeypatch, capsys):
    from desktop.app import main

    for name in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY"):
        monkeypatch.delenv(name, raising=False)
    assert main([]) == 2
    assert "没有图形桌面" in capsys.readouterr().err
