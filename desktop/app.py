"""Composition root of the desktop app: QApplication, translators, fonts, then the controller
(first-run wizard or unlock, then the main window)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from desktop import PRODUCT_NAME, __version__


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="xueji", description=f"{PRODUCT_NAME}（离线版）")
    parser.add_argument("--db", type=Path, help="要打开的数据库文件")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    from PySide6.QtWidgets import QApplication

    from desktop.views import settings
    from desktop.views.controller import AppController
    from desktop.views.fonts import install_fonts
    from desktop.views.i18n import install_translators
    from desktop.views.paths import default_database

    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName(PRODUCT_NAME)
    app.setApplicationVersion(__version__)
    install_translators(app, settings.LANGUAGE.get())
    install_fonts(app, settings.TEXT_SCALE.get())
    controller = AppController(app, args.db or default_database())
    controller.start()
    return app.exec()
