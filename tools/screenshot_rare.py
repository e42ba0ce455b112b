"""Screenshots of names with rare characters at 12 px: the roster and the editor.

Run: xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshot_rare.py
Saves docs/screenshots/rare-names-roster-12px.png, rare-names-editor-12px.png and
rare-names-zoom.png (the roster's names enlarged three times, pixel for pixel).
"""

from __future__ import annotations

import datetime as dt
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
# 𠮷 (Extension B, sans in XJ Sans Rare), 㐀 䶮 (Extension A), 鿏 (U+9FCF), 𫝋 𬸁 (ID-card
# characters of Extensions D and E: HanaMinB), and 吉 beside 𠮷 for comparison.
NAMES = ("王𠮷", "王吉", "张㐀明", "李䶮", "刘鿏", "陈𫝋文", "赵𬸁")


def make_school(folder: Path):  # type: ignore[no-untyped-def]
    from desktop.models.keyslots import KdfParams
    from desktop.services.safekeeping.accounts import NewSchool, create_database
    from desktop.services.students.add import add_students
    from tests.factories import valid_row

    school = NewSchool(code="4406040001", name="佛山市禅城区示例小学", stages="小学")
    ws, _key = create_database(folder / "school.db", school, "张老师", "Demo-pass-2026",
                               KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1))
    add_students(ws, [valid_row(name=name, seq=11 + 2 * n, birth=dt.date(2018, 3, 1),
                                class_name="三年级(1)班") for n, name in enumerate(NAMES)])
    return ws


def main() -> None:
    from PySide6.QtCore import QRect, QSettings, Qt
    from PySide6.QtWidgets import QApplication

    from desktop.services.students.read import StudentQuery, search
    from desktop.views.editor.dialog import StudentEditor
    from desktop.views.fonts import install_fonts
    from desktop.views.roster.page import RosterPage

    folder = Path(tempfile.mkdtemp())
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    app = QApplication([sys.argv[0]])
    install_fonts(app, 100)
    font = app.font()
    font.setPixelSize(12)
    app.setFont(font)
    ws = make_school(folder)

    def settle() -> None:
        for _ in range(5):
            app.processEvents()

    roster = RosterPage(ws)
    roster.resize(1100, 360)
    roster.show()
    settle()
    image = roster.grab()
    image.save(str(OUT / "rare-names-roster-12px.png"))
    table = roster.table
    column = next(c for c in range(table.model().columnCount())
                  if table.model().headerData(c, Qt.Orientation.Horizontal) == "姓名")
    origin = table.viewport().mapTo(roster, table.visualRect(table.model().index(0, column))
                                    .topLeft())
    rows = table.rowHeight(0) * len(NAMES)
    crop = image.copy(QRect(origin.x(), origin.y(), table.columnWidth(column), rows))
    crop.scaled(crop.width() * 3, crop.height() * 3, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.FastTransformation).save(str(OUT / "rare-names-zoom.png"))
    editor = StudentEditor(ws, search(ws, StudentQuery(text="王𠮷")).rows[0].id)
    editor.resize(1000, 560)
    editor.show()
    settle()
    editor.grab().save(str(OUT / "rare-names-editor-12px.png"))
    editor.discard_and_close()
    ws.lock()
    print("saved", *(OUT / f"rare-names-{n}.png" for n in ("roster-12px", "zoom", "editor-12px")))


if __name__ == "__main__":
    main()
