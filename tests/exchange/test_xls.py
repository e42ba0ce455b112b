"""Legacy .xls workbooks (Excel 97-2003): read like .xlsx, but looked at first
(desktop.exchange.xls_guard) so a sheet whose cells span a huge grid, or a file with an open
password, is refused in Chinese before calamine allocates it."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest
import xlwt

from desktop.exchange.xls_guard import biff_extent
from desktop.exchange.xlsx_reader import read_workbook
from desktop.services.errors import ServiceError
from tests.exchange.layouts import Layout, write_xls
from tests.factories import valid_row


def test_an_xls_in_the_82_layout_reads_like_the_xlsx(tmp_path: Path) -> None:
    sheet = read_workbook(write_xls(tmp_path / "a.xls", Layout("8.2"), [valid_row()]))
    assert sheet.header_row == 2 and len(sheet.columns) == 71
    assert sheet.rows[0].cells["身份证件号"] == valid_row()["身份证件号"]


def test_a_cell_far_out_is_refused_before_reading(tmp_path: Path) -> None:
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("学生信息")
    sheet.write(0, 0, "姓名")
    sheet.write(65535, 255, "x")
    book.save(str(tmp_path / "far.xls"))
    with pytest.raises(ServiceError) as caught:
        read_workbook(tmp_path / "far.xls")
    assert caught.value.code == "import.too_big"
    assert caught.value.params["rows"] == 65536 and caught.value.params["columns"] == 256


def test_biff_records_give_the_extent_and_the_password_flag() -> None:
    def record(kind: int, body: bytes) -> bytes:
        return struct.pack("<HH", kind, len(body)) + body
    cells = record(0x0809, b"\0" * 8) + record(0x0203, struct.pack("<HHH8s", 9, 3, 0, b"\0" * 8))
    cells += record(0x00BD, struct.pack("<HH", 4, 0) + b"\0" * 12 + struct.pack("<H", 20))
    assert biff_extent(cells) == (10, 21, False)
    assert biff_extent(record(0x002F, b"\0" * 6) + cells)[2] is True


def test_an_ole2_file_that_is_no_workbook_is_unreadable(tmp_path: Path) -> None:
    path = tmp_path / "x.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ServiceError) as caught:
        read_workbook(path)
    assert caught.value.code == "import.unreadable"
