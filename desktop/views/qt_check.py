"""The self-test's Qt step: the Qt libraries the app uses load, the platform plugin for this
system is present, and Qt's own Chinese strings (qtbase_zh_CN.qm) are found. No window opens."""

from __future__ import annotations

import sys
from pathlib import Path

PLATFORM_PLUGINS = {"win32": "qwindows.dll", "darwin": "libqcocoa.dylib"}
LINUX_PLATFORM_PLUGIN = "libqxcb.so"


def check_qt() -> str:
    """One line describing what was found; raises if a part is missing."""
    from PySide6 import QtCharts, QtPdf, QtPdfWidgets, QtPrintSupport, QtWidgets  # noqa: F401
    from PySide6.QtCore import QLibraryInfo, QTranslator, qVersion

    plugins = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"
    plugin = PLATFORM_PLUGINS.get(sys.platform, LINUX_PLATFORM_PLUGIN)
    if not (plugins / plugin).is_file():
        raise FileNotFoundError(f"缺少 Qt 平台插件 {plugin}")
    translator = QTranslator()
    if not translator.load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        raise FileNotFoundError("缺少 Qt 中文翻译 qtbase_zh_CN.qm")
    return f"Qt {qVersion()}、平台插件 {plugin}、Qt 中文翻译齐全"
