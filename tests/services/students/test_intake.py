"""The preschool matched list and the entrance handover list on real encrypted databases:
the five items of a listed pupil are 受控字段 (a record entered with other values is refused,
an update or a template import that changes them is refused, the editor is told which items
are locked), corrections go through the change procedure with reason and evidence; the
handover list is written for the leaving pupils and kept at the admitting school."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.idnumber import mask
from desktop.exchange.files import apply_workbook, read_import
from desktop.exchange.intake_lists import HANDOVER_COLUMNS, PRESCHOOL_COLUMNS, read_list, write_list
from desktop.models.audit import AuditEntry
from desktop.models.outbox import OutboxEntry
from desktop.services.context import Role, Workspace
from desktop.services.errors import RecordsRejected, ServiceError
from desktop.services.importing.plan import ImportRefused
from desktop.services.reports.entrance_handover import handover_rows
from desktop.services.safekeeping.accounts import NewSchool, add_account, create_database, unlock
from desktop.services.students.add import add_students
from desktop.services.students.correction import correct_controlled
from desktop.services.students.intake import (
    controlled_items,
    import_handover,
    import_preschool,
    waiting_pupils,
)
from desktop.services.students.read import StudentQuery, get_student, search
from desktop.services.students.update import update_student
from tests.conftest import FAST_KDF, PASSWORD
from tests.exchange.workbooks import write_workbook
from tests.factories import SCHOOL_CODE, valid_row

FIRST = valid_row(name="王小一", birth=dt.date(2020, 3, 5), seq=11, class_name="一年级(1)班")
SECOND = valid_row(name="李小二", birth=dt.date(2020, 6, 1), seq=12, class_name="一年级(1)班")


def preschool_file(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / "学前.xlsx"
    write_list(path, PRESCHOOL_COLUMNS, [{h: row[h] for h in PRESCHOOL_COLUMNS} for row in rows])
    return path


def listed(ws: Workspace, tmp_path: Path, rows: list[dict[str, str]] | None = None):  # type: ignore[no-untyped-def]
    listing = read_list(preschool_file(tmp_path, rows or [FIRST, SECOND]), PRESCHOOL_COLUMNS)
    return import_preschool(ws, listing.rows, listing.file_name)


def student_id(ws: Workspace, name: str) -> str:
    [row] = search(ws, StudentQuery(text=name)).rows
    return row.id


def test_listed_pupils_are_entered_with_the_list_items_and_then_locked(ws, tmp_path) -> None:
    result = listed(ws, tmp_path)
    assert (result.added, result.refused, result.written) == (2, (), True)
    with pytest.raises(RecordsRejected) as caught:
        add_students(ws, [{**FIRST, "姓名": "王晓一"}])  # not the name the list carries
    assert [e.code for e in caught.value.problems[0]] == ["intake.record_differs"]
    add_students(ws, [FIRST])
    sid = student_id(ws, "王小一")
    assert controlled_items(ws, sid) == ("姓名", "性别", "出生日期", "身份证件类型", "身份证件号")
    with pytest.raises(RecordsRejected):
        update_student(ws, sid, {**FIRST, "姓名": "王晓一"})
    update_student(ws, sid, {**FIRST, "现住址": "辽宁省阜新市彰武县新址1号"})  # other items stay free
    assert get_student(ws, sid).values["current_address"] == "辽宁省阜新市彰武县新址1号"


def test_a_template_import_cannot_change_a_locked_item(ws, tmp_path) -> None:
    listed(ws, tmp_path)
    add_students(ws, [FIRST])
    path = write_workbook(tmp_path / "roster.xlsx", [{**FIRST, "姓名": "王晓一"}])
    with pytest.raises(ImportRefused) as caught:
        apply_workbook(ws, read_import(path), today=dt.date(2026, 11, 26))
    codes = {p.code for row in caught.value.plan.rows for p in row.problems}
    assert codes == {"intake.record_differs"}


def test_corrections_need_reason_and_evidence_and_keep_the_lock(ws, tmp_path) -> None:
    listed(ws, tmp_path)
    add_students(ws, [FIRST])
    sid = student_id(ws, "王小一")
    with pytest.raises(ServiceError) as caught:
        correct_controlled(ws, sid, {"姓名": "王晓一"}, reason="户口簿登记为王晓一", evidence=" ")
    assert caught.value.code == "correction.evidence_required"
    with pytest.raises(ServiceError) as caught:
        correct_controlled(ws, sid, {"现住址": "x"}, reason="r", evidence="e")
    assert caught.value.code == "correction.not_controlled"
    done = correct_controlled(ws, sid, {"姓名": "王晓一"}, reason="户口簿登记为王晓一",
                              evidence="户口簿复印件")
    assert done == ("姓名",) and get_student(ws, sid).values["name"] == "王晓一"
    with ws.store.reading() as session:
        evidence = session.scalars(select(AuditEntry.after).where(
            AuditEntry.action == "student.correction_evidence")).one()
    assert "户口簿复印件" in str(evidence)
    assert controlled_items(ws, sid)  # still locked, now with the corrected name
    with pytest.raises(RecordsRejected):
        update_student(ws, sid, {**FIRST, "姓名": "王小一"})


def test_a_list_row_that_contradicts_a_stored_pupil_writes_nothing(ws, tmp_path) -> None:
    add_students(ws, [SECOND])
    result = listed(ws, tmp_path, [FIRST, {**SECOND, "姓名": "李晓二"}])
    assert not result.written and [(p.row, p.code) for p in result.refused] == [
        (3, "intake.student_differs")]
    assert listed(ws, tmp_path).linked == 1  # the right list links the stored pupil


def test_list_rows_with_wrong_items_are_refused_with_their_rows(ws, tmp_path) -> None:
    bad = {**FIRST, "身份证件号": FIRST["身份证件号"][:-1] + "0", "性别": "男女"}
    result = listed(ws, tmp_path, [bad, SECOND])
    assert {(p.row, p.column) for p in result.refused} == {(2, "身份证件号"), (2, "性别")}
    assert not result.written


LEAVING = valid_row(name="赵六年", birth=dt.date(2014, 9, 9), seq=13, class_name="六年级(2)班")
MIDDLE = NewSchool(code="4406040099", name="测试县第一中学", stages="初中")


def handover_file(ws: Workspace, tmp_path: Path,
                  number: str | None = None) -> tuple[Path, list[dict[str, str]]]:
    """The handover list of `ws`'s leaving pupils for MIDDLE (个人标识码 `number` when given)."""
    rows = handover_rows(ws, to_school=MIDDLE.code)
    if number:
        rows[0]["个人标识码"] = number
    path = tmp_path / "交接.xlsx"
    write_list(path, HANDOVER_COLUMNS, rows)
    return path, rows


def test_handover_list_goes_out_and_is_kept_at_the_admitting_school(ws, tmp_path) -> None:
    leaving = LEAVING
    add_students(ws, [leaving, FIRST])
    path, rows = handover_file(ws, tmp_path)
    assert [(r["学生姓名"], r["教育阶段"], r["录取学校标识码"]) for r in rows] == [
        ("赵六年", "初中", "4406040099")]
    other, _key = create_database(tmp_path / "middle.db", MIDDLE, "registrar", PASSWORD, FAST_KDF)
    try:
        listing = read_list(path, HANDOVER_COLUMNS)
        assert listing.rows[0].cells["身份证号"] == leaving["身份证件号"]
        result = import_handover(other, listing.rows, listing.file_name)
        assert (result.added, result.written) == (1, True)
        again = import_handover(other, listing.rows, listing.file_name)
        assert again.unchanged == 1
    finally:
        other.lock()
    refused = import_handover(ws, read_list(path, HANDOVER_COLUMNS).rows, "交接.xlsx")
    assert [p.code for p in refused.refused] == ["handover.other_school"]


def test_the_listed_pupils_without_a_record_wait_in_list_order(ws, tmp_path) -> None:
    listed(ws, tmp_path)
    waiting = waiting_pupils(ws)
    assert [p.cells["姓名"] for p in waiting] == ["王小一", "李小二"]
    assert waiting[0].cells == {h: FIRST[h] for h in PRESCHOOL_COLUMNS} and waiting[0].source == "学前.xlsx"
    assert waiting[0].locked
    add_students(ws, [FIRST])
    assert [p.cells["姓名"] for p in waiting_pupils(ws)] == ["李小二"]


def test_a_handover_pupils_new_record_takes_the_lists_number(ws, tmp_path, today) -> None:
    leaving = LEAVING
    add_students(ws, [leaving])
    confirmed = "G" + leaving["身份证件号"]  # as the national system confirmed it
    path, rows = handover_file(ws, tmp_path, confirmed)
    other, _key = create_database(tmp_path / "middle.db", MIDDLE, "registrar", PASSWORD, FAST_KDF)
    try:
        listing = read_list(path, HANDOVER_COLUMNS)
        import_handover(other, listing.rows, listing.file_name)
        [waiting] = waiting_pupils(other)
        assert (waiting.kind, waiting.xjh, waiting.locked) == ("handover", rows[0]["个人标识码"], False)
        assert waiting.cells == {"姓名": "赵六年", "身份证件类型": "居民身份证",
                                 "身份证件号": leaving["身份证件号"]}
        add_students(other, [{**leaving, "班级": "初一(1)班", "学校标识码": "4406040099"}], today=today)
        [row] = search(other, StudentQuery(text="赵六年")).rows
        detail = get_student(other, row.id)
        assert (detail.xjh, detail.xjh_provisional, detail.version) == (rows[0]["个人标识码"], False, 2)
        assert waiting_pupils(other) == ()
    finally:
        other.lock()


def test_a_viewer_sees_the_waiting_pupils_numbers_masked(ws, tmp_path) -> None:
    """The 个人标识码 of the handover list is the pupil's 学籍号: masked for a viewer like the
    ID number beside it."""
    leaving = valid_row(name="赵六年", birth=dt.date(2014, 9, 9), seq=13, class_name="六年级(2)班")
    add_students(ws, [leaving])
    rows = handover_rows(ws, to_school="4406040099")
    rows[0]["个人标识码"] = "G" + leaving["身份证件号"]
    path = tmp_path / "交接.xlsx"
    write_list(path, HANDOVER_COLUMNS, rows)
    school = NewSchool(code="4406040099", name="测试县第一中学", stages="初中")
    other, _key = create_database(tmp_path / "middle.db", school, "registrar", PASSWORD, FAST_KDF)
    try:
        import_handover(other, read_list(path, HANDOVER_COLUMNS).rows, "交接.xlsx")
        add_account(other, "viewer1", Role.VIEWER, "viewer-pass-1", FAST_KDF)
    finally:
        other.lock()
    viewer = unlock(tmp_path / "middle.db", "viewer1", "viewer-pass-1")
    try:
        [waiting] = waiting_pupils(viewer)
    finally:
        viewer.lock()
    number = leaving["身份证件号"]
    assert waiting.cells["身份证件号"] == mask(number)
    assert waiting.xjh == "G" + mask(number) and number not in (waiting.xjh or "")


def test_a_number_corrected_to_a_handover_pupils_takes_the_lists_number(ws, tmp_path, today) -> None:
    """A pupil entered with a mistyped ID number before the handover list came: correcting the
    number links the list's entry (it no longer waits) and the record takes its 个人标识码,
    queued for the registry; a pupil with a confirmed 学籍号 keeps it."""
    right = valid_row(name="李小红", seq=14)["身份证件号"]
    entered = valid_row(name="李小红", seq=12)  # the same girl, the number mistyped
    add_students(ws, [entered], today=today)
    path = tmp_path / "交接.xlsx"
    write_list(path, HANDOVER_COLUMNS, [{"个人标识码": "G" + right, "学生姓名": "李小红",
                                         "身份证号": right, "毕业学校标识码": "4406040098",
                                         "录取学校标识码": SCHOOL_CODE, "教育阶段": "小学"}])
    import_handover(ws, read_list(path, HANDOVER_COLUMNS).rows, "交接.xlsx")
    assert len(waiting_pupils(ws)) == 1
    [row] = search(ws, StudentQuery(text="李小红")).rows
    update_student(ws, row.id, {**entered, "身份证件号": right}, today=today)
    detail = get_student(ws, row.id)
    assert (detail.xjh, detail.xjh_provisional) == ("G" + right, False)
    assert waiting_pupils(ws) == ()
    with ws.store.reading() as session:
        queued = [entry.payload for entry in session.scalars(select(OutboxEntry).where(
            OutboxEntry.record_id == row.id).order_by(OutboxEntry.device_seq))]
    assert {"xjh": "G" + right} in queued
