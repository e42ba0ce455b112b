"""Importing workbooks into a real encrypted database (desktop.services.importing.apply through
desktop.exchange.files): the plan per row, classes created with their grade, matching stored
students, diffs and updates with audit and outbox, all or nothing, --skip-invalid, the same
file twice, and the cell problems of Excel files reported on their Excel rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from desktop.exchange.files import apply_workbook, preview_import, read_import
from desktop.models.outbox import OutboxEntry
from desktop.models.school import SchoolClass
from desktop.services.context import Workspace
from desktop.services.errors import ServiceError
from desktop.services.importing.plan import FieldDiff, ImportPlan, ImportRefused, ImportResult, RowAction
from desktop.services.students.add import add_students
from desktop.services.students.read import StudentQuery, get_student, search
from tests.dbutil import count, counts
from tests.exchange.workbooks import write_workbook
from tests.factories import resident_id, valid_row

TABLES = ("student", "family_member", "school_class", "grade", "audit_log", "outbox")
EMPTY = {"student": 0, "family_member": 0, "school_class": 0, "grade": 0, "audit_log": 2,
         "outbox": 0}  # a new database audits its school and first account


def workbook(tmp_path: Path, rows: list[dict[str, Any]], name: str = "in.xlsx", **kw: Any) -> Path:
    return write_workbook(tmp_path / name, rows, **kw)


def plan_of(ws: Workspace, path: Path, today: dt.date) -> ImportPlan:
    return preview_import(ws, read_import(path), today).plan


def apply(ws: Workspace, path: Path, today: dt.date, **kw: Any) -> ImportResult:
    return apply_workbook(ws, read_import(path), today=today, **kw)


def actions(plan: ImportPlan) -> list[tuple[int, str]]:
    return [(row.row, row.action.name) for row in plan.rows]


def problems(plan: ImportPlan) -> set[tuple[int, str, str]]:
    return {(p.row, p.header, p.code) for row in plan.rows for p in row.problems}


def student_named(ws: Workspace, name: str) -> Any:
    [row] = search(ws, StudentQuery(text=name)).rows
    return get_student(ws, row.id)


def two_rows() -> list[dict[str, Any]]:
    return [valid_row(), valid_row(name="李小红", seq=12, birth=dt.date(2013, 5, 20),
                                   class_name="初一3班")]


def test_new_rows_are_planned_with_their_classes_and_nothing_is_written(
        ws: Workspace, tmp_path: Path, today: dt.date) -> None:
    plan = plan_of(ws, workbook(tmp_path, two_rows(), title="学生信息表"), today)
    assert actions(plan) == [(3, "NEW"), (4, "NEW")]
    assert [(c.name, c.grade) for c in plan.new_classes] == [("三年级(2)班", "三年级"),
                                                              ("初一3班", "初一")]
    assert counts(ws, *TABLES) == EMPTY


def test_apply_creates_students_classes_with_grades_audit_and_outbox(
        ws: Workspace, tmp_path: Path, today: dt.date) -> None:
    result = apply(ws, workbook(tmp_path, two_rows()), today)
    assert len(result.created) == 2 and result.updated == ()
    with ws.store.reading() as session:
        grades = {c.name: (c.grade.stage, c.grade.level, c.number)
                  for c in session.scalars(select(SchoolClass))}
        ops = sorted(session.scalars(select(OutboxEntry.op)))
    assert grades == {"三年级(2)班": ("小学", 3, 2), "初一3班": ("初中", 1, 3)}
    assert ops == ["create", "create"]
    assert count(ws, "audit_log") == EMPTY["audit_log"] + 2 and count(ws, "family_member") == 4


def test_the_same_file_twice_changes_nothing(ws: Workspace, tmp_path: Path, today: dt.date) -> None:
    path = workbook(tmp_path, two_rows())
    apply(ws, path, today)
    before = counts(ws, *TABLES)
    again = apply(ws, path, today)
    assert actions(again.plan) == [(2, "UNCHANGED"), (3, "UNCHANGED")]
    assert (again.created, again.updated) == ((), ())
    assert counts(ws, *TABLES) == before


def test_a_changed_student_gets_a_diff_and_an_update(ws: Workspace, tmp_path: Path,
                                                    today: dt.date) -> None:
    apply(ws, workbook(tmp_path, two_rows()), today)
    changed = two_rows()
    changed[0].update({"联系电话": "13900139000", "成员1姓名": "王建国", "班级": "三年级(3)班"})
    plan = plan_of(ws, workbook(tmp_path, changed, name="changed.xlsx"), today)
    assert actions(plan) == [(2, "CHANGED"), (3, "UNCHANGED")]
    assert set(plan.rows[0].diffs) == {FieldDiff("班级", "三年级(2)班", "三年级(3)班"),
                                       FieldDiff("联系电话", "13800138000", "13900139000"),
                                       FieldDiff("成员1姓名", "王大明", "王建国")}
    assert plan.rows[0].base_version == 1
    assert [(c.name, c.grade) for c in plan.new_classes] == [("三年级(3)班", "三年级")]
    result = apply(ws, workbook(tmp_path, changed, name="changed.xlsx"), today, expected=plan)
    assert result.updated == (plan.rows[0].student_id,) and result.created == ()
    detail = student_named(ws, "王小明")
    assert (detail.values["phone"], detail.values["class_name"], detail.version) == (
        "13900139000", "三年级(3)班", 2)
    assert detail.members[0]["name"] == "王建国"
    with ws.store.reading() as session:
        patch = session.scalars(select(OutboxEntry).where(OutboxEntry.op == "patch")).one()
    assert patch.base_version == 1 and patch.record_id == detail.id
    assert patch.payload["phone"] == "13900139000"


def test_a_plan_that_no_longer_holds_is_refused(ws: Workspace, tmp_path: Path,
                                                today: dt.date) -> None:
    path = workbook(tmp_path, two_rows())
    shown = plan_of(ws, path, today)
    add_students(ws, [valid_row()], today=today)
    with pytest.raises(ServiceError) as caught:
        apply(ws, path, today, expected=shown)
    assert caught.value.code == "import.changed_meanwhile"
    assert count(ws, "student") == 1


def test_one_refused_row_stops_the_whole_import(ws: Workspace, tmp_path: Path,
                                                today: dt.date) -> None:
    rows = two_rows()
    rows[1]["出生日期"] = "2013-02-30"
    with pytest.raises(ImportRefused) as caught:
        apply(ws, workbook(tmp_path, rows, title="表"), today)
    assert problems(caught.value.plan) == {(4, "出生日期", "date.invalid")}
    assert caught.value.plan.refused[0].problems[0].value == "2013-02-30"
    assert counts(ws, *TABLES) == EMPTY


def test_skip_invalid_writes_the_valid_rows_only(ws: Workspace, tmp_path: Path,
                                                today: dt.date) -> None:
    rows = two_rows()
    rows[0]["性别"] = "未知"
    result = apply(ws, workbook(tmp_path, rows), today, skip_invalid=True)
    assert actions(result.plan) == [(2, "REFUSED"), (3, "NEW")]
    assert len(result.created) == 1
    assert [r.name for r in search(ws, StudentQuery()).rows] == ["李小红"]


def test_an_unreadable_class_name_is_reported_on_its_row(ws: Workspace, tmp_path: Path,
                                                         today: dt.date) -> None:
    rows = two_rows()
    rows[1]["班级"] = "兴趣(1)班"
    plan = plan_of(ws, workbook(tmp_path, rows), today)
    assert problems(plan) == {(3, "班级", "class.grade_unknown")}
    assert [c.name for c in plan.new_classes] == ["三年级(2)班"]


def test_class_written_with_full_width_brackets_is_the_stored_class(
        ws: Workspace, tmp_path: Path, today: dt.date) -> None:
    add_students(ws, [valid_row()], today=today)
    plan = plan_of(ws, workbook(tmp_path, [{**valid_row(), "班级": "三年级（2）班"}]), today)
    assert actions(plan) == [(2, "UNCHANGED")] and plan.new_classes == ()


def test_one_new_class_however_its_brackets_are_written(ws: Workspace, tmp_path: Path,
                                                       today: dt.date) -> None:
    rows = [valid_row(), valid_row(name="李小红", seq=12, class_name="三年级（2）班"),
            valid_row(name="张小刚", seq=13, class_name=" 三年级 (2) 班")]
    result = apply(ws, workbook(tmp_path, rows), today)
    assert [c.name for c in result.plan.new_classes] == ["三年级(2)班"]
    assert count(ws, "school_class") == 1 and count(ws, "student") == 3


def test_id_number_excel_turned_into_a_number_is_refused_alone(
        ws: Workspace, tmp_path: Path, today: dt.date) -> None:
    rows = two_rows()
    rows[0]["身份证件号"] = int(rows[0]["身份证件号"])
    plan = plan_of(ws, workbook(tmp_path, rows), today)
    assert problems(plan) == {(2, "身份证件号", "cell.id_as_number")}


def test_full_width_digits_and_spaces_are_normalised(ws: Workspace, tmp_path: Path,
                                                     today: dt.date) -> None:
    row = valid_row()
    wide = str.maketrans("0123456789", "０１２３４５６７８９")
    spaced = {**row, "身份证件号": " " + row["身份证件号"][:6] + " " + row["身份证件号"][6:].translate(wide),
              "联系电话": "138 0013 8000 ", "出生日期": " 20170305", "姓名": " 王小明 "}
    apply(ws, workbook(tmp_path, [spaced]), today)
    detail = student_named(ws, "王小明")
    assert (detail.values["id_number"], detail.values["phone"]) == (row["身份证件号"], "13800138000")
    assert detail.values["name"] == "王小明"
    assert apply(ws, workbook(tmp_path, [row], name="plain.xlsx"), today).plan.rows[0].action \
        is RowAction.UNCHANGED


def test_fifteen_digit_id_number_is_upgraded(ws: Workspace, tmp_path: Path, today: dt.date) -> None:
    eighteen = resident_id("440604", dt.date(1985, 6, 1), 113)
    fifteen = eighteen[:6] + eighteen[8:17]
    result = apply(ws, workbook(tmp_path, [{**valid_row(), "成员1身份证件号": int(fifteen)}]), today)
    [warning] = result.plan.rows[0].warnings
    assert (warning.header, warning.code) == ("成员1身份证件号", "id.upgraded")
    assert student_named(ws, "王小明").members[0]["id_number"] == eighteen


def test_merged_data_cell_of_a_required_column_refuses_its_row(
        ws: Workspace, tmp_path: Path, today: dt.date) -> None:
    plan = plan_of(ws, workbook(tmp_path, two_rows(), merge=["T2:T3"]), today)  # T: 现住址
    assert problems(plan) == {(3, "现住址", "cell.merged")}


def test_older_template_keeps_the_items_it_lacks(ws: Workspace, tmp_path: Path,
                                                 today: dt.date) -> None:
    add_students(ws, [{**valid_row(), "曾用名": "王明明", "特长": "书法"}], today=today)
    headers = [h for h in valid_row() if h not in ("曾用名", "特长", "是否进城务工人员随迁子女")]
    plan = plan_of(ws, workbook(tmp_path, [valid_row()], headers=headers), today)
    assert actions(plan) == [(2, "UNCHANGED")]
    assert plan.rows[0].warnings == ()
    new = plan_of(ws, workbook(tmp_path, [valid_row(name="李小红", seq=12)], name="b.xlsx",
                               headers=headers), today)
    assert actions(new) == [(2, "NEW")]


def test_a_student_without_id_number_is_matched_by_name_birth_and_sex(
        ws: Workspace, tmp_path: Path, today: dt.date) -> None:
    without = {**valid_row(), "身份证件类型": "其他", "身份证件号": ""}
    add_students(ws, [without], today=today)
    plan = plan_of(ws, workbook(tmp_path, [valid_row()]), today)
    assert actions(plan) == [(2, "CHANGED")]
    assert {d.header for d in plan.rows[0].diffs} == {"身份证件类型", "身份证件号"}


def test_same_name_birth_and_sex_with_another_id_number_is_someone_else(
        ws: Workspace, tmp_path: Path, today: dt.date) -> None:
    add_students(ws, [valid_row(seq=11)], today=today)
    plan = plan_of(ws, workbook(tmp_path, [valid_row(seq=13)]), today)
    assert actions(plan) == [(2, "NEW")]
    assert [w.code for w in plan.rows[0].warnings] == ["student.possible_duplicate"]


def test_row_of_another_school_is_refused(ws: Workspace, tmp_path: Path, today: dt.date) -> None:
    plan = plan_of(ws, workbook(tmp_path, [{**valid_row(), "学校标识码": "1101010001"}]), today)
    assert problems(plan) == {(2, "学校标识码", "school.code_mismatch")}
