"""Take the README's screenshots of the real app on a virtual screen.

Run: xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshots.py
Creates a demo database with 2,000 students in a temporary folder, drives the real windows
and saves PNGs of them to docs/screenshots/. Run tools/screenshot_flow.py after it: that
tool's wizard, unlock, 待办, 学籍档案 and 统计 pictures are the README's and replace this one's.
The editor's pictures are tools/screenshot_editor.py's.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
PASSWORD = "Demo-pass-2026"


def start_app(settle: int = 5):  # type: ignore[no-untyped-def]  # Qt loads inside, see below
    """The Qt application in Chinese with the bundled fonts, its QSettings in a new temporary
    folder (no user's settings are read or written), that folder, and `shot(widget, name)`,
    which lets `settle` rounds of events run and saves the widget as OUT/name. Qt is imported
    here, so a tool's module loads without it."""
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    from desktop.views.fonts import install_fonts
    from desktop.views.i18n import install_translators

    OUT.mkdir(parents=True, exist_ok=True)
    os.environ["TZ"] = "Asia/Shanghai"  # a school's PC: the desk's local times and the
    time.tzset()  # registry's Beijing times agree on the pictures (this machine may be on UTC)
    folder = Path(tempfile.mkdtemp())
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(folder))
    app = QApplication([sys.argv[0]])
    install_translators(app, "zh_CN")
    install_fonts(app, 100)

    def shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
        for _ in range(settle):
            app.processEvents()
        widget.grab().save(str(OUT / name))
        print("saved", OUT / name)

    return app, folder, shot


def make_demo(folder: Path) -> Path:
    db = folder / "示例学校.db"
    env = {**os.environ, "XUEJI_PASSWORD": PASSWORD}
    subprocess.run([sys.executable, "-m", "desktop", "demo", "--db", str(db), "--students",
                    "2000", "--user", "张老师"], check=True, env=env, capture_output=True)
    return db


def wizard_shots(folder: Path, shot) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.safekeeping.setup_flow import SetupFlow
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
    from screenshot_cases import cases_shots

    from desktop.views.controller import AppController
    from desktop.views.main_window import PAGES

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
    history_shots(app, controller, shot)
    archive_shots(controller, shot)
    print_shots(controller, shot)
    exchange_shots(controller, folder_of(db), shot)
    lists_shots(app, controller, folder_of(db), shot)
    window.nav.setCurrentRow(PAGES.index("sync"))
    shot(window, "sync.png")
    cases_shots(window, controller.workspace, folder_of(db), shot)
    controller.lock()


def _resident_id(first17: str) -> str:
    from stdnum.cn import ric

    return first17 + ric.calc_check_digit(first17 + "0")  # it skips the last character


def folder_of(db: Path) -> Path:
    return db.parent


def archive_shots(controller, shot) -> None:  # type: ignore[no-untyped-def]
    """Some folders complete, one lent out; the page on a folder that still misses a document."""
    import datetime as dt

    from desktop.services.archive.shapes import Location
    from desktop.services.archive.write import lend, set_item, set_location
    from desktop.views.main_window import PAGES

    ws, window = controller.workspace, controller.window
    rows = [window.roster.model.row_at(i) for i in range(12)]
    for index, row in enumerate(rows):
        kinds = ("basic_form", "identity_copy", "photo") if index % 3 else ("basic_form", "photo")
        for kind in kinds:
            set_item(ws, row.id, kind, True)
        set_location(ws, row.id, Location("3", "2", str(15 + index // 6)))
    lend(ws, rows[1].id, "李主任", "县教育局学籍抽查", dt.date.today() + dt.timedelta(days=7))
    window.refresh_after_change()
    window.nav.setCurrentRow(PAGES.index("archive"))
    window.archive_page.select_student(rows[0].id)
    shot(window, "archive.png")


def print_shots(controller, shot) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.main_window import PAGES

    window = controller.window
    window.nav.setCurrentRow(PAGES.index("print"))
    page = window.print_page
    page.documents.setCurrentRow(1)  # 学籍卡
    page.choose_student(window.roster.model.row_at(0).id)
    page.preview()
    wait_for_ink(page.view)  # the view draws its pages in a thread of its own
    shot(window, "print-page.png")


def wait_for_ink(widget, seconds: float = 10) -> None:  # type: ignore[no-untyped-def]
    """Let events run until `widget` shows something dark (or `seconds` have passed)."""
    from PySide6.QtCore import QDeadlineTimer, QThread
    from PySide6.QtWidgets import QApplication

    deadline = QDeadlineTimer(int(seconds * 1000))
    while not deadline.hasExpired():
        QApplication.processEvents()
        image = widget.grab().toImage()
        if any(image.pixelColor(x, y).lightness() < 96
               for y in range(0, image.height(), 7) for x in range(0, image.width(), 7)):
            return
        QThread.msleep(50)


def exchange_shots(controller, folder: Path, shot) -> None:  # type: ignore[no-untyped-def]
    """An export of one class brought back with a few mistakes and new pupils, previewed."""
    from desktop.exchange.files import export_workbook
    from desktop.exchange.xlsx_writer import write_template
    from desktop.services.reports.export_selection import ExportSelection, export_rows
    from desktop.services.students.school import list_classes
    from desktop.views.main_window import PAGES

    ws, window = controller.workspace, controller.window
    klass = list_classes(ws)[0].name
    rows = list(export_rows(ws, ExportSelection(class_name=klass)))
    rows[2]["出生日期"] = "20171345"
    number = rows[4]["身份证件号"]
    rows[4]["身份证件号"] = number[:17] + ("1" if number[17] == "0" else "0")
    rows[5]["联系电话"] = "0757-8888"
    rows[6]["现住址"] = rows[6]["现住址"] + "（新）"
    new = dict(rows[7], 姓名="欧阳新同学", 性别="男", 出生日期="20170305",
               身份证件号=_resident_id("44060420170305999"))
    path = folder / f"{klass}名单.xlsx"
    write_template(path, [*rows, new])
    export_workbook(ws, folder / "unused.xlsx")
    window.nav.setCurrentRow(PAGES.index("exchange"))
    tab = window.exchange_page.importing
    planned(tab, lambda: tab.load(path))
    tab.filter.setCurrentIndex(0)  # every row: refused in red, changed in yellow, unchanged
    changed = next(i for i in range(tab.rows.rowCount()) if tab.rows.item(i, 1).text() == "更新")
    tab.rows.selectRow(changed)  # its changes listed below: 项目, 原值, 新值
    shot(window, "import-preview.png")
    window.exchange_page.tabs.setCurrentIndex(3)
    shot(window, "statistics.png")


PRESCHOOL = (("林小满", "44060420200305001"), ("欧阳一诺", "44060420200611002"),
             ("𠮷祥", "44060420200902003"))


def lists_shots(app, controller, folder: Path, shot) -> None:  # type: ignore[no-untyped-def]
    """The preschool matched list imported, its pupils waiting; one record started from it."""
    from desktop.exchange.intake_lists import PRESCHOOL_COLUMNS, write_list

    rows = [{"姓名": name, "性别": "男" if int(first17[16]) % 2 else "女",
             "出生日期": f"{first17[6:10]}-{first17[10:12]}-{first17[12:14]}",
             "身份证件类型": "居民身份证", "身份证件号": _resident_id(first17)}
            for name, first17 in PRESCHOOL]
    path = folder / "学前教育匹配名单.xlsx"
    write_list(path, PRESCHOOL_COLUMNS, rows)
    window = controller.window
    window.exchange_page.tabs.setCurrentIndex(5)
    lists = window.exchange_page.lists
    lists.load(path, preschool=True)
    lists.waiting_table.selectRow(0)
    shot(window, "lists-preschool.png")
    lists.start_selected()
    editor = open_editor(app)
    shot(editor, "editor-from-list.png")
    close_editor(editor)


def history_shots(app, controller, shot) -> None:  # type: ignore[no-untyped-def]
    """A pupil with a suspension, its approval and a resumption; a transfer and a death due."""
    import datetime as dt

    from desktop.services.changes.status import ChangeRequest, apply_change
    from desktop.views.main_window import PAGES

    ws, window = controller.workspace, controller.window
    rows = [window.roster.model.row_at(i) for i in range(3)]
    steps = [(rows[0], "休学", dt.date(2026, 3, 2), dt.date(2026, 8, 31), "因病住院治疗"),
             (rows[0], "审批通过", dt.date(2026, 3, 10), None, "同意"),
             (rows[0], "复学", dt.date(2026, 9, 1), None, "病愈"),
             (rows[1], "转出", dt.date(2026, 11, 16), None, "随父母工作调动"),
             (rows[2], "死亡", dt.date(2026, 10, 9), None, "意外")]
    for row, change, date, until, reason in steps:
        apply_change(ws, ChangeRequest(student=row.id_number or row.id, change=change,
                                       effective=date, until=until, reason=reason))
    window.refresh_after_change()
    window.nav.setCurrentRow(PAGES.index("tasks"))
    shot(window, "tasks.png")
    window.nav.setCurrentRow(PAGES.index("changes"))
    shot(window, "changes.png")
    tab = window.changes_page.verification
    for row in (window.roster.model.row_at(i) for i in range(3, 40)):
        tab.student.setText(row.id_number or row.id)
        tab.mark()
    tab.student.setText(window.roster.model.row_at(40).id_number or "")
    tab.conclusion.setCurrentIndex(tab.conclusion.findData("在籍不在校"))
    tab.action.setText("联系家长，办理转学")
    tab.mark()
    tab.run_checks()
    window.changes_page.tabs.setCurrentIndex(1)
    shot(window, "verification.png")
    controller.edit_student(rows[0].id)
    editor = open_editor(app)
    editor.tabs.setCurrentIndex(editor.tabs.count() - 1)
    shot(editor, "timeline.png")
    close_editor(editor)


def open_editor(app):  # type: ignore[no-untyped-def]
    """The editor just opened (a closed one stays among the top-level widgets), sized."""
    from desktop.views.editor.dialog import StudentEditor

    editor = next(w for w in app.topLevelWidgets() if isinstance(w, StudentEditor) and w.isVisible())
    editor.resize(1280, 700)
    return editor


def close_editor(editor) -> None:  # type: ignore[no-untyped-def]
    """Close without saving and without keeping a draft (a kept draft would be offered, and
    restored, the next time this pupil is opened)."""
    editor.undo_stack.setClean()
    editor.reject()


def planned(tab, act) -> None:  # type: ignore[no-untyped-def]
    """Run `act` and wait for the import tab's preview (read off the GUI thread)."""
    from PySide6.QtCore import QEventLoop

    loop = QEventLoop()
    tab.planned.connect(loop.quit)
    act()
    loop.exec()
    tab.planned.disconnect(loop.quit)


def main() -> None:
    app, folder, shot = start_app()
    db = make_demo(folder)
    wizard_shots(folder, shot)
    app_shots(app, db, shot)


if __name__ == "__main__":
    main()
