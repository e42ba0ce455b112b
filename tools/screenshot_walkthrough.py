"""Screenshots of the walk-through's last findings at 1366×768, at 100 % and 130 % text: the
打印 page before any preview (the hint, the list of documents) and the 统计 tab (its wide
scroll bars).

Run: xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshot_walkthrough.py [demo.db]
Without a database it makes the 2,000-pupil demo school (as tools/screenshots.py does).
Saves print-empty.png, print-empty-130.png, statistics-100.png and statistics-130.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this tree's desktop package
from screenshots import OUT, PASSWORD, make_demo


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop import PRODUCT_NAME
    from desktop.views.controller import AppController
    from desktop.views.fonts import apply_text_scale, install_fonts
    from desktop.views.i18n import install_translators
    from desktop.views.main_window import PAGES

    folder = Path(tempfile.mkdtemp())
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    db = Path(sys.argv[1]) if len(sys.argv) > 1 else make_demo(folder)
    app = QApplication([sys.argv[0]])
    app.setApplicationDisplayName(PRODUCT_NAME)
    install_translators(app, "zh_CN")
    install_fonts(app, 100)

    def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        for _ in range(8):
            app.processEvents()
        widget.grab().save(str(OUT / name))
        print("saved", OUT / name)

    controller = AppController(app, db)
    controller.start()
    controller.dialog.account.setCurrentText("张老师")
    controller.dialog.password.setText(PASSWORD)
    controller.dialog.try_unlock()
    window = controller.window
    window.resize(1366, 740)
    exchange = window.exchange_page
    for percent in (100, 130):
        apply_text_scale(app, percent)
        suffix = "" if percent == 100 else f"-{percent}"
        window.nav.setCurrentRow(PAGES.index("print"))
        shot(window, f"print-empty{suffix}.png")
        window.nav.setCurrentRow(PAGES.index("exchange"))
        exchange.tabs.setCurrentWidget(exchange.statistics)
        exchange.statistics.work.wait()
        shot(window, f"statistics-{percent}.png")
    apply_text_scale(app, 100)
    controller.lock()


if __name__ == "__main__":
    main()
