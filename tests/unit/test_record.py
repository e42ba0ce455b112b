"""Reading one template-shaped student row (desktop.domain.record.read_record): required and
recommended items, names instead of codes, header aliases, unknown headers, ID number against
birth date and sex, Z-type IDs, family members and guardians, cell formats (floats, full-width
digits, region codes, text length, JSON booleans)."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.fields import ALL_STUDENT_FIELDS, MEMBER_FIELDS, Need
from desktop.domain.idnumber import check_digit
from desktop.domain.record import Record, read_record, read_records
from desktop.messages import describe_field
from tests.factories import resident_id, valid_row

REQUIRED = [s.header for s in ALL_STUDENT_FIELDS if s.need is Need.REQUIRED]
RECOMMENDED = [s.header for s in ALL_STUDENT_FIELDS if s.need is Need.RECOMMENDED]
MEMBER_REQUIRED = [f"成员1{s.header}" for s in MEMBER_FIELDS if s.need is Need.REQUIRED]
MEMBER_RECOMMENDED = [f"成员1{s.header}" for s in MEMBER_FIELDS if s.need is Need.RECOMMENDED]


def problems(record: Record) -> set[tuple[str, str, bool]]:
    return {(e.field, e.code, e.warning) for e in record.errors}


def without(row: dict[str, str], *headers: str) -> dict[str, str]:
    return {k: v for k, v in row.items() if k not in headers}


def test_valid_row_has_no_errors(row: dict[str, str]) -> None:
    record = read_record(row)
    assert record.errors == []
    assert record.values["name"] == "王小明"
    assert record.values["birth_date"] == dt.date(2017, 3, 5)
    assert record.school_code == row["学校标识码"]
    assert len(record.members) == 2


def test_every_required_item_is_listed() -> None:
    assert {"姓名", "性别", "出生日期", "身份证件类型", "班级", "联系电话"} <= set(REQUIRED)


@pytest.mark.parametrize("header", REQUIRED)
def test_missing_required_item_is_an_error(row: dict[str, str], header: str) -> None:
    record = read_record(without(row, header))
    assert (header, "required", False) in problems(record)


@pytest.mark.parametrize("header", REQUIRED)
def test_empty_required_cell_is_an_error(row: dict[str, str], header: str) -> None:
    record = read_record({**row, header: "  "})
    assert (header, "required", False) in problems(record)


@pytest.mark.parametrize("header", MEMBER_REQUIRED)
def test_missing_required_member_item_is_an_error(row: dict[str, str], header: str) -> None:
    record = read_record(without(row, header))
    assert (header, "required", False) in problems(record)


@pytest.mark.parametrize("header", RECOMMENDED + MEMBER_RECOMMENDED)
def test_missing_recommended_item_is_a_warning_only(row: dict[str, str], header: str) -> None:
    record = read_record(without(row, header))
    assert (header, "recommended", True) in problems(record)
    assert record.blocking == []


def test_names_are_stored_as_codes(row: dict[str, str]) -> None:
    values = read_record(row).values
    assert values["ethnicity"] == "01"
    assert values["id_type"] == "1"
    assert values["preschool"] == "1"
    assert values["only_child"] == "0"
    assert values["sex"] == "1"
    assert values["nationality"] == "CHN"


def test_codes_and_aliases_are_accepted_too(row: dict[str, str]) -> None:
    record = read_record({**row, "民族": "01", "身份证件类型": "身份证", "成员1关系": "爸爸"})
    assert record.errors == []
    assert record.values["ethnicity"] == "01"
    assert record.values["id_type"] == "1"
    assert record.members[0]["relation"] == "1"


def test_unknown_code_name_is_refused(row: dict[str, str]) -> None:
    record = read_record({**row, "民族": "火星族"})
    assert ("民族", "code.unknown", False) in problems(record)


def test_header_aliases_are_accepted(row: dict[str, str]) -> None:
    renamed = without(row, "出生地", "成员1户口所在地")
    renamed["出生地行政区划代码"] = "440604"
    renamed["成员1户口所在地行政区划"] = "110105"
    record = read_record(renamed)
    assert record.errors == []
    assert record.values["birthplace"] == "440604000000"
    assert record.members[0]["hukou_place"] == "110105000000"


def test_header_with_full_width_brackets_and_spaces(row: dict[str, str]) -> None:
    record = read_record({**row, " 上下学距离(公里) ": "2.50"})
    assert record.errors == []
    assert record.values["commute_km"] == "2.5"


def test_unknown_header_is_reported(row: dict[str, str]) -> None:
    record = read_record({**row, "爱好": "画画"})
    assert ("爱好", "header.unknown", False) in problems(record)


def test_output_only_keys_are_ignored(row: dict[str, str]) -> None:
    record = read_record({**row, "学籍号": "G123", "学籍状态": "在籍在读", "年级": "三年级"})
    assert record.errors == []


def test_birth_date_must_match_id_number(row: dict[str, str]) -> None:
    record = read_record({**row, "出生日期": "20170306"})
    assert ("出生日期", "id.birth_mismatch", False) in problems(record)
    assert [e.params["id_birth"] for e in record.errors] == [dt.date(2017, 3, 5)]


def test_sex_must_match_id_number(row: dict[str, str]) -> None:
    record = read_record({**row, "性别": "女"})
    assert problems(record) == {("性别", "id.sex_mismatch", False)}


def test_bad_id_checksum_is_reported_on_the_id_cell(row: dict[str, str]) -> None:
    number = row["身份证件号"]
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert ("身份证件号", "id.checksum", False) in problems(read_record({**row, "身份证件号": wrong}))


def test_fifteen_digit_id_is_upgraded_with_a_warning(row: dict[str, str]) -> None:
    record = read_record({**row, "出生日期": "19850601", "身份证件号": "440604850601123"})
    assert problems(record) == {("身份证件号", "id.upgraded", True)}
    body = "44060419850601123"
    assert record.values["id_number"] == body + check_digit(body)


def test_id_number_is_normalised() -> None:
    row = valid_row(seq=9)  # 440604 2017-03-05 009: check character X
    assert row["身份证件号"].endswith("X")
    record = read_record({**row, "身份证件号": " " + row["身份证件号"].lower()})
    assert record.errors == []
    assert record.values["id_number"] == row["身份证件号"]


def test_type_with_number_requires_the_number(row: dict[str, str]) -> None:
    record = read_record({**row, "身份证件号": ""})
    assert ("身份证件号", "id.required_for_type", False) in problems(record)


def test_z_type_without_number_warns_when_a_guardian_has_an_id(row: dict[str, str]) -> None:
    record = read_record({**row, "身份证件类型": "其他", "身份证件号": ""})
    assert problems(record) == {("身份证件类型", "id.z_needs_certificate", True)}


def test_z_type_without_any_member_id_needs_a_guardian_id(row: dict[str, str]) -> None:
    bare = without(row, "成员1身份证件号", "成员1身份证件类型")
    record = read_record({**bare, "身份证件类型": "其他", "身份证件号": ""})
    assert problems(record) == {("身份证件类型", "id.z_needs_certificate", True),
                                ("成员1身份证件号", "member.id_required", False)}


def test_passport_number_shape_is_checked(row: dict[str, str]) -> None:
    passport = {**row, "身份证件类型": "护照", "国籍/地区": "USA", "港澳台侨外": "外国人"}
    assert read_record({**passport, "身份证件号": "E12345678"}).blocking == []
    bad = read_record({**passport, "身份证件号": "E1234567890123456789012"})
    assert ("身份证件号", "id.document_format", False) in problems(bad)


def test_no_family_member_at_all(row: dict[str, str]) -> None:
    bare = {k: v for k, v in row.items() if not k.startswith("成员")}
    assert problems(read_record(bare)) == {("成员1姓名", "member.none", False)}


def test_empty_member_columns_are_no_member(row: dict[str, str]) -> None:
    blank = {k: ("" if k.startswith("成员2") else v) for k, v in row.items()}
    record = read_record(blank)
    assert record.errors == []
    assert record.member_slots == [1]


def test_no_guardian(row: dict[str, str]) -> None:
    record = read_record({**row, "成员1是否监护人": "否", "成员2是否监护人": "否"})
    assert problems(record) == {("成员1是否监护人", "member.no_guardian", False)}


def test_relation_other_needs_a_note(row: dict[str, str]) -> None:
    record = read_record({**row, "成员2关系": "其他"})
    assert problems(record) == {("成员2关系说明", "member.relation_note", False)}
    noted = read_record({**row, "成员2关系": "其他", "成员2关系说明": "舅舅"})
    assert noted.errors == []


def test_bad_member_id_is_reported_on_the_member(row: dict[str, str]) -> None:
    number = row["成员1身份证件号"]
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    record = read_record({**row, "成员1身份证件号": wrong})
    assert problems(record) == {("成员1身份证件号", "id.checksum", False)}


def test_float_id_number_is_refused(row: dict[str, str]) -> None:
    record = read_record({**row, "身份证件号": 4.40604201703051e17})
    assert ("身份证件号", "number.float", False) in problems(record)
    assert record.values["id_number"] is None


def test_integer_cells_are_read_as_text(row: dict[str, str]) -> None:
    record = read_record({**row, "邮政编码": 528000, "出生日期": 20170305, "入学年月": 202409})
    assert record.errors == []
    assert record.values["postcode"] == "528000"
    assert record.values["entry_month"] == "202409"


def test_full_width_digits_in_phone(row: dict[str, str]) -> None:
    wide = {"联系电话": "１３８００１３８０００", "成员1联系电话": "０７５７－８２２２ ３３３３"}
    record = read_record({**row, **wide})
    assert record.errors == []
    assert record.values["phone"] == "13800138000"
    assert record.members[0]["phone"] == "0757-82223333"


def test_letters_in_phone_are_refused(row: dict[str, str]) -> None:
    assert ("联系电话", "phone.format", False) in problems(read_record({**row, "联系电话": "138abc"}))


def test_six_digit_region_is_padded_to_twelve(row: dict[str, str]) -> None:
    record = read_record({**row, "出生地": "440604", "户口所在地": "４４０６０４１０１００１"})
    assert record.errors == []
    assert record.values["birthplace"] == "440604000000"
    assert record.values["hukou_place"] == "440604101001"


def test_unknown_region_code_is_refused(row: dict[str, str]) -> None:
    record = read_record({**row, "出生地": "990000"})
    assert ("出生地", "region.unknown", False) in problems(record)
    [error] = [e for e in record.errors if e.field == "出生地"]
    assert "990000" in describe_field(error)


def test_badly_shaped_region_code_is_refused(row: dict[str, str]) -> None:
    record = read_record({**row, "户口所在地": "44060"})
    assert ("户口所在地", "region.format", False) in problems(record)


def test_too_long_text_is_refused(row: dict[str, str]) -> None:
    record = read_record({**row, "姓名": "王" * 37})
    assert ("姓名", "text.too_long", False) in problems(record)
    assert read_record({**row, "姓名": "王" * 36}).blocking == []


def test_whitespace_in_text_is_collapsed(row: dict[str, str]) -> None:
    record = read_record({**row, "现住址": "  广东省佛山市\n禅城区\u3000人民路1号 "})
    assert record.values["current_address"] == "广东省佛山市 禅城区 人民路1号"


def test_json_booleans_for_yes_no_items(row: dict[str, str]) -> None:
    record = read_record({**row, "是否独生子女": True, "是否孤儿": False, "成员1是否监护人": True})
    assert record.errors == []
    assert record.values["only_child"] == "1"
    assert record.values["orphan"] == "0"
    assert record.members[0]["is_guardian"] == "1"


@pytest.mark.parametrize(("text", "code"), [("20170230", "date.invalid"), ("2017-3", "date.format"),
                                            ("21000101", "date.range")])
def test_bad_birth_dates(row: dict[str, str], text: str, code: str) -> None:
    assert ("出生日期", code, False) in problems(read_record({**row, "出生日期": text}))


@pytest.mark.parametrize("text", ["2017-03-05", "2017/03/05", "2017.03.05", "2017年03月05日",
                                  "2017/3/5", "2017-3-5", "2017.3.5", "2017年3月5日", "2017-03-05 00:00:00",
                                  "42799", "42799.0"])
def test_other_date_spellings(row: dict[str, str], text: str) -> None:
    assert read_record({**row, "出生日期": text}).values["birth_date"] == dt.date(2017, 3, 5)


def test_disabled_health_without_disability_type_warns(row: dict[str, str]) -> None:
    record = read_record({**row, "健康状况": "残疾"})
    assert ("残疾类型", "health.disability", True) in problems(record)
    assert record.blocking == []


def test_member_resident_id_defaults_its_type(row: dict[str, str]) -> None:
    number = resident_id("440604", dt.date(1987, 2, 3), 22)
    record = read_record({**row, "成员2身份证件号": number})
    assert record.errors == []
    assert record.members[1]["id_type"] == "1"


def test_items_sharing_a_parse_signature_read_every_text_alike() -> None:
    """Items whose cells share one memo of texts already read (values.parse_signature) give
    the same value, or the same error, for every text of a corpus of real and spoiled cells."""
    from collections import defaultdict

    from desktop.domain.errors import DomainError
    from desktop.domain.fields import FieldSpec
    from desktop.domain.values import parse_cell, parse_signature
    from tests.exchange.same_output import corpus

    texts = sorted({str(v) for row in corpus(120) for v in row.values() if v not in (None, "")})
    texts += ["x" * 31, "x" * 37, "x" * 61, "x" * 121, "王 小明", "王1", "13800138000", "是"]
    groups = defaultdict(list)
    for spec in (*ALL_STUDENT_FIELDS, *MEMBER_FIELDS):
        groups[parse_signature(spec)].append(spec)
    shared = [specs for specs in groups.values() if len(specs) > 1]
    assert len(shared) >= 8

    def outcome(spec: FieldSpec, text: str) -> object:
        try:
            return parse_cell(spec, text)
        except DomainError as error:
            return error.code, error.params

    for specs in shared:
        for text in texts:
            first = outcome(specs[0], text)
            assert all(outcome(s, text) == first for s in specs[1:]), (specs[0].key, text)


def test_a_member_numbered_0_keeps_its_own_id_column(row: dict[str, str]) -> None:
    """Headers 成员0… are family member 0: a wrong ID number there is that member's error,
    never the pupil's own 身份证件号."""
    zero = {k.replace("成员1", "成员0"): v for k, v in row.items()}
    zero["成员0身份证件号"] = zero["成员0身份证件号"][:-1] + (
        "0" if zero["成员0身份证件号"][-1] != "0" else "1")
    assert ("成员0身份证件号", "id.checksum", False) in problems(read_record(zero))
    assert ("成员0身份证件号", "id.checksum", False) in problems(read_records([zero])[0])
