"""Hostile JSON for `xueji student add --json`, run in-process through desktop.cli.main:
random JSON values and structures, template-shaped records with random values, damaged
text. Each run ends with exit 0 (students added) or a refusal (exit 1 or 2) with a Chinese
sentence on stderr; never a traceback or the internal-error exit 70, and a refused run adds
nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.cli.main import main
from desktop.domain.fields import template_headers
from desktop.services.context import Workspace
from tests.conftest import PASSWORD
from tests.dbutil import counts
from tests.factories import valid_row
from tests.fuzz import profile

TABLES = ("student", "family_member", "audit_log", "outbox", "school_class")
HEADERS = tuple(template_headers())

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**30, 10**30),
                    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30))
JSON = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                    | st.dictionaries(st.text(max_size=10), inner, max_size=5), max_leaves=25)
RECORD = st.builds(lambda changes, drop: {k: v for k, v in {**valid_row(), **changes}.items()
                                          if k not in drop},
                   st.dictionaries(st.sampled_from(HEADERS), JSON, max_size=6),
                   st.sets(st.sampled_from(HEADERS), max_size=3))
DOCUMENT = st.one_of(JSON, RECORD, st.lists(RECORD, min_size=1, max_size=3))
RAW = st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode),
                DOCUMENT.map(lambda d: json.dumps(d, ensure_ascii=False).encode()[:-1]))


@pytest.fixture
def cli_db(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XUEJI_PASSWORD", PASSWORD)
    return ws.store.path


def run_add(ws: Workspace, db: Path, tmp_path: Path, capsys: Any, body: bytes) -> None:
    source = tmp_path / "students.json"
    source.write_bytes(body)
    capsys.readouterr()
    before = counts(ws, *TABLES)
    code = main(["student", "add", "--db", str(db), "--user", "registrar", "--json", str(source)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert code in (0, 1, 2), f"exit {code}: {err}"
    if code == 0:
        profile.note("added")
        assert counts(ws, *TABLES)["student"] > before["student"]
        return
    profile.note(f"refused, exit {code}")
    assert profile.CJK.search(err), err
    assert counts(ws, *TABLES) == before, "a refused add wrote something"


@profile.quick(150)
@given(document=DOCUMENT)
def test_json_documents(ws: Workspace, cli_db: Path, tmp_path: Path, capsys: Any,
                        document: Any) -> None:
    run_add(ws, cli_db, tmp_path, capsys, json.dumps(document, ensure_ascii=False).encode())


@profile.quick(60)
@given(body=RAW)
def test_damaged_json_text(ws: Workspace, cli_db: Path, tmp_path: Path, capsys: Any,
                           body: bytes) -> None:
    run_add(ws, cli_db, tmp_path, capsys, body)


@profile.long(2000)
@given(document=DOCUMENT)
def test_json_documents_long(ws: Workspace, cli_db: Path, tmp_path: Path, capsys: Any,
                             document: Any) -> None:
    run_add(ws, cli_db, tmp_path, capsys, json.dumps(document, ensure_ascii=False).encode())


@profile.long(1000)
@given(body=RAW)
def test_damaged_json_text_long(ws: Workspace, cli_db: Path, tmp_path: Path, capsys: Any,
                                body: bytes) -> None:
    run_add(ws, cli_db, tmp_path, capsys, body)


@pytest.mark.parametrize("body", [
    b"[" * 100_000 + b"]" * 100_000,  # nesting deeper than the JSON parser's recursion
    b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    b"\xef\xbb\xbf" + json.dumps(valid_row(), ensure_ascii=False).encode(),  # BOM is fine
    b"1e999999", b"[NaN, Infinity]", b'"\\ud800"', b"",
])
def test_edge_documents(ws: Workspace, cli_db: Path, tmp_path: Path, capsys: Any,
                        body: bytes) -> None:
    run_add(ws, cli_db, tmp_path, capsys, body)
