"""Screenshots of entering a pupil and of the data-safety dialogs, on a small school.

Run: xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshot_editor.py
Creates a school with 30 classes in a temporary folder and saves into docs/screenshots/:
the year-end dialog at 100 % and 130 % text, the question offering a kept draft back, and
the editor (a new pupil with its ID number typed; a first attempt to save).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import ROOT, start_app

sys.path.insert(0, str(ROOT))

GRADES = ("一", "二", "三", "四", "五", "六")
SURNAMES = "王李张刘陈杨"  # one per grade: 张小明 is in 三年级(1)班
GIVEN = ("小明", "思远", "雨桐", "子涵", "浩然")


def make_school(folder: Path):  # type: ignore[no-untyped-def]
    from desktop.models.keyslots import KdfParams
    from desktop.services.safekeeping.accounts import NewSchool, create_database
    from desktop.services.students.add import add_students
    from tests.factories import valid_row

    school = NewSchool(code="4406040001", name="佛山市禅城区示例小学", stages="小学")
    ws, _key = create_database(folder / "school.db", school, "张老师", "Demo-pass-2026",
                               KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1))
    rows = [valid_row(name=SURNAMES[g] + GIVEN[n - 1], seq=11 + 2 * (g * 5 + n),
                      birth=dt.date(2019 - g, 3, 1), class_name=f"{grade}年级({n})班")
            for g, grade in enumerate(GRADES) for n in range(1, 6)]
    add_students(ws, rows)
    return ws


def year_end_shots(app, ws, shot) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.changes.year_end import plan_year_end
    from desktop.views.changes.year_end_dialog import YearEndDialog
    from desktop.views.fonts import apply_text_scale

    for percent in (100, 130):
        apply_text_scale(app, percent)
        today = dt.date(2026, 12, 7)
        dialog = YearEndDialog(ws, plan_year_end(ws, today), today)
        dialog.show()
        shot(dialog, f"year-end-{percent}.png")
        print(f"year-end {percent}%: {dialog.frameGeometry().height()} px high")
        dialog.close()
    apply_text_scale(app, 100)


def draft_shot(ws, shot) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QMessageBox

    from desktop.services.students.drafts import list_drafts, save_draft
    from desktop.views.controller import resume_text

    save_draft(ws, "new:demo", None, {"姓名": "黄小文", "性别": "男"})
    box = QMessageBox(QMessageBox.Icon.Question, "学籍管理 — 未保存的修改",
                      resume_text(list_drafts(ws)[0]),
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    box.setDefaultButton(QMessageBox.StandardButton.Yes)
    box.show()
    shot(box, "draft-offered.png")
    box.close()


def editor_shots(ws, shot) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.editor.dialog import StudentEditor
    from tests.factories import resident_id

    editor = StudentEditor(ws, None)
    editor.resize(1280, 700)
    editor.show()
    shot(editor, "editor-new.png")
    field = editor.form.fields["身份证件号"]
    field.set_text(resident_id("440604", dt.date(2019, 3, 5), 11))
    field.edited.emit("", field.text())
    editor.form.fields["姓名"].set_text("黄小文")
    shot(editor, "editor-id-filled.png")
    editor.save()
    shot(editor, "editor-validation.png")
    editor.tabs.setCurrentIndex(3)
    shot(editor, "editor-members.png")
    editor.discard_and_close()
    from desktop.services.students.read import StudentQuery, search

    stored = StudentEditor(ws, search(ws, StudentQuery(text="张小明")).rows[0].id)
    stored.resize(1280, 700)
    stored.show()
    shot(stored, "editor.png")
    stored.discard_and_close()


def main() -> None:
    app, folder, shot = start_app()
    ws = make_school(folder)

    wanted = set(sys.argv[1:]) or {"year-end", "draft", "editor"}
    if "year-end" in wanted:
        year_end_shots(app, ws, shot)
    if "draft" in wanted:
        draft_shot(ws, shot)
    if "editor" in wanted:
        editor_shots(ws, shot)
    ws.lock()


if __name__ == "__main__":
    main()
