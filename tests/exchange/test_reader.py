"""Reading import workbooks (desktop.exchange.xlsx_reader): the header found by its names under
title rows, the right sheet among several, Excel's numbers and dates turned into template
text, ID numbers Excel stored as numbers refused with the fix, merged cells, aliases of the
national export, older templates, and files that are not workbooks at all."""

from __future__ import annotations

import datetime as dt
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from desktop.domain.fields import template_headers
from desktop.exchange.xlsx_reader import read_workbook
from desktop.messages import describe
from desktop.services.errors import ServiceError
from tests.exchange.workbooks import write_workbook
from tests.factories import valid_row


def refused(path: Path) -> ServiceError:
    with pytest.raises(ServiceError) as caught:
        read_workbook(path)
    return caught.value


def test_template_rows_keep_their_excel_row_numbers(tmp_path: Path) -> None:
    rows = [valid_row(), valid_row(name="李小红", seq=12)]
    sheet = read_workbook(write_workbook(tmp_path / "a.xlsx", rows))
    assert (sheet.sheet, sheet.header_row) == ("学生信息", 1)
    assert [row.number for row in sheet.rows] == [2, 3]
    assert sheet.rows[1].cells["姓名"] == "李小红"
    assert sheet.columns == tuple(template_headers())
    assert sheet.ignored == () and sheet.missing_optional == ()


def test_merged_title_row_does_not_hide_the_header(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "a.xlsx", [valid_row()], title="某某小学学生信息表（2026年秋）")
    sheet = read_workbook(path)
    assert sheet.header_row == 2
    assert [row.number for row in sheet.rows] == [3]
    assert sheet.rows[0].cell_errors == ()


def test_header_further_down_and_blank_rows_between_students(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["学生信息表"])
    sheet.append(["填表说明：带★的为必填项"])
    sheet.append([])
    sheet.append(template_headers())
    sheet.append([valid_row().get(h) for h in template_headers()])
    sheet.append([])
    sheet.append([valid_row(name="李小红", seq=12).get(h) for h in template_headers()])
    book.save(tmp_path / "a.xlsx")
    read = read_workbook(tmp_path / "a.xlsx")
    assert read.header_row == 4
    assert [row.number for row in read.rows] == [5, 7]


def test_the_sheet_with_the_template_header_is_chosen(tmp_path: Path) -> None:
    path = write_workbook(tmp_path / "a.xlsx", [valid_row()], sheet="数据", before=["说明", "代码"])
    assert read_workbook(path).sheet == "数据"


def test_id_number_stored_as_a_number_is_refused_with_the_fix(tmp_path: Path) -> None:
    row = valid_row()
    path = write_workbook(tmp_path / "a.xlsx", [{**row, "身份证件号": int(row["身份证件号"])}])
    [error] = read_workbook(path).rows[0].cell_errors
    assert (error.field, error.code, error.warning) == ("身份证件号", "cell.id_as_number", False)
    text = describe(error.code, error.params)
    assert text.startswith("Excel 把身份证件号存成了数字，精度已丢失")
    assert "文本" in text and "重新输入" in text
    assert "e+17" in error.params["value"]


def test_id_number_in_scientific_notation_text_is_refused(tmp_path: Path) -> None:
    row = {**valid_row(), "成员1身份证件号": "4.40604E+17"}
    [error] = read_workbook(write_workbook(tmp_path / "a.xlsx", [row])).rows[0].cell_errors
    assert (error.field, error.code) == ("成员1身份证件号", "cell.id_as_number")


def test_fifteen_digit_id_number_stored_as_a_number_is_kept(tmp_path: Path) -> None:
    row = {**valid_row(), "成员1身份证件号": 440604850601113}
    read = read_workbook(write_workbook(tmp_path / "a.xlsx", [row])).rows[0]
    assert read.cell_errors == ()
    assert read.cells["成员1身份证件号"] == "440604850601113"


def test_numbers_and_dates_become_template_text(tmp_path: Path) -> None:
    row = {**valid_row(), "出生日期": dt.date(2017, 3, 5), "入学年月": dt.datetime(2024, 9, 1),
           "联系电话": 13800138000, "邮政编码": 528000, "出生地": 440604000000,
           "上下学距离（公里）": 2.5, "学校标识码": 4406040001}
    cells = read_workbook(write_workbook(tmp_path / "a.xlsx", [row])).rows[0].cells
    assert (cells["出生日期"], cells["入学年月"]) == ("20170305", "202409")
    assert (cells["联系电话"], cells["邮政编码"], cells["出生地"]) == (
        "13800138000", "528000", "440604000000")
    assert (cells["上下学距离（公里）"], cells["学校标识码"]) == ("2.5", "4406040001")


def test_dates_typed_as_numbers(tmp_path: Path) -> None:
    row = {**valid_row(), "出生日期": 20170305, "入学年月": 202409}
    cells = read_workbook(write_workbook(tmp_path / "a.xlsx", [row])).rows[0].cells
    assert (cells["出生日期"], cells["入学年月"]) == ("20170305", "202409")


def test_merged_data_cells_are_read_as_empty_and_flagged(tmp_path: Path) -> None:
    rows = [valid_row(), valid_row(name="李小红", seq=12)]
    column = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[template_headers().index("现住址")]
    path = write_workbook(tmp_path / "a.xlsx", rows, merge=[f"{column}2:{column}3"])
    first, second = read_workbook(path).rows
    assert first.cells["现住址"] == rows[0]["现住址"] and first.cell_errors == ()
    assert "现住址" not in second.cells
    assert [(e.field, e.code) for e in second.cell_errors] == [("现住址", "cell.merged")]


def test_national_export_headers_and_required_marks_are_recognised(tmp_path: Path) -> None:
    renamed = {"出生地": "出生地行政区划代码", "户口所在地": "户口所在地行政区划",
               "成员1户口所在地": "成员1户口所在地行政区划", "姓名": "★姓名", "性别": "*性别",
               "身份证件号": "身份证件号码"}
    headers = [renamed.get(h, h) for h in template_headers()]
    row = {renamed.get(h, h): v for h, v in valid_row().items()}
    sheet = read_workbook(write_workbook(tmp_path / "a.xlsx", [row], headers=headers))
    assert sheet.columns == tuple(template_headers())
    assert sheet.rows[0].cells["出生地"] == valid_row()["出生地"]
    assert sheet.rows[0].cells["成员1户口所在地"] == valid_row()["成员1户口所在地"]


def test_columns_outside_the_template_are_ignored(tmp_path: Path) -> None:
    headers = ["序号", *template_headers(), "学籍号"]
    sheet = read_workbook(write_workbook(tmp_path / "a.xlsx", [{**valid_row(), "序号": 1}],
                                         headers=headers))
    assert sheet.ignored == ("序号", "学籍号")
    assert "序号" not in sheet.rows[0].cells


def test_missing_required_column_is_one_file_level_message(tmp_path: Path) -> None:
    headers = [h for h in template_headers() if h != "出生日期"]
    error = refused(write_workbook(tmp_path / "old.xlsx", [valid_row()], headers=headers))
    assert error.code == "import.missing_columns"
    assert error.params["columns"] == "出生日期"
    assert "缺少必填列：出生日期" in describe(error.code, error.params)


def test_older_template_without_optional_columns_is_read(tmp_path: Path) -> None:
    optional = {"曾用名", "身份证件有效期", "血型", "特长", "学籍辅号", "班内学号", "电子信箱",
                "主页地址", "是否进城务工人员随迁子女"}
    headers = [h for h in template_headers() if h not in optional]
    sheet = read_workbook(write_workbook(tmp_path / "old.xlsx", [valid_row()], headers=headers))
    assert set(sheet.missing_optional) == optional
    assert len(sheet.rows) == 1


def test_a_text_file_named_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "名单.xlsx"
    path.write_text("姓名,性别\n王小明,男\n", encoding="utf-8")
    error = refused(path)
    assert error.code == "import.unreadable"
    assert "名单.xlsx" in describe(error.code, error.params)


def test_a_zip_that_is_no_workbook_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    assert refused(path).code == "import.unreadable"


def test_missing_file(tmp_path: Path) -> None:
    assert refused(tmp_path / "none.xlsx").code == "import.file_missing"


def test_workbook_without_the_template_header(tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["编号", "学生", "备注"])
    book.active.append([1, "王小明", ""])
    book.save(tmp_path / "a.xlsx")
    assert refused(tmp_path / "a.xlsx").code == "import.no_header"


def test_header_without_rows(tmp_path: Path) -> None:
    error = refused(write_workbook(tmp_path / "a.xlsx", []))
    assert error.code == "import.no_rows"
    assert error.params["sheet"] == "学生信息"


def test_merged_ranges_covering_more_than_the_sheet_are_refused(tmp_path: Path) -> None:
    """Each merged range costs a walk over its cells; ranges overlapping again and again (a
    hostile file: ten thousand of them would take hours) are refused before that walk."""
    rows = [valid_row(seq=seq) for seq in range(11, 14)]
    overlapping = [f"A2:{get_column_letter(width)}4" for width in range(3, 41)]
    path = write_workbook(tmp_path / "a.xlsx", rows, merge=overlapping)
    with pytest.raises(ServiceError) as refused:
        read_workbook(path)
    assert refused.value.code == "import.unreadable"
