"""Shared pieces of the forms: which family member is the guardian, region codes as place
names, masked numbers, blanks that keep their width, and rooms to write that still grow."""

from __future__ import annotations

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm

from desktop.printing import class_roster, dropout_ledger, verification_report
from desktop.printing.form_parts import (
    WIDTH,
    AtLeast,
    chinese_date,
    dashed_date,
    guardian,
    line,
    masked_numbers,
    place_name,
)
from desktop.printing.layout import MARGIN, para
from tests.factories import valid_row


def test_guardian_is_the_first_member_marked_guardian():
    row = valid_row()
    assert guardian(row) == ("王大明", "父亲", "13800138001")
    row["成员1是否监护人"] = "否"
    assert guardian(row) == ("李丽", "母亲", "13800138002")


def test_guardian_falls_back_to_the_first_member():
    row = valid_row()
    row["成员1是否监护人"] = row["成员2是否监护人"] = "否"
    assert guardian(row)[0] == "王大明"
    assert guardian({}) == ("", "", "")


def test_place_name_of_county_and_municipal_district():
    assert place_name("440604000000") == "广东省佛山市禅城区"
    assert place_name("110105") == "北京市朝阳区"
    assert place_name("999999000000") == "999999000000"


def test_masked_numbers_hide_the_id_inside_a_g_number():
    number = valid_row()["身份证件号"]
    id_masked, xjh_masked = masked_numbers(number, "G" + number)
    assert id_masked == number[:6] + "*" * 8 + number[-4:]
    assert xjh_masked == "G" + id_masked
    assert masked_numbers("", "") == ("", "")


def test_dates():
    assert chinese_date("20170305") == "2017年3月5日"
    assert dashed_date("20170305") == "2017-03-05"
    assert chinese_date("") == "" and dashed_date("2017") == "2017"


def test_full_width_spaces_keep_their_width():
    gap = line("甲　　　　乙", 10)
    collapsed = para("甲　　　　乙", 10)
    assert gap.minWidth() > collapsed.minWidth() + 20


def test_room_to_write_grows_with_long_text():
    short = AtLeast(line("短", 9), 20 * mm)
    assert short.wrap(100 * mm, 500 * mm)[1] == 20 * mm
    long = AtLeast(line("很长的原因说明" * 40, 9), 20 * mm)
    assert long.wrap(100 * mm, 500 * mm)[1] > 20 * mm


def test_register_tables_fit_the_text_width():
    assert sum(class_roster.WIDTHS) <= WIDTH + 0.01
    assert sum(verification_report.DIFFERENCE_WIDTHS) <= WIDTH + 0.01
    assert sum(dropout_ledger.WIDTHS) <= landscape(A4)[0] - 2 * MARGIN + 0.01
