"""Typed dates in the forms registrars use, and where a date picker opens."""

from __future__ import annotations

import datetime as dt

import pytest

from desktop.domain.typed_dates import as_date, typed_date, typed_month, typical_birth_date
from desktop.domain.values import parse_date


@pytest.mark.parametrize("text", ["2020-03-12", "20200312", "2020/3/12", "2020.3.12",
                                  "2020年3月12日", "２０２０－０３－１２", " 2020-3-12 "])
def test_a_typed_date(text: str) -> None:
    assert typed_date(text) == "20200312"


@pytest.mark.parametrize("text", ["", "2020", "2020-03", "12.3.2020", "2020-3-12-1", "abc",
                                  "202003121", "2020/003/12"])
def test_not_a_date(text: str) -> None:
    assert typed_date(text) is None


@pytest.mark.parametrize("text", ["2025-09", "202509", "2025/9", "2025.9", "2025年9月", "2025.09"])
def test_a_typed_month(text: str) -> None:
    assert typed_month(text) == "202509"


@pytest.mark.parametrize("text", ["", "2025", "2025-09-01", "9/2025", "20259"])
def test_not_a_month(text: str) -> None:
    assert typed_month(text) is None


def test_the_import_reads_the_same_forms() -> None:
    today = dt.date(2026, 12, 7)
    for text in ("2020/3/12", "2020.3.12", "2020-03-12", "20200312"):
        assert parse_date(text, today) == dt.date(2020, 3, 12)


def test_as_date() -> None:
    assert as_date("20200312") == dt.date(2020, 3, 12)
    assert as_date("202509") == dt.date(2025, 9, 1)
    assert as_date("20200231") is None
    assert as_date("") is None


def test_typical_birth_date() -> None:
    assert typical_birth_date("小学", 1, 2026) == dt.date(2020, 3, 1)  # 一年级 in 2026-27
    assert typical_birth_date("小学", 3, 2026) == dt.date(2018, 3, 1)
    assert typical_birth_date("初中", 1, 2026) == dt.date(2014, 3, 1)
    assert typical_birth_date("高中", 2, 2026) == dt.date(2010, 3, 1)
