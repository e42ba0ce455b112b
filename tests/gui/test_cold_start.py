"""What a cold start loads, in a fresh process: the unlock dialog shows before SQLAlchemy, the
models, Argon2 and AES-GCM are imported (they load while Argon2id unwraps the key), and when
the roster first shows none of the modules of the other pages (Excel, PDF, pinyin, the sync
wire, the archive) has been imported, nor the models of the tables the roster does not use.
The time itself is measured by benchmarks/bench_gui.py."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from desktop.models.migrations import LATER_MODELS
from desktop.services.context import Workspace
from desktop.services.students.read import StudentQuery, search
from desktop.views import settings
from desktop.views.roster import table_model
from desktop.views.roster.page import RosterPage
from tests.conftest import PASSWORD
from tests.gui.conftest import SEED

ROOT = Path(__file__).resolve().parents[2]

COLD_START = textwrap.dedent("""
    import json, os, sys
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    from desktop.views.controller import AppController

    def loaded(*names):
        return sorted(m for m in sys.modules if m.split(".")[0] in names or m.startswith(names))

    app = QApplication([])
    controller = AppController(app, Path(sys.argv[1]))
    controller.start()
    app.processEvents()
    at_dialog = loaded("sqlalchemy", "argon2", "cryptography", "desktop.models.store",
                       "desktop.models.student", "desktop.views.main_window")
    dialog_up = controller.dialog.isVisible()
    controller.dialog.account.setCurrentText("registrar")
    controller.dialog.password.setText(sys.argv[2])
    controller.dialog.try_unlock()
    app.processEvents()
    window = controller.window
    at_roster = loaded("openpyxl", "reportlab", "pypinyin", "python_calamine", "xlsxwriter",
                       "qrcode", "httpx", "pydantic", "desktop.exchange", "desktop.printing",
                       "desktop.sync", "desktop.services.archive", "desktop.services.importing",
                       "desktop.views.exchange", "desktop.views.printing", "desktop.views.sync.page",
                       "desktop.views.archive", "desktop.views.settings_page",
                       "desktop.views.recovery_reset", "desktop.views.close_backup",
                       *json.loads(sys.argv[3]))
    print(json.dumps({"dialog_up": dialog_up, "at_dialog": at_dialog,
                      "roster_rows": window.roster.model.total if window else None,
                      "at_roster": at_roster,
                      "sqlalchemy_at_roster": "sqlalchemy" in sys.modules}), flush=True)
    os._exit(0)
""")


def test_the_dialog_comes_before_the_database_layer_and_the_roster_before_the_other_pages(
        created: tuple[Workspace, str], db_path: Path, tmp_path: Path) -> None:
    created[0].lock()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    later = json.dumps([f"desktop.models.{name}" for name in LATER_MODELS])
    done = subprocess.run([sys.executable, "-c", COLD_START, str(db_path), PASSWORD, later],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == 0, done.stderr
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["dialog_up"]
    assert seen["at_dialog"] == []
    assert seen["roster_rows"] == 0  # the new school's (empty) roster is on screen
    assert seen["sqlalchemy_at_roster"]
    assert seen["at_roster"] == []


def test_the_roster_reads_its_first_page_once(qtbot, seeded: Workspace, monkeypatch) -> None:
    reads: list[object] = []

    def counted(ws: Workspace, query: StudentQuery, *args: object, **kwargs: object) -> object:
        reads.append(query)
        return search(ws, query, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(table_model, "search", counted)
    page = RosterPage(seeded)
    qtbot.addWidget(page)
    assert len(reads) == 1
    assert page.model.total == len(SEED)


def test_an_unlock_is_remembered_in_one_write(tmp_path: Path) -> None:
    path = str(tmp_path / "school.db")
    settings.remember_unlock(path, "registrar", "测试县第一小学")
    assert settings.LAST_DB.get() == path
    assert settings.LAST_USER.get() == "registrar"
    assert settings.school_name_of(path) == "测试县第一小学"
