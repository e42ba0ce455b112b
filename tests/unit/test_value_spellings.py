"""Cell values as real files write them (real-templates.md): 其它 for 其他, A血型 for A型,
yes/no as 1/0 or Y/N, 6-digit region codes, dates as text in the usual forms or Excel date
serials, and ambiguous values refused with the names to choose from."""

from __future__ import annotations

import pytest

from desktop.domain.errors import DomainError
from desktop.domain.fields import STUDENT_FIELDS
from desktop.domain.values import parse_cell, parse_month
from desktop.messages import describe

SPEC = {spec.header: spec for spec in STUDENT_FIELDS}


@pytest.mark.parametrize(("header", "text", "code"), [
    ("学生来源", "其它", "9"), ("学生来源", "其他", "9"), ("上下学交通方式", "其它", "9"),
    ("入学方式", "其它", "12"), ("入学方式", "义务教育阶段其它", "12"), ("入学方式", "高中阶段其他", "99"),
    ("血型", "A血型", "1"), ("血型", "A型", "1"), ("血型", "ab血型", "3"), ("血型", "O", "4"),
    ("是否独生子女", "1", "1"), ("是否独生子女", "0", "0"), ("是否独生子女", "Y", "1"),
    ("是否独生子女", "n", "0"), ("是否独生子女", "是", "1"), ("是否孤儿", "否", "0"),
    ("出生地", "210922", "210922000000"), ("出生地", "210922000000", "210922000000"),
])
def test_spellings_read_as_the_same_code(header: str, text: str, code: str) -> None:
    assert parse_cell(SPEC[header], text) == code


@pytest.mark.parametrize(("text", "month"), [("202409", "202409"), ("2024-09", "202409"),
                                             ("2024年9月", "202409"), ("2024-09-01", "202409"),
                                             ("45536", "202409"), ("2024/9/1", "202409")])
def test_entry_months_in_the_usual_forms_and_as_serials(text: str, month: str) -> None:
    assert parse_month(text) == month


@pytest.mark.parametrize(("header", "text", "names"), [
    ("是否留守儿童", "是", "非留守儿童、单亲留守儿童、双亲留守儿童"),
    ("随班就读", "是", "非随班就读、视力残疾随班就读、听力残疾随班就读、智力残疾随班就读、其他残疾随班就读"),
    ("残疾类型", "有", None),
])
def test_an_ambiguous_value_lists_the_valid_names(header: str, text: str, names: str | None) -> None:
    with pytest.raises(DomainError) as caught:
        parse_cell(SPEC[header], text)
    assert caught.value.code == "code.ambiguous"
    if names:
        assert describe(caught.value.code, caught.value.params) == f"“{text}”有歧义，可填：{names}"


def test_no_still_reads_as_not_left_behind() -> None:
    assert parse_cell(SPEC["是否留守儿童"], "否") == "0"
