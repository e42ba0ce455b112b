"""Screenshots of the screens for other template layouts and the national lists.

Run: xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshot_templates.py
Creates a small database in a temporary folder, opens the screens on files built the way
tests/exchange/layouts.py builds them, and saves PNGs to docs/screenshots/.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import PASSWORD, ROOT, planned, start_app

sys.path.insert(0, str(ROOT))



def import_layout_shot(ws, folder: Path, shot):  # type: ignore[no-untyped-def]
    """A provincial 78-item form and a county .xls with class codes, in the import preview."""
    from desktop.domain.header_aliases import LEAVE_OUT
    from desktop.views.exchange.import_tab import ImportTab
    from tests.exchange.layouts import COUNTY_XLS, PROVINCE_78, write_xls, write_xlsx
    from tests.exchange.test_layouts import pupils

    tab = ImportTab(ws)
    tab.resize(1366, 768)
    tab.show()
    planned(tab, lambda: tab.load(write_xlsx(folder / "某省78项学生信息.xlsx", PROVINCE_78, pupils())))
    tab.layout_box.choose("是否农村留守", "是否留守儿童")
    shot(tab, "import-layout-columns.png")
    planned(tab, lambda: tab.load(write_xls(folder / "某县学生信息.xls", COUNTY_XLS, pupils())))
    tab.layout_box.choose("家长微信号", LEAVE_OUT)
    tab.layout_box.name_edit.setText("某县2017版")
    planned(tab, tab.layout_box.apply_button.click)
    tab.layout_box.code_combos["01-2023001"].setCurrentText("三年级(1)班")
    shot(tab, "import-layout-class-codes.png")
    return tab


def locked_editor_shot(ws, folder: Path, shot):  # type: ignore[no-untyped-def]
    """A pupil from the preschool matched list: the five items locked with the reason."""
    import datetime as dt

    from desktop.exchange.intake_lists import PRESCHOOL_COLUMNS, read_list, write_list
    from desktop.services.students.add import add_students
    from desktop.services.students.intake import import_preschool
    from desktop.services.students.read import StudentQuery, search
    from desktop.views.editor.dialog import StudentEditor
    from tests.factories import valid_row

    row = valid_row(name="王小一", birth=dt.date(2020, 3, 5), class_name="一年级(1)班")
    write_list(folder / "学前.xlsx", PRESCHOOL_COLUMNS, [{h: row[h] for h in PRESCHOOL_COLUMNS}])
    listing = read_list(folder / "学前.xlsx", PRESCHOOL_COLUMNS)
    import_preschool(ws, listing.rows, listing.file_name)
    add_students(ws, [row])
    [found] = search(ws, StudentQuery(text="王小一")).rows
    editor = StudentEditor(ws, found.id)
    editor.resize(1280, 720)
    editor.show()
    shot(editor, "editor-locked.png")
    editor.discard_and_close()
    return editor


def photo_tab_shot(ws, folder: Path, shot):  # type: ignore[no-untyped-def]
    """A camera folder: one photo matched by ID number, one by name, one matched by hand."""
    from PIL import Image, ImageDraw

    from desktop.services.students.add import add_students
    from desktop.views.exchange.photo_tab import PhotoTab
    from tests.factories import valid_row

    rows = [valid_row(name="张小华", seq=15), valid_row(name="刘小雨", seq=16),
            valid_row(name="陈小军", seq=17)]
    add_students(ws, rows)
    camera = folder / "相机"
    camera.mkdir()
    for name, colour in ((rows[0]["身份证件号"], "#7fa7d9"), ("刘小雨", "#9fc5e8"),
                         ("DSC_0117", "#a4c2f4")):
        image = Image.new("RGB", (1200, 1600), colour)
        draw = ImageDraw.Draw(image)
        draw.ellipse((400, 300, 800, 800), fill="#f1d2b6")
        draw.rectangle((300, 850, 900, 1600), fill="#3c5a8a")
        image.save(camera / f"{name}.jpg", quality=90)
    tab = PhotoTab(ws)
    tab.resize(1366, 768)
    tab.show()
    tab.load(camera)
    tab.table.selectRow(1)
    tab.pupil_combo.setCurrentIndex(next(i for i in range(tab.pupil_combo.count())
                                         if "陈小军" in tab.pupil_combo.itemText(i)))
    shot(tab, "photo-workshop.png")
    return tab


def main() -> None:
    from desktop.services.safekeeping.accounts import NewSchool, create_database

    app, folder, shot = start_app()
    school = NewSchool(code="4406040001", name="示例县第一小学", stages="小学,初中")
    ws, _key = create_database(folder / "示例.db", school, "张老师", PASSWORD)

    shown = [locked_editor_shot(ws, folder, shot), import_layout_shot(ws, folder, shot),
             photo_tab_shot(ws, folder, shot)]
    for widget in shown:
        widget.close()
        widget.deleteLater()
    app.processEvents()
    ws.lock()


if __name__ == "__main__":
    main()
