"""Translators: Qt's own zh_CN strings (确定/取消) and the app's English translation."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.domain.data import resource_dir


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load Qt's and the app's translations for `language` ('zh_CN' or 'en')."""
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        qt = QTranslator(app)
        if qt.load("qtbase_zh_CN", qt_dir):
            app.installTranslator(qt)
            installed.append(qt)
        return installed
    own = QTranslator(app)
    if own.load(f"xueji_{language}", str(resource_dir() / "translations")):
        app.installTranslator(own)
        installed.append(own)
    return installed
