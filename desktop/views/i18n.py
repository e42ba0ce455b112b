"""Translators: Qt's own zh_CN strings (确定/取消, with the few its catalogue misses) and the
app's English translation."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from desktop.domain.data import resource_dir
from desktop.views.widgets.file_dialog import ExtraQtTranslator


def install_translators(app: QApplication, language: str) -> list[QTranslator]:
    """Load Qt's and the app's translations for `language` ('zh_CN' or 'en')."""
    installed: list[QTranslator] = []
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if language == "zh_CN":
        QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        extra = ExtraQtTranslator(app)  # asked after Qt's own (translators: last in, first asked)
        app.installTranslator(extra)
        installed.append(extra)
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
