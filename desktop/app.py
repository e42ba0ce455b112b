"""Composition root of the desktop app: QApplication, translators, fonts, then the controller
(first-run wizard or unlock, then the main window)."""

from __future__ import annotations

import argparse
import contextlib
import sys
from pathlib import Path
from typing import TYPE_CHECKING, cast

from desktop import PRODUCT_NAME, __version__

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="xueji", description=f"{PRODUCT_NAME}（离线版）")
    parser.add_argument("--db", type=Path, help="要打开的数据库文件")
    parser.add_argument("--version", action="version", version=f"xueji {__version__}")
    parser.add_argument("--selftest", action="store_true",
                        help="自检：建临时加密数据库、写读学生、生成 PDF，然后删除并退出")
    parser.add_argument("bundle", nargs="?", type=Path,
                        help="双击同步包（.xjb）时由系统传入的文件")
    args = parser.parse_args(argv)
    if args.bundle is not None and args.bundle.suffix.lower() != ".xjb":
        parser.error(f"无法打开 {args.bundle}：只接受同步包（.xjb）")
    return args


def _selftest() -> int:
    # PySide6's first import replaces builtins.__import__ and starts shiboken's support modules;
    # an import in another thread at that moment can fail to find its module (seen under Wine:
    # ModuleNotFoundError in 2 of 48 self-tests). So QtCore loads here, before any step's thread.
    # A Qt that does not load (a missing system library or DLL) is the Qt step's to name, in its
    # line and with the self-test's advice, not a traceback before the first line.
    with contextlib.suppress(Exception):
        import PySide6.QtCore  # noqa: F401

    from desktop.selftest import Step, run
    from desktop.views.qt_check import check_qt

    # Alone: only this step loads the other Qt libraries, beside the other steps.
    return run(extra=[Step("Qt 界面库与中文翻译", lambda _scratch: check_qt(), alone=True)])


def _set_icon(app: QApplication) -> None:
    from PySide6.QtGui import QIcon

    from desktop.domain.data import resource_dir

    app.setWindowIcon(QIcon(str(resource_dir() / "icons" / "xueji.png")))


def main(argv: list[str] | None = None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    if args.selftest:
        return _selftest()
    from desktop.system_libs import platform_problem

    problem = platform_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from desktop.views import settings
    from desktop.views.controller import AppController
    from desktop.views.fonts import install_fonts
    from desktop.views.i18n import install_translators
    from desktop.views.paths import default_database

    app = cast(QApplication, QApplication.instance() or QApplication([sys.argv[0]]))  # one either way
    app.setOrganizationName(settings.ORGANISATION)
    app.setApplicationName(settings.APPLICATION)
    app.setApplicationDisplayName(PRODUCT_NAME)
    app.setApplicationVersion(__version__)
    _set_icon(app)
    install_translators(app, settings.LANGUAGE.get())
    install_fonts(app, settings.TEXT_SCALE.get())
    controller = AppController(app, args.db or default_database())
    controller.start()
    return app.exec()
