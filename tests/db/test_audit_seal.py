"""An audit row sealed together with its outbox text (Journal.change) carries the same hash and
the same `after` text as one sealed alone whose payload is encoded apart: for plain payloads
(orjson writes both texts) and for payloads the standard library writes (a float)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from desktop.models.audit import GENESIS, chain_hash, content_of, seal, seal_with_text
from desktop.models.engine import encode_json

_AT = dt.datetime(2026, 12, 7, 20, 1, 2)
_PLAIN = {"name": "王小明", "birth_date": dt.date(2017, 3, 5), "xjh_provisional": True,
          "members": [{"name": "王大明", "slot": 1, "note": "\u2028𠮷"}]}


def _row(after: dict[str, Any], before: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"seq": 7, "at": _AT, "actor": "a1", "action": "student.create",
            "entity": "student", "entity_id": "s1", "before": before, "after": after}


@pytest.mark.parametrize("after", [_PLAIN, {**_PLAIN, "commute_km": 1e16},
                                   {**_PLAIN, "at": dt.datetime(2026, 1, 2, 3, 4, 5)}])
@pytest.mark.parametrize("before", [None, {"xjh": None}, {"ratio": 0.5}])
def test_sealed_with_its_text_as_when_sealed_alone(after: dict[str, Any],
                                                   before: dict[str, Any] | None) -> None:
    alone = seal(_row(after, before), GENESIS)
    together = _row(after, before)
    text = seal_with_text(together, GENESIS)
    assert text == together["after"] == encode_json(after)
    assert together["hash"] == alone["hash"]
    assert together["prev_hash"] == GENESIS
    # what first_break checks: the stored text, read back as a dict, hashes the same
    assert chain_hash(GENESIS, content_of({**together, "after": after})) == together["hash"]
