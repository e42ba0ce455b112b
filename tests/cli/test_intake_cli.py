"""`xueji intake` as real subprocesses on a real encrypted database: the preschool list kept
(and refused whole, row by row, when a row is wrong), 受控字段 corrected with reason and
evidence, and the handover list of the leaving pupils written with text cells."""

from __future__ import annotations

import datetime as dt

import pytest
from openpyxl import load_workbook

from desktop.exchange.intake_lists import PRESCHOOL_COLUMNS, write_list
from desktop.services.safekeeping.accounts import NewSchool, create_database
from desktop.services.students.add import add_students
from tests.cli.test_import_export_cli import USER, Run, xueji
from tests.conftest import FAST_KDF, PASSWORD
from tests.factories import SCHOOL_CODE, valid_row

PUPIL = valid_row(name="王小一", birth=dt.date(2020, 3, 5), seq=11, class_name="一年级(1)班")
LEAVING = valid_row(name="赵六年", birth=dt.date(2014, 9, 9), seq=13, class_name="六年级(2)班")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Run], object]:
    tmp = tmp_path_factory.mktemp("intake-cli")
    db = tmp / "school.db"
    good = tmp / "学前.xlsx"
    write_list(good, PRESCHOOL_COLUMNS, [{h: PUPIL[h] for h in PRESCHOOL_COLUMNS}])
    bad = tmp / "学前-错.xlsx"
    write_list(bad, PRESCHOOL_COLUMNS, [{**{h: PUPIL[h] for h in PRESCHOOL_COLUMNS}, "性别": "未知"}])
    ws, _key = create_database(db, NewSchool(code=SCHOOL_CODE, name="测试县第一小学",
                                             stages="小学,初中"), USER, PASSWORD, FAST_KDF)
    try:
        add_students(ws, [LEAVING])
    finally:
        ws.lock()
    base = ("--db", db, "--user", USER)
    steps = {
        "bad": ("intake", "preschool", *base, bad),
        "good": ("intake", "preschool", *base, good),
        "no_evidence": ("intake", "correct", *base, "--student", LEAVING["身份证件号"],
                        "--set", "姓名=赵六", "--reason", "户口簿", "--evidence", " "),
        "export": ("intake", "handover-export", *base, "--out", tmp / "交接.xlsx"),
    }
    return {name: xueji(tmp, *args) for name, args in steps.items()}, tmp


def test_a_wrong_row_refuses_the_whole_list(runs) -> None:
    done, _tmp = runs
    assert done["bad"].code == 1
    assert "第2行 性别:" in done["bad"].err and "没有导入任何记录" in done["bad"].out
    assert done["good"].code == 0 and "新增 1 名" in done["good"].out


def test_a_correction_without_evidence_is_refused(runs) -> None:
    done, _tmp = runs
    assert done["no_evidence"].code == 1
    assert "须写明原因和证明材料" in done["no_evidence"].err


def test_the_handover_list_of_the_leaving_pupils(runs) -> None:
    done, tmp = runs
    assert done["export"].code == 0 and "已导出 1 名学生" in done["export"].out
    sheet = load_workbook(tmp / "交接.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("个人标识码", "学生姓名", "身份证号", "毕业学校标识码", "录取学校标识码", "教育阶段")
    assert rows[1][1:4] == ("赵六年", LEAVING["身份证件号"], SCHOOL_CODE)
    assert sheet.cell(2, 3).number_format == "@"


def test_photos_from_a_camera_folder_and_zipped_per_class(tmp_path) -> None:
    from PIL import Image
    db = tmp_path / "school.db"
    ws, _key = create_database(db, NewSchool(code=SCHOOL_CODE, name="测试县第一小学",
                                             stages="小学,初中"), USER, PASSWORD, FAST_KDF)
    try:
        add_students(ws, [LEAVING])
    finally:
        ws.lock()
    folder = tmp_path / "相机"
    folder.mkdir()
    Image.new("RGB", (900, 1200), "blue").save(folder / "赵六年.jpg")
    Image.new("RGB", (900, 1200), "red").save(folder / "IMG_7.jpg")
    base = ("--db", db, "--user", USER)
    stored = xueji(tmp_path, "photos", "import", *base, folder)
    assert stored.code == 0, stored.err
    assert "已保存 1 张，待逐个对应 1 张" in stored.out and "IMG_7.jpg: 没有对应的学生" in stored.err
    zipped = xueji(tmp_path, "photos", "zip", *base, "--out", tmp_path / "上传")
    assert zipped.code == 0 and (tmp_path / "上传" / "六年级_六年级(2)班.zip").is_file()
