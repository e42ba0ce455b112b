"""Screenshots of the everyday flow at 1366×768 for the README: the first-run step indicator,
the unlock dialog naming the school, 待办 by kind, a paper approval in the 学籍变动 dialog, the
学籍档案 ticks, 统计 with readable class names, the Chinese file dialog, and the roster at 130 %.

Run: xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tools/screenshot_flow.py [demo.db]
Without a database it makes the 2,000-pupil demo school (as tools/screenshots.py does).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from screenshots import PASSWORD, make_demo, start_app


def wizard_shot(folder: Path, shot) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.safekeeping.setup_flow import SetupFlow
    from desktop.views.setup_wizard import SetupWizard

    wizard = SetupWizard(SetupFlow(folder / "new.db"))
    wizard.show()
    wizard.school_name.setText("佛山市禅城区示例学校")
    wizard._next()  # the code is missing: said without empty brackets
    shot(wizard, "wizard-school.png")
    wizard.close()


def unlock_and_window(app, db: Path, shot):  # type: ignore[no-untyped-def]
    from desktop.views.controller import AppController

    controller = AppController(app, db)
    controller.start()
    controller.dialog.account.setCurrentText("张老师")
    controller.dialog.password.setText(PASSWORD)
    controller.dialog.try_unlock()  # the school's name is remembered from here on
    controller.lock()
    dialog = controller.dialog
    dialog.account.setCurrentText("张老师")
    dialog.password.setText("wrong-password")
    dialog.try_unlock()
    shot(dialog, "unlock-wrong-password.png")
    dialog.password.setText(PASSWORD)
    dialog.try_unlock()
    return controller


def change_shot(controller, shot) -> None:  # type: ignore[no-untyped-def]
    from desktop.services.changes.status import ChangeRequest, apply_change
    from desktop.views.changes.dialog import ChangeDialog

    window = controller.window
    row = next(r for r in map(window.roster.model.row_at, range(5, 50)) if r.status == "在籍在读")
    apply_change(controller.workspace, ChangeRequest(
        student=row.id_number or row.id, change="休学", effective=dt.date(2026, 11, 2),
        until=dt.date(2027, 6, 30), reason="因病住院治疗"))
    dialog = ChangeDialog(controller.workspace, row.id, window)
    dialog.unit.setText("佛山市禅城区教育局")
    dialog.reason.setText("同意休学至 2027-06-30")
    dialog.scan_label.setText("禅教学籍〔2026〕118号.pdf")
    dialog.show()
    shot(dialog, "change-approval.png")
    dialog.kind.setCurrentIndex(dialog.kind.findData("续休"))
    shot(dialog, "change-dialog.png")
    dialog.reject()


def pages_shots(controller, shot) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.main_window import PAGES

    window = controller.window
    window.refresh_after_change()
    window.nav.setCurrentRow(PAGES.index("tasks"))
    shot(window, "tasks.png")
    window.nav.setCurrentRow(PAGES.index("archive"))
    page = window.archive_page
    page.select_student(page.rows[0].student_id)
    page.checklist.set_present(2, True)
    shot(window, "archive.png")
    window.nav.setCurrentRow(PAGES.index("exchange"))
    window.exchange_page.tabs.setCurrentIndex(3)
    tab = window.exchange_page.statistics
    tab.work.wait()
    for _ in range(5):
        window.repaint()
    shot(window, "statistics.png")


def file_dialog_shot(app, folder: Path, shot) -> None:  # type: ignore[no-untyped-def]
    """The dialog on a folder of workbooks, so sizes and dates show (not on this checkout)."""
    from PySide6.QtWidgets import QFileDialog

    from desktop.views.widgets.file_dialog import _dialog

    papers = folder / "学籍资料"
    (papers / "照片").mkdir(parents=True, exist_ok=True)
    for name, size in (("三年级名单.xlsx", 48_213), ("学前教育匹配名单.xlsx", 9_870),
                       ("全校学生基本信息.xlsx", 1_532_416), ("说明.txt", 512)):
        (papers / name).write_bytes(b"\0" * size)
    dialog = _dialog(None, "选择要导入的 Excel 文件", str(papers),
                     "Excel (*.xlsx *.xlsm);;所有文件 (*)")
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.resize(900, 520)
    dialog.show()
    for _ in range(40):
        app.processEvents()
    shot(dialog, "file-dialog.png")
    dialog.close()


def large_text_shot(app, controller, shot) -> None:  # type: ignore[no-untyped-def]
    from desktop.views.fonts import apply_text_scale
    from desktop.views.main_window import PAGES

    window = controller.window
    apply_text_scale(app, 130)
    window.nav.setCurrentRow(PAGES.index("roster"))
    window.roster.search.setText("")
    window.roster.search.flush()
    shot(window, "roster-130.png")
    apply_text_scale(app, 100)


def main() -> None:
    from desktop import PRODUCT_NAME

    app, folder, shot = start_app(settle=8)
    app.setApplicationDisplayName(PRODUCT_NAME)
    db = Path(sys.argv[1]) if len(sys.argv) > 1 else make_demo(folder)

    wizard_shot(folder, shot)
    file_dialog_shot(app, folder, shot)
    controller = unlock_and_window(app, db, shot)
    change_shot(controller, shot)
    pages_shots(controller, shot)
    large_text_shot(app, controller, shot)
    controller.lock()


if __name__ == "__main__":
    main()
