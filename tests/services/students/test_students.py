"""Adding students (services.students.add.add_students) and reading one back: one 学籍 per
ID number, possible duplicates flagged, classes and grades created from class names, entry
mode against the stage, the school code, roles, provisional 学籍号 and complete values."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.domain.record import read_record
from desktop.messages import describe
from desktop.models.history import StatusChange, StudentNumberHistory
from desktop.models.school import Grade, SchoolClass
from desktop.services.changed import Changed
from desktop.services.context import Role, Workspace
from desktop.services.errors import RecordsRejected, ServiceError
from desktop.services.safekeeping.accounts import add_account, unlock
from desktop.services.students.add import add_students
from desktop.services.students.duplicates import PossibleDuplicates
from desktop.services.students.read import get_student
from desktop.services.students.update import update_student
from tests.dbutil import count
from tests.factories import valid_row


def rejected(ws: Workspace, rows: list[dict[str, str]], today: dt.date) -> dict[int, set]:
    """{record index: {(header, code)}} of a refused batch."""
    with pytest.raises(RecordsRejected) as caught:
        add_students(ws, rows, today=today)
    return {i: {(e.field, e.code) for e in errs} for i, errs in caught.value.problems.items()}


def test_id_number_already_stored_is_refused(ws: Workspace, today: dt.date) -> None:
    add_students(ws, [valid_row(name="王小明")], today=today)
    again = valid_row(name="王晓明")
    with pytest.raises(RecordsRejected) as caught:
        add_students(ws, [again], today=today)
    [error] = caught.value.problems[0]
    assert (error.field, error.code) == ("身份证件号", "id.exists")
    assert error.params["name"] == "王小明"
    assert error.params["class_name"] == "三年级(2)班"
    assert error.params["xjh"] == "G" + again["身份证件号"]
    assert count(ws, "student") == 1


def test_id_number_written_differently_is_still_the_same(ws: Workspace, today: dt.date) -> None:
    first = valid_row(seq=9)  # ID number ends in X
    add_students(ws, [first], today=today)
    lower = {**first, "姓名": "王晓明", "身份证件号": first["身份证件号"].lower()}
    assert rejected(ws, [lower], today) == {0: {("身份证件号", "id.exists")}}


def test_same_id_twice_in_one_batch_is_refused(ws: Workspace, today: dt.date) -> None:
    row = valid_row()
    twin = {**row, "姓名": "王晓明"}
    with pytest.raises(RecordsRejected) as caught:
        add_students(ws, [row, valid_row(name="李小红", seq=12), twin], today=today)
    assert set(caught.value.problems) == {2}
    [error] = caught.value.problems[2]
    assert (error.code, error.params["other"]) == ("id.duplicate_in_batch", 1)
    assert count(ws, "student") == 0


def test_same_name_birth_and_sex_is_saved_as_possible_duplicate(ws: Workspace,
                                                                today: dt.date) -> None:
    [first] = add_students(ws, [valid_row(seq=11)], today=today).ids
    result = add_students(ws, [valid_row(seq=13)], today=today)
    [second] = result.ids
    assert [(e.field, e.code) for e in result.warnings[0]] == [("姓名", "student.possible_duplicate")]
    assert result.possible_duplicates[0].id == first
    assert get_student(ws, second).possible_duplicate_of == first
    assert get_student(ws, first).possible_duplicate_of is None


def test_a_save_held_if_duplicate_writes_nothing_and_lists_every_match(
        ws: Workspace, today: dt.date) -> None:
    first, second = add_students(ws, [valid_row(seq=11, class_name="三年级(2)班"),
                                      valid_row(seq=13, class_name="三年级(3)班")],
                                 today=today).ids
    with pytest.raises(PossibleDuplicates) as held:
        add_students(ws, [valid_row(seq=15)], today=today, hold_if_duplicate=True)
    assert [row.id for row in held.value.rows[0]] == [first, second]
    assert {row.class_name for row in held.value.rows[0]} == {"三年级(2)班", "三年级(3)班"}
    assert count(ws, "student") == 2
    assert "尚未保存" in describe(held.value.code, held.value.params)  # nothing was written
    assert "已保存" not in describe(held.value.code, held.value.params).replace("尚未保存", "")


def test_an_update_held_if_duplicate_keeps_the_stored_record(ws: Workspace,
                                                             today: dt.date) -> None:
    first, other = add_students(ws, [valid_row(seq=11), valid_row(name="李四", seq=15)],
                                today=today).ids
    with pytest.raises(PossibleDuplicates) as held:
        update_student(ws, other, valid_row(seq=15), today=today, hold_if_duplicate=True)
    assert [row.id for row in held.value.rows[0]] == [first]
    assert get_student(ws, other).values["name"] == "李四"
    update_student(ws, first, valid_row(seq=11), today=today, hold_if_duplicate=True)  # itself


def test_possible_duplicate_within_one_batch_is_a_warning(ws: Workspace, today: dt.date) -> None:
    result = add_students(ws, [valid_row(seq=11), valid_row(seq=13)], today=today)
    assert len(result.ids) == 2
    assert [e.code for e in result.warnings[1]] == ["student.possible_duplicate_in_batch"]
    assert 0 not in result.warnings


def test_classes_and_grades_are_created_from_class_names(ws: Workspace, today: dt.date) -> None:
    rows = [valid_row(name="王小明", seq=11), valid_row(name="李小红", seq=12),
            valid_row(name="张小刚", seq=13, class_name="初一3班"),
            valid_row(name="赵小燕", seq=14, class_name="七年级(1)班")]
    ids = add_students(ws, rows, today=today).ids
    with ws.store.reading() as session:
        classes = {c.name: (c.grade.name, c.grade.stage, c.grade.level, c.grade.entry_year,
                            c.number) for c in session.scalars(select(SchoolClass))}
        grades = session.scalars(select(Grade)).all()
    assert classes == {"三年级(2)班": ("三年级", "小学", 3, 2024, 2),
                       "初一3班": ("初一", "初中", 1, 2026, 3),
                       "七年级(1)班": ("初一", "初中", 1, 2026, 1)}
    assert len(grades) == 2
    assert [get_student(ws, i).grade_name for i in ids] == ["三年级", "三年级", "初一", "初一"]


def test_existing_class_is_reused(ws: Workspace, today: dt.date) -> None:
    add_students(ws, [valid_row(name="王小明", seq=11)], today=today)
    add_students(ws, [valid_row(name="李小红", seq=12)], today=today)
    assert count(ws, "school_class") == 1
    assert count(ws, "grade") == 1


def test_unreadable_class_name_is_refused(ws: Workspace, today: dt.date) -> None:
    assert rejected(ws, [valid_row(class_name="火箭班")], today) == {
        0: {("班级", "class.number_unknown")}}


def test_stage_the_school_does_not_run_is_refused(ws: Workspace, today: dt.date) -> None:
    row = {**valid_row(class_name="高二(5)班"), "入学方式": "统一招生考试/普通入学"}
    assert rejected(ws, [row], today) == {0: {("班级", "class.stage_not_run")}}


def test_senior_entry_mode_for_primary_pupil_is_refused(ws: Workspace, today: dt.date) -> None:
    row = {**valid_row(), "入学方式": "统一招生考试/普通入学"}
    assert rejected(ws, [row], today) == {0: {("入学方式", "entry_mode.stage")}}
    assert count(ws, "student") == 0


def test_other_school_code_is_refused(ws: Workspace, today: dt.date) -> None:
    row = {**valid_row(), "学校标识码": "4406040002"}
    with pytest.raises(RecordsRejected) as caught:
        add_students(ws, [row], today=today)
    [error] = caught.value.problems[0]
    assert (error.field, error.code) == ("学校标识码", "school.code_mismatch")
    assert error.params == {"value": "4406040002", "expected": "4406040001"}


def test_row_without_school_code_is_accepted(ws: Workspace, today: dt.date) -> None:
    row = {k: v for k, v in valid_row().items() if k != "学校标识码"}
    assert len(add_students(ws, [row], today=today).ids) == 1


def test_viewer_cannot_add(ws: Workspace, today: dt.date, db_path: Path, fast_kdf) -> None:
    add_account(ws, "viewer1", Role.VIEWER, "viewer-pass-1", fast_kdf)
    viewer = unlock(db_path, "viewer1", "viewer-pass-1")
    try:
        assert viewer.actor.role is Role.VIEWER
        with pytest.raises(ServiceError) as caught:
            add_students(viewer, [valid_row()], today=today)
        assert caught.value.code == "permission.denied"
        assert count(viewer, "student") == 0
    finally:
        viewer.lock()


def test_viewer_cannot_add_accounts(ws: Workspace, db_path: Path, fast_kdf) -> None:
    add_account(ws, "viewer1", Role.VIEWER, "viewer-pass-1", fast_kdf)
    viewer = unlock(db_path, "viewer1", "viewer-pass-1")
    try:
        with pytest.raises(ServiceError) as caught:
            add_account(viewer, "viewer2", Role.REGISTRAR, "viewer-pass-2", fast_kdf)
        assert caught.value.code == "permission.denied"
    finally:
        viewer.lock()


def test_account_name_is_taken_once(ws: Workspace, fast_kdf) -> None:
    with pytest.raises(ServiceError) as caught:
        add_account(ws, "registrar", Role.VIEWER, "viewer-pass-1", fast_kdf)
    assert caught.value.code == "account.exists"


def test_resident_id_gets_a_provisional_g_number(ws: Workspace, today: dt.date) -> None:
    row = valid_row()
    [sid] = add_students(ws, [row], today=today).ids
    detail = get_student(ws, sid)
    assert detail.xjh == "G" + row["身份证件号"]
    assert detail.xjh_provisional
    with ws.store.reading() as session:
        history = session.scalars(select(StudentNumberHistory)).all()
    assert [(h.student_id, h.number, h.kind, h.provisional) for h in history] == [
        (sid, detail.xjh, "G", True)]


def test_passport_holder_gets_no_number(ws: Workspace, today: dt.date) -> None:
    row = {**valid_row(), "身份证件类型": "护照", "身份证件号": "E12345678",
           "国籍/地区": "USA", "港澳台侨外": "外国人"}
    [sid] = add_students(ws, [row], today=today).ids
    detail = get_student(ws, sid)
    assert detail.xjh is None
    assert detail.values["id_number"] == "E12345678"
    assert count(ws, "student_number_history") == 0


def test_new_student_is_active_with_an_entry_event(ws: Workspace, today: dt.date) -> None:
    [sid] = add_students(ws, [valid_row()], today=today).ids
    assert get_student(ws, sid).status == "在籍在读"
    with ws.store.reading() as session:
        [event] = session.scalars(select(StatusChange)).all()
    assert (event.student_id, event.seq, event.to_status, event.effective_date) == (
        sid, 1, "ACTIVE", today)


def test_get_student_returns_every_value(ws: Workspace, today: dt.date) -> None:
    row = {**valid_row(), "曾用名": "王明", "血型": "O型", "上下学距离（公里）": "2.5",
           "电子信箱": "wang@example.com", "成员2工作单位": "佛山市第一中学", "成员2职务": "教师"}
    record = read_record(row)
    assert record.blocking == []
    [sid] = add_students(ws, [row], today=today).ids
    detail = get_student(ws, sid)
    expected = {key: None for key in detail.values} | record.values
    assert dict(detail.values) == expected
    assert len(detail.members) == 2
    for stored, given in zip(detail.members, record.members, strict=True):
        assert dict(stored) == {key: None for key in stored} | given
    assert detail.version == 1


def test_unknown_student_id(ws: Workspace) -> None:
    with pytest.raises(ServiceError) as caught:
        get_student(ws, "no-such-id")
    assert caught.value.code == "student.not_found"


def test_warnings_are_returned_but_do_not_block(ws: Workspace, today: dt.date) -> None:
    row = {k: v for k, v in valid_row().items() if k != "是否孤儿"}
    result = add_students(ws, [row], today=today)
    assert len(result.ids) == 1
    assert [(e.field, e.code) for e in result.warnings[0]] == [("是否孤儿", "recommended")]


def test_a_save_says_what_it_changed(ws: Workspace, today: dt.date) -> None:
    """The window shows again only what a save names: a new pupil changes the lists of pupils,
    an edit only that pupil's row, an edit that changes nothing nothing at all."""
    added = add_students(ws, [valid_row(seq=11)], today=today)
    [pupil] = added.ids
    assert added.changed == Changed(students=frozenset({pupil}), roster=True, tasks=True)
    renamed = update_student(ws, pupil, valid_row(name="王晓明", seq=11), today=today)
    assert renamed.changed == Changed(students=frozenset({pupil}), tasks=True)
    moved = update_student(ws, pupil, valid_row(name="王晓明", seq=11, class_name="四年级(9)班"),
                           today=today)
    assert moved.changed.roster  # a new class: the class lists change too
    same = update_student(ws, pupil, valid_row(name="王晓明", seq=11, class_name="四年级(9)班"),
                          today=today)
    assert not same.changed.students and not same.changed.roster
