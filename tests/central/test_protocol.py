"""XJSP/1 messages without a server: JSON round trips, strict decoding, the canonical bytes
that get signed, Ed25519 signatures, enrollment codes and the client version gate."""

from __future__ import annotations

import enum
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from desktop.sync.wire import protocol as p


def change(**overrides: object) -> p.Change:
    fields = {"change_id": "c1", "device_seq": 1, "record_type": "student", "record_id": "r1",
              "op": "patch", "base_version": 3, "payload": {"home_address": "人民路1号"},
              "actor": "a1", "client_ts": "2026-11-26T08:00:00+08:00"}
    return p.Change(**{**fields, **overrides})  # type: ignore[arg-type]


MESSAGES = [
    p.PushBatch(device_id="d1", batch_id="b1", changes=(change(),)),
    p.PushResult(batch_id="b1", high_water=1, checkpoint=9, results=(
        p.ChangeResult(change_id="c1", device_seq=1, status="conflict", error=p.ChangeError(
            code="conflict", message="冲突", field="phone",
            conflicts=(p.FieldConflict(field="phone", local_value="1", server_value="2"),))),
        p.ChangeResult(change_id="c2", device_seq=2, status="applied", version=4,
                       assigned={"xjh": "G440604201703050110"}))),
    p.PullPage(epoch="e", next_cursor="x", has_more=False, items=(
        p.FeedItem(seq=1, kind="record", record_type="student", record_id="r1", version=2,
                   snapshot={"name": "王小明", "members": [{"name": "李丽"}]}),)),
    p.EnrollRequest(token="t", school_code="s", sign_pub="k", enc_pub="e", proof="p"),
    p.AccessToken(access_token="a", expires_in=900, expires_at="t", device_id="d",
                  school_code="s"),
    p.SnapshotPage(epoch="e", items=(), next_page_token=None, has_more=False, cursor="c"),
]


@pytest.mark.parametrize("message", MESSAGES, ids=lambda m: type(m).__name__)
def test_every_message_survives_json(message: p.Message) -> None:
    again = type(message).from_json(message.to_json())
    assert again == message
    assert json.loads(message.to_json()) == message.to_dict()


def test_decoding_refuses_wrong_shapes_and_ignores_unknown_keys() -> None:
    good = change().to_dict()
    assert p.Change.from_dict({**good, "future_field": 1}) == change()
    for broken in ({k: v for k, v in good.items() if k != "record_id"}, {**good, "device_seq": "1"},
                   {**good, "device_seq": True}, {**good, "op": "drop"}, {**good, "payload": []}):
        with pytest.raises(p.ProtocolError):
            p.Change.from_dict(broken)
    with pytest.raises(p.ProtocolError):
        p.PushBatch.from_json(b"{not json")


def _careful_int_check(value: Any, where: str, depth: int = 0) -> None:
    """check_json_ints as first written: every value visited with the place it is at."""
    if depth > 64:
        raise p.ProtocolError(f"{where}: nested too deep")
    if isinstance(value, int) and not isinstance(value, bool):
        if not -p.MAX_INT - 1 <= value <= p.MAX_INT:
            raise p.ProtocolError(f"{where}: integer out of range")
    elif isinstance(value, dict):
        for key, item in value.items():
            _careful_int_check(item, f"{where}.{key}", depth + 1)
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            _careful_int_check(item, f"{where}[{index}]", depth + 1)


class _Level(enum.IntEnum):
    HIGH = 2**64


def _outcome(check: Any, value: Any) -> str:
    try:
        check(value, "payload")
    except p.ProtocolError as exc:
        return str(exc)
    return "ok"


_LIMIT_INTS = st.sampled_from([0, -1, p.MAX_INT, p.MAX_INT + 1, -p.MAX_INT - 1, -p.MAX_INT - 2,
                               10**30, True, _Level.HIGH])
_JSON = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.text(max_size=3) | st.integers()
    | _LIMIT_INTS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=2), inner,
                                                                 max_size=4),
    max_leaves=30)


@given(_JSON)
def test_the_integer_check_says_what_the_careful_walk_says(value: Any) -> None:
    """Plain data is passed without naming every place; what is refused is named as before."""
    assert _outcome(p.check_json_ints, value) == _outcome(_careful_int_check, value)


@pytest.mark.parametrize("depth", [62, 63, 64, 65, 66])
def test_the_integer_check_refuses_the_same_depths(depth: int) -> None:
    for leaf in (1, "x", 2**64):
        value: Any = leaf
        for level in range(depth):
            value = [value] if level % 2 else {"k": value}
        assert _outcome(p.check_json_ints, value) == _outcome(_careful_int_check, value)


_TEXTS = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=8)
_CANONICAL = st.recursive(
    st.none() | st.booleans() | st.integers() | st.integers(-2**70, 2**70) | _TEXTS
    | st.floats() | st.sampled_from([_Level.HIGH]),
    lambda inner: st.lists(inner, max_size=4) | st.tuples(inner, inner)
    | st.dictionaries(_TEXTS, inner, max_size=4) | st.dictionaries(st.integers(0, 9), inner,
                                                                   max_size=2),
    max_leaves=20)


def _canonical_outcome(encode: Any, value: Any) -> bytes | str:
    try:
        return encode(value)
    except (ValueError, TypeError) as exc:
        return type(exc).__name__


def _reference_canonical(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"),
                      allow_nan=False).encode()


@given(_CANONICAL)
def test_canonical_json_is_the_standard_librarys_bytes(value: Any) -> None:
    """The bytes that get hashed and signed never change: control and astral characters,
    huge integers, floats, non-text keys and lone surrogates alike."""
    assert _canonical_outcome(p.canonical_json, value) == _canonical_outcome(
        _reference_canonical, value)


def test_canonical_json_is_sorted_compact_utf8() -> None:
    assert p.canonical_json({"b": 1, "a": "学"}) == '{"a":"学","b":1}'.encode()
    with pytest.raises(ValueError):
        p.canonical_json({"x": float("nan")})


def test_request_hash_covers_content_but_not_the_clock() -> None:
    assert change().request_hash() == change(client_ts="2030-01-01T00:00:00Z").request_hash()
    assert change().request_hash() != change(payload={"home_address": "人民路2号"}).request_hash()
    assert change().request_hash() != change(base_version=4).request_hash()


def test_signatures_verify_only_the_signed_bytes_with_the_right_key() -> None:
    key, other = p.new_signing_key(), p.new_signing_key()
    message = p.challenge_message("device", "nonce")
    signature = p.sign(key, message)
    assert p.verify(p.signing_public(key), message, signature)
    assert not p.verify(p.signing_public(other), message, signature)
    assert not p.verify(p.signing_public(key), p.challenge_message("device", "other"), signature)
    assert not p.verify("not-a-key", message, signature)
    assert not p.verify(p.signing_public(key), message, "AAAA")
    assert len(p.key_fingerprint(p.sealing_public(p.new_sealing_key()))) == 32


def test_enrollment_codes_carry_a_check_that_catches_typos() -> None:
    code = p.new_enrollment_code()
    plain = code.replace("-", "")
    assert len(plain) == 20 and code.count("-") == 3
    assert p.normalise_enrollment_code(code.lower()) == plain
    assert p.normalise_enrollment_code(" " + plain.replace("0", "O") + " ") == plain
    caught = 0
    for position in range(20):
        replacement = "2" if plain[position] != "2" else "3"
        typo = plain[:position] + replacement + plain[position + 1:]
        caught += p.normalise_enrollment_code(typo) is None
    assert caught >= 19  # a 20-bit check misses one typo in about a million
    assert p.normalise_enrollment_code(plain[:-1]) is None


def test_client_version_gate() -> None:
    assert p.client_supported(p.MIN_CLIENT_VERSION)
    assert p.client_supported("10.0")
    assert not p.client_supported("0.0.9")
    assert p.version_tuple("0.1.0rc1") == (0, 1, 0)
