"""The audit chain's hash is SHA-256 of the previous hash and the standard library's sorted,
compact JSON of the row's content, whichever way the row was sealed: the formula every
register written so far was hashed with."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from desktop.models.audit import GENESIS, content_of, seal, seal_with_text

AFTER = {"name": "王小明", "birth_date": dt.date(2017, 3, 5), "xjh_provisional": True,
         "note": "𠮷\t\"引号\"", "members": [{"name": "王大明", "slot": 1}], "version": 1}


def _formula(prev_hash: str, row: dict[str, Any]) -> str:
    content = content_of(row)
    text = json.dumps(content, ensure_ascii=False, separators=(",", ":"), default=str,
                      sort_keys=True)
    return hashlib.sha256((prev_hash + text).encode("utf-8")).hexdigest()


def _row(after: Any) -> dict[str, Any]:
    return {"seq": 7, "at": dt.datetime(2026, 12, 8, 1, 2, 3), "actor": "账号", "action":
            "student.create", "entity": "student", "entity_id": "id-1", "before": None,
            "after": after}


def test_seal_hashes_the_standard_text() -> None:
    for after in (AFTER, {**AFTER, "distance": 1.5e-05}, {1: "int key"}, None):
        row = seal(_row(after), GENESIS)
        assert row["hash"] == _formula(GENESIS, _row(after))


def test_seal_with_text_hashes_the_same_and_keeps_the_text() -> None:
    prev = "a" * 64
    row = _row(dict(AFTER))
    text = seal_with_text(row, prev)
    assert row["hash"] == _formula(prev, _row(AFTER))
    assert text == row["after"] == json.dumps(AFTER, ensure_ascii=False, separators=(",", ":"),
                                              default=str)
