"""Take the README's screenshots of the real app on a virtual screen.

Run: xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py
Creates a demo database with 2,000 students in a temporary folder, drives the real windows
and saves PNGs of them to docs/screenshots/.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
PASSWORD = "Demo-pass-2026"


def make_demo(folder: Path) -> Path:
    db = folder / "示例学校.db"
    env = {**os.environ, "XUEJI_PASSWORD": PASSWORD}
    subprocess.run([sys.executable, "-m", "desktop", "demo", "--db", str(db), "--students",
                    "2000", "--user", "张老师"], check=True, env=env, capture_output=True)
    return db


def wizard_shots(folder: Path, shot) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.setup_flow import SetupFlow
    from desktop.views.setup_wizard import SetupWizard

    wizard = SetupWizard(SetupFlow(folder / "new.db"))
    wizard.show()
    wizard.school_code.setText("4406040001")
    wizard.school_name.setText("佛山市禅城区示例学校")
    shot(wizard, "wizard-school.png")
    wizard._next()
    wizard.username.setText("张老师")
    wizard.password.setText(PASSWORD)
    wizard.again.setText(PASSWORD)
    wizard._next()
    shot(wizard, "wizard-recovery.png")
    wizard.close()


def app_shots(app, db: Path, shot) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.controller import AppController
    from desktop.views.editor.dialog import StudentEditor

    controller = AppController(app, db)
    controller.start()
    dialog = controller.dialog
    dialog.account.setCurrentText("张老师")
    dialog.password.setText("wrong-password")
    dialog.try_unlock()
    shot(dialog, "unlock-wrong-password.png")
    dialog.password.setText(PASSWORD)
    dialog.try_unlock()
    window = controller.window
    window.resize(1366, 740)
    shot(window, "roster.png")
    window.roster.search.setText("zh")
    window.roster.search.flush()
    shot(window, "roster-search.png")
    controller.edit_student(window.roster.model.row_at(0).id)
    editor = next(w for w in app.topLevelWidgets() if isinstance(w, StudentEditor))
    editor.resize(1280, 700)
    shot(editor, "editor.png")
    editor.form.fields["身份证件号"].set_text("440604201703051234")
    editor.form.fields["联系电话"].set_text("1380013800O")
    editor.validate()
    shot(editor, "editor-validation.png")
    editor.discard_and_close()
    window.nav.setCurrentRow(2)
    shot(window, "placeholder.png")
    controller.lock()


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.views.fonts import install_fonts
    from desktop.views.i18n import install_translators

    OUT.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp())
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    db = make_demo(folder)
    app = QApplication([sys.argv[0]])
    install_translators(app, "zh_CN")
    install_fonts(app, 100)

    def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        for _ in range(5):
            app.processEvents()
        widget.grab().save(str(OUT / name))
        print("saved", OUT / name)

    wizard_shots(folder, shot)
    app_shots(app, db, shot)


if __name__ == "__main__":
    main()
