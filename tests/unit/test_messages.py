"""desktop.messages: every error code raised anywhere in desktop/ (DomainError, ServiceError,
StoreError subclasses) has a Chinese sentence, and describe() fills in the parameters."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from desktop.domain.errors import DomainError, FieldError
from desktop.messages import TEXT, describe, describe_field
from desktop.models import errors as store_errors

SOURCE = Path(__file__).resolve().parents[2] / "desktop"
RAISED = (
    re.compile(r"DomainError\(\s*\"([a-z_.]+)\""),
    re.compile(r"ServiceError\(\s*\"([a-z_.]+)\""),
    re.compile(r"^\s+code = \"([a-z_.]+)\"", re.MULTILINE),
)
CJK = re.compile(r"[\u4e00-\u9fff]")


def raised_codes() -> dict[str, str]:
    """code -> first file that raises it."""
    found: dict[str, str] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        for pattern in RAISED:
            for match in pattern.finditer(text):
                found.setdefault(match.group(1), str(path.relative_to(SOURCE.parent)))
    return found


CODES = raised_codes()


def placeholders(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_the_scan_finds_codes_in_every_layer() -> None:
    assert {"id.checksum", "password.weak", "store.wrong_password"} <= set(CODES)
    assert len(CODES) > 40


@pytest.mark.parametrize("code", sorted(CODES))
def test_raised_code_has_a_chinese_sentence(code: str) -> None:
    assert code in TEXT, f"{code} (raised in {CODES[code]}) has no entry in desktop.messages.TEXT"
    assert CJK.search(TEXT[code])


def test_every_store_error_class_has_a_sentence() -> None:
    classes = [c for c in vars(store_errors).values()
               if isinstance(c, type) and issubclass(c, store_errors.StoreError)]
    assert len(classes) > 10
    assert [c.code for c in classes if c.code not in TEXT] == []


@pytest.mark.parametrize("code", sorted(TEXT))
def test_describe_fills_every_placeholder(code: str) -> None:
    params = {name: f"<{name}>" for name in placeholders(TEXT[code])}
    text = describe(code, params)
    assert "{" not in text and "}" not in text
    for value in params.values():
        assert value in text


def test_no_sentence_uses_the_reserved_code_placeholder() -> None:
    """`code` is the positional name of DomainError/ServiceError: no raise can pass it."""
    assert sorted(c for c in CODES if "code" in placeholders(TEXT.get(c, ""))) == []


# Cell parsers' errors get the cell text as `value` from desktop.domain.record._read_cell.
CELL_PARSERS = {"values.py", "regions.py"}


def call_sites() -> list[tuple[str, int, str, set[str]]]:
    """(file, line, code, keyword names) of every DomainError/ServiceError("code", …)."""
    sites = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("DomainError", "ServiceError") and node.args
                    and isinstance(node.args[0], ast.Constant)):
                names = {k.arg for k in node.keywords if k.arg}
                sites.append((path.name, node.lineno, node.args[0].value, names))
    return sites


def test_every_raise_passes_the_parameters_its_sentence_needs() -> None:
    sites = call_sites()
    assert len(sites) > 40
    unfilled = []
    for name, line, code, given in sites:
        extra = {"detail", "value"} if name in CELL_PARSERS else {"detail"}
        missing = placeholders(TEXT.get(code, "")) - given - extra
        if missing:
            unfilled.append(f"{name}:{line} {code} lacks {sorted(missing)}")
    assert unfilled == []


def test_describe_with_parameters() -> None:
    assert describe("id.format", {"length": 17}) == "身份证号应为18位（最后一位可为X），现为17位，请核对。"
    assert "王小明" in describe("id.exists", {"name": "王小明", "class_name": "三年级(2)班",
                                             "xjh": "G440604201703050110"})


def test_describe_of_a_domain_error() -> None:
    error = DomainError("text.too_long", max_len=36)
    assert "36" in describe(error.code, error.params)


def test_describe_of_a_store_error() -> None:
    error = store_errors.DatabaseMissing("/media/u/school.db")
    assert "/media/u/school.db" in describe(error.code, error.params)
    newer = store_errors.NewerSchema(found=3, known=2)
    assert "3" in describe(newer.code, newer.params) and "2" in describe(newer.code, newer.params)


def test_missing_parameter_keeps_the_sentence() -> None:
    assert describe("id.format") == TEXT["id.format"]


def test_unknown_code_names_the_code() -> None:
    assert "no.such_code" in describe("no.such_code")


def test_describe_field_names_the_header() -> None:
    error = FieldError("身份证件号", "id.checksum")
    assert describe_field(error) == "身份证件号: " + TEXT["id.checksum"]


def test_bundle_sentences_have_one_source() -> None:
    """The desk's messages and the bundle format shared with central use the same strings."""
    from desktop.messages import TEXT
    from desktop.sync.wire.bundle_errors import REASONS

    assert REASONS and all(TEXT[code] is sentence for code, sentence in REASONS.items())


def test_a_value_left_empty_leaves_no_empty_brackets() -> None:
    """The CLI and the views word a code the same way (describe), empty brackets dropped."""
    from desktop.messages import describe

    assert "（）" not in describe("bundle.unsupported", {"found": ""})
    assert "（XJB9）" in describe("bundle.unsupported", {"found": "XJB9"})
