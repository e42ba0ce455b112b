"""Reading one template cell: text as the national template writes it -> a stored value.

Each parser takes the raw cell text and returns the canonical value (codes, dates, 12-digit
region codes, normalised digits) or raises DomainError naming what is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from desktop.domain.codes import ambiguous_choices, table
from desktop.domain.errors import DomainError
from desktop.domain.fields import FieldSpec
from desktop.domain.idnumber import normalise
from desktop.domain.regions import parse_region12
from desktop.domain.text_rules import (
    NAME_KEYS,
    check_name,
    check_raw,
    check_text,
    plainly_safe,
)


def _ascii(text: str) -> str:
    if text.isascii():  # NFKC leaves ASCII as it is
        return "".join(text.split())
    return "".join(unicodedata.normalize("NFKC", text).split())


EXCEL_EPOCH = dt.date(1899, 12, 30)  # day 0 of Excel's date serials (1900 system)
_SEPARATED = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?")
_SERIAL = re.compile(r"\d{5}(?:\.0+)?")
_DIGITS5, _DIGITS6, _DIGITS8 = (re.compile(rf"\d{{{n}}}") for n in (5, 6, 8))
_PHONE = re.compile(r"\+?\d[\d-]{5,19}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def excel_serial_date(serial: float) -> dt.date:
    """The day an Excel date serial stands for (43374 -> 2018-10-01)."""
    return EXCEL_EPOCH + dt.timedelta(days=int(serial))


def _date_digits(text: str) -> str:
    """YYYYMMDD from 20180415, 2018-04-15, 2018/4/15, 2018年4月15日, 2018-04-15 00:00:00 or
    an Excel date serial written as text (43205)."""
    if len(text) == 8 and text.isascii() and text.isdigit():  # as the template writes it
        return text
    value = _ascii(text)
    if match := _SEPARATED.fullmatch(value):
        year, month, day = match.groups()
        return f"{year}{int(month):02d}{int(day):02d}"
    if _SERIAL.fullmatch(value) and not _DIGITS8.fullmatch(value):
        return f"{excel_serial_date(float(value)):%Y%m%d}"
    return re.sub(r"[-/.年月日]", "", value)


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """YYYYMMDD (also YYYY-MM-DD, YYYY/M/D, YYYY.MM.DD, YYYY年M月D日, an Excel serial); a real,
    past date."""
    digits = _date_digits(text)
    if not _DIGITS8.fullmatch(digits):
        raise DomainError("date.format")
    try:
        value = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError as exc:
        raise DomainError("date.invalid", value=text) from exc
    if value > (today or dt.date.today()) or value.year < 1900:
        raise DomainError("date.range", value=text)
    return value


def parse_month(text: str) -> str:
    """YYYYMM (also YYYY-MM, YYYY.MM, YYYY年MM月) -> 'YYYYMM'."""
    value = _ascii(text)
    if match := _SEPARATED.fullmatch(value):
        value = match.group(1) + match.group(2).zfill(2)
    elif _SERIAL.fullmatch(value) and not value.startswith(("19", "20")):
        value = f"{excel_serial_date(float(value)):%Y%m}"
    value = re.sub(r"[-/.年月]", "", value)
    if _DIGITS5.fullmatch(value):
        value = value[:4] + "0" + value[4]
    if not _DIGITS6.fullmatch(value) or not 1 <= int(value[4:]) <= 12:
        raise DomainError("month.format")
    if not 1950 <= int(value[:4]) <= dt.date.today().year + 1:
        raise DomainError("month.range", value=text)
    return value


def parse_phone(text: str) -> str:
    value = _ascii(text)
    if not _PHONE.fullmatch(value):
        raise DomainError("phone.format")
    return value


def parse_postcode(text: str) -> str:
    value = _ascii(text)
    if not _DIGITS6.fullmatch(value):
        raise DomainError("postcode.format")
    return value


def parse_email(text: str) -> str:
    value = _ascii(text)
    if not _EMAIL.fullmatch(value):
        raise DomainError("email.format")
    return value


def parse_decimal(text: str) -> str:
    try:
        value = Decimal(_ascii(text))
    except InvalidOperation as exc:
        raise DomainError("decimal.format") from exc
    if not Decimal(0) <= value <= Decimal(1000):
        raise DomainError("decimal.range")
    return format(value.normalize(), "f")


def parse_text(text: str) -> str:
    """Runs of spaces, tabs, newlines and full-width spaces become one space; ends trimmed."""
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def _parse_code(table_key: str, text: str) -> str:
    choices = ambiguous_choices(table_key, text)
    if choices:
        raise DomainError("code.ambiguous", table=table_key, value=text.strip(),
                          choices="、".join(choices))
    code = table(table_key).code_for(text)
    if code is None:
        raise DomainError("code.unknown", table=table_key, value=text.strip())
    return code


_PARSERS: dict[str, Callable[[str], object]] = {
    "text": parse_text,
    "date": parse_date,
    "month": parse_month,
    "region": parse_region12,
    "decimal": parse_decimal,
    "phone": parse_phone,
    "postcode": parse_postcode,
    "email": parse_email,
    "idnum": normalise,
}


def parse_cell(spec: FieldSpec, raw: object) -> object:
    """The stored value of one cell; None when the cell is empty."""
    text = raw if type(raw) is str else _as_text(raw, spec)
    if text is not None and text.isascii():
        kind = spec.kind
        if kind == "idnum" and text.isalnum():
            return text.upper()  # letters and digits only: safe, and normalise's own result
        if kind in _DIGITS_ONLY and text.isdigit() and len(text) in _DIGITS_ONLY[kind]:
            return text  # a plain phone number or postcode: what its parser would return
    if text is None or not text.strip():
        return None
    safe = plainly_safe(text)  # the common case: one search instead of five
    if not safe:
        check_raw(text)
    kind = spec.kind
    if kind in ("code", "yesno"):
        return _parse_code(spec.table, text)
    if kind == "text":
        value = parse_text(text)
        if spec.max_len and len(value) > spec.max_len:
            raise DomainError("text.too_long", max_len=spec.max_len)
        if not safe:
            check_text(value, name=spec.key in NAME_KEYS)
        elif spec.key in NAME_KEYS:
            check_name(value)
        return value
    return _PARSERS[kind](text)


# Lengths at which a text of ASCII digits alone is read as it is (_PHONE, _DIGITS6).
_DIGITS_ONLY = {"phone": range(6, 21), "postcode": range(6, 7)}


def parse_signature(spec: FieldSpec) -> tuple[object, ...]:
    """All that `parse_cell` reads of `spec` for a text cell: items with the same signature
    (a pupil's three addresses and each family member's, every phone number) read a text
    alike, so one memo of texts already read can serve them all."""
    if spec.kind in ("code", "yesno"):
        return (spec.kind, spec.table)
    if spec.kind == "text":
        return (spec.kind, spec.max_len, spec.key in NAME_KEYS)
    return (spec.kind,)


def _as_text(raw: object, spec: FieldSpec) -> str | None:
    if raw is None:
        return None
    if isinstance(raw, bool):
        return "是" if raw else "否"
    if isinstance(raw, float) and spec.kind == "decimal":
        return repr(raw)
    if isinstance(raw, float):
        raise DomainError("number.float", value=repr(raw))
    return str(raw)
