"""The editor on a pupil from the preschool matched list: the five 受控字段 are shown, not
editable, with the reason and the way to correct them; every other item stays editable."""

from __future__ import annotations

import datetime as dt

from desktop.exchange.intake_lists import PRESCHOOL_COLUMNS, read_list, write_list
from desktop.services.students.add import add_students
from desktop.services.students.intake import import_preschool
from desktop.services.students.read import StudentQuery, search
from desktop.views.editor.dialog import StudentEditor
from tests.factories import valid_row


def test_locked_items_are_shown_disabled_with_the_reason(qtbot, ws, tmp_path) -> None:
    row = valid_row(name="王小一", birth=dt.date(2020, 3, 5), class_name="一年级(1)班")
    write_list(tmp_path / "学前.xlsx", PRESCHOOL_COLUMNS, [{h: row[h] for h in PRESCHOOL_COLUMNS}])
    listing = read_list(tmp_path / "学前.xlsx", PRESCHOOL_COLUMNS)
    import_preschool(ws, listing.rows, listing.file_name)
    add_students(ws, [row, valid_row(name="李四", seq=13)])
    ids = {r.name: r.id for r in search(ws, StudentQuery()).rows}
    editor = StudentEditor(ws, ids["王小一"])
    free = StudentEditor(ws, ids["李四"])
    try:
        for header in PRESCHOOL_COLUMNS:
            assert not editor.form.fields[header].editor.isEnabled()
            assert "受控字段" in editor.form.fields[header].toolTip()
            assert free.form.fields[header].editor.isEnabled()
        assert editor.form.fields["现住址"].editor.isEnabled()
        assert "更正受控字段" in editor.form.legend.text()
        assert "受控字段" not in free.form.legend.text()
        assert editor.form.fields["姓名"].text() == "王小一"
    finally:
        for widget in (editor, free):
            widget.discard_and_close()
            widget.deleteLater()


def test_the_correction_dialog_asks_for_evidence_then_corrects(qtbot, ws, tmp_path) -> None:
    from desktop.views.editor.correction_dialog import CorrectionDialog
    row = valid_row(name="王小一", birth=dt.date(2020, 3, 5), class_name="一年级(1)班")
    write_list(tmp_path / "学前.xlsx", PRESCHOOL_COLUMNS, [{h: row[h] for h in PRESCHOOL_COLUMNS}])
    listing = read_list(tmp_path / "学前.xlsx", PRESCHOOL_COLUMNS)
    import_preschool(ws, listing.rows, listing.file_name)
    add_students(ws, [row])
    [found] = search(ws, StudentQuery(text="王小一")).rows
    editor = StudentEditor(ws, found.id)
    try:
        assert editor.correct_button.text() == "更正受控字段…"
        dialog = CorrectionDialog(ws, found.id, {"姓名": "王小一"}, editor)
        dialog.edits["姓名"].setText("王晓一")
        dialog.reason.setText("户口簿登记为王晓一")
        assert not dialog.apply() and "证明材料" in dialog.banner.text()
        dialog.evidence.setText("户口簿复印件")
        assert dialog.apply()
        editor.reload_student()
        assert editor.form.fields["姓名"].text() == "王晓一" and not editor.is_dirty()
    finally:
        editor.discard_and_close()
        editor.deleteLater()
